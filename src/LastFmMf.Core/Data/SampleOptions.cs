namespace LastFmMf.Data;

/// <summary>
/// The knobs of the synthetic sample. The defaults make the bundled data/sample: small enough to ship and to
/// train in a second, with enough planted structure (taste groups, personal taste within a group, heavy tails)
/// that a personalised model has something to find that global popularity cannot.
/// Change a default and the committed sample no longer matches its generator; regenerate it.
/// </summary>
public sealed record SampleOptions
{
    /// <summary>Number of users (default 300).</summary>
    public int Users { get; init; } = 300;

    /// <summary>Number of artists (default 400), dealt round-robin to the groups.</summary>
    public int Artists { get; init; } = 400;

    /// <summary>Number of taste groups (genres), at most <see cref="SampleGenerator.MaxGroups"/> (default 8).</summary>
    public int Groups { get; init; } = 8;

    /// <summary>Share of users with a second group beside their main one (default 0.2).</summary>
    public double SecondGroupShare { get; init; } = 0.2;

    /// <summary>Chance that a listen of a one-group user is in the main group (default 0.88); the rest is spread over other groups.</summary>
    public double MainGroupShare { get; init; } = 0.88;

    /// <summary>For a two-group user: chance that a listen is in the main group (default 0.6) ...</summary>
    public double TwoGroupMainShare { get; init; } = 0.6;

    /// <summary>... and in the second group (default 0.3); the rest is spread over the other groups.</summary>
    public double TwoGroupSecondShare { get; init; } = 0.3;

    /// <summary>Fewest artists per user (default 15).</summary>
    public int MinArtistsPerUser { get; init; } = 15;

    /// <summary>Most artists per user (default 60); between the bounds the count is log-normal, so a few users listen widely.</summary>
    public int MaxArtistsPerUser { get; init; } = 60;

    /// <summary>Median number of artists a user has beyond <see cref="MinArtistsPerUser"/> (default 10).</summary>
    public double ExtraArtistsMedian { get; init; } = 10;

    /// <summary>Zipf exponent of artist popularity within a group (default 1.0): the group's first artist is chosen about twice as often as its second.</summary>
    public double ZipfExponent { get; init; } = 1.0;

    /// <summary>Dimensions of the personal latent taste of users and artists (default 3).</summary>
    public int TasteDimensions { get; init; } = 3;

    /// <summary>How much the personal taste (a dot product of standard normals, scaled to unit variance) moves the log-odds
    /// of choosing an artist within a group (default 2.5). Zero leaves only group and popularity, and personalisation
    /// would not matter; at 2.5 item-neighbours beat an oracle that knows each user's group by about 0.1 in recall@10.</summary>
    public double TasteWeight { get; init; } = 2.5;

    /// <summary>Median play count of an average user on an average artist, on the log scale (default 5.2, about 180 plays).</summary>
    public double PlayLogMean { get; init; } = 5.2;

    /// <summary>Spread of users' overall listening volume on the log scale (default 0.7).</summary>
    public double UserVolumeSigma { get; init; } = 0.7;

    /// <summary>Spread of one play count around its user's volume on the log scale (default 1.0); with the volume spread, the
    /// maximum lands in the tens of thousands.</summary>
    public double PlayLogSigma { get; init; } = 1.0;

    /// <summary>Log-scale bonus on play counts per unit of taste match (default 0.5), so that weights, too, carry taste.</summary>
    public double PlayTasteWeight { get; init; } = 0.5;

    /// <summary>Share of users who tag at all (default 0.7).</summary>
    public double TaggingUserShare { get; init; } = 0.7;

    /// <summary>Mean number of distinct artists a tagging user tags (default 6).</summary>
    public double TaggedArtistsMean { get; init; } = 6;

    /// <summary>Mean number of friends per user (default 10); friendships are symmetric, so each counts twice in the file.</summary>
    public double FriendsMean { get; init; } = 10;

    /// <summary>Chance that a friend is drawn from the user's main group (default 0.8).</summary>
    public double FriendInGroupShare { get; init; } = 0.8;

    /// <summary>How much two users' personal taste match (as for artists) moves the odds of their friendship (default 3): friends
    /// share taste beyond their group, as the friends graph of the real data does.</summary>
    public double FriendTasteWeight { get; init; } = 3;

    /// <summary>Share of artists with an empty pictureURL (default 0.03), as on 444 rows of the real file.</summary>
    public double MissingPictureShare { get; init; } = 0.03;

    /// <summary>Fails with a message that names the parameter and its allowed range.</summary>
    public void Validate()
    {
        Check(Users >= 2, nameof(Users), Users, "at least 2");
        Check(Groups is >= 1 and <= SampleGenerator.MaxGroups, nameof(Groups), Groups, $"between 1 and {SampleGenerator.MaxGroups}");
        Check(Artists >= Groups * 2, nameof(Artists), Artists, $"at least twice {nameof(Groups)} ({Groups * 2})");
        Check(MinArtistsPerUser >= 1, nameof(MinArtistsPerUser), MinArtistsPerUser, "at least 1");
        Check(MaxArtistsPerUser >= MinArtistsPerUser && MaxArtistsPerUser <= Artists, nameof(MaxArtistsPerUser), MaxArtistsPerUser,
            $"between {nameof(MinArtistsPerUser)} ({MinArtistsPerUser}) and {nameof(Artists)} ({Artists})");
        Check(ExtraArtistsMedian > 0, nameof(ExtraArtistsMedian), ExtraArtistsMedian, "greater than 0");
        Check(IsShare(SecondGroupShare), nameof(SecondGroupShare), SecondGroupShare, "between 0 and 1");
        Check(IsShare(MainGroupShare), nameof(MainGroupShare), MainGroupShare, "between 0 and 1");
        Check(IsShare(TwoGroupMainShare), nameof(TwoGroupMainShare), TwoGroupMainShare, "between 0 and 1");
        Check(IsShare(TwoGroupSecondShare) && TwoGroupMainShare + TwoGroupSecondShare <= 1, nameof(TwoGroupSecondShare), TwoGroupSecondShare,
            $"between 0 and 1 - {nameof(TwoGroupMainShare)}");
        Check(ZipfExponent >= 0, nameof(ZipfExponent), ZipfExponent, "0 or more");
        Check(TasteDimensions >= 1, nameof(TasteDimensions), TasteDimensions, "at least 1");
        Check(TasteWeight >= 0, nameof(TasteWeight), TasteWeight, "0 or more");
        Check(PlayLogMean is >= 0 and <= 10, nameof(PlayLogMean), PlayLogMean, "between 0 and 10");
        Check(UserVolumeSigma is >= 0 and <= 3, nameof(UserVolumeSigma), UserVolumeSigma, "between 0 and 3");
        Check(PlayLogSigma is > 0 and <= 3, nameof(PlayLogSigma), PlayLogSigma, "greater than 0 and at most 3");
        Check(PlayTasteWeight is >= 0 and <= 3, nameof(PlayTasteWeight), PlayTasteWeight, "between 0 and 3");
        Check(IsShare(TaggingUserShare), nameof(TaggingUserShare), TaggingUserShare, "between 0 and 1");
        Check(TaggedArtistsMean > 0, nameof(TaggedArtistsMean), TaggedArtistsMean, "greater than 0");
        Check(FriendsMean >= 0, nameof(FriendsMean), FriendsMean, "0 or more");
        Check(IsShare(FriendInGroupShare), nameof(FriendInGroupShare), FriendInGroupShare, "between 0 and 1");
        Check(FriendTasteWeight is >= 0 and <= 10, nameof(FriendTasteWeight), FriendTasteWeight, "between 0 and 10");
        Check(IsShare(MissingPictureShare), nameof(MissingPictureShare), MissingPictureShare, "between 0 and 1");
    }

    private static bool IsShare(double x) => x is >= 0 and <= 1;

    private static void Check(bool ok, string name, object value, string allowed)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"SampleOptions.{name} must be {allowed}; it is {value}.");
    }
}
