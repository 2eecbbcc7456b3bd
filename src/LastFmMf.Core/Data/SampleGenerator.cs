using System.Globalization;
using MathNet.Numerics.Distributions;

namespace LastFmMf.Data;

/// <summary>
/// Makes a small synthetic dataset in the HetRec Last.fm shape, from a seed, so that the module has data for a
/// first run, a demo and offline tests without the real download — and data whose structure is known.
/// </summary>
/// <remarks>
/// The planted structure: artists belong to taste groups (genres), each with a Zipf-like popularity order;
/// every user has a main group (some also a second one) and draws most listens from it; within a group the choice
/// follows a personal latent taste (a dot product of user and artist vectors), so two users of the same group
/// differ in a way that their other listens reveal. Global popularity therefore predicts held-out listens
/// badly and a factor model well. Play counts are log-normal around a per-user volume, nudged up by taste match.
/// Tags are the genre names plus descriptive tags, put mostly on artists of the tagger's groups; friendships
/// are symmetric, mostly within a group, and between users of alike personal taste. Everything is drawn from one <see cref="Random"/> seeded by the
/// caller, in a fixed order, so a seed always gives the same tables.
/// </remarks>
public static class SampleGenerator
{
    /// <summary>As many groups as there are genre word lists.</summary>
    public const int MaxGroups = 8;

    /// <summary>The seed of the bundled data/sample (2011, the year of HetRec, and 1 for the first version).
    /// Changing it, or any default of <see cref="SampleOptions"/>, changes every committed sample file.</summary>
    public const int BundledSeed = 20111;

    private const string UrlBase = "https://sample.lastfmmf.invalid";
    private const int MaxPlays = 10_000_000;

    private sealed class ArtistDraft(int group, int rank, string name, double[] taste, int[] traits)
    {
        public int Group { get; } = group;
        public int Rank { get; } = rank;
        public string Name { get; } = name;
        public double[] Taste { get; } = taste;
        public int[] Traits { get; } = traits;
        public int Id { get; set; }
    }

    private sealed record UserDraft(int Id, int Main, int Second, double[] Taste, double Volume);

    /// <summary>Generates the tables for a seed; <paramref name="options"/> defaults to <c>new SampleOptions()</c>.</summary>
    public static SampleData Generate(int seed, SampleOptions? options = null)
    {
        var o = options ?? new SampleOptions();
        o.Validate();
        var rng = new Random(seed);
        var genres = SampleNames.Genres.Take(o.Groups).ToArray();

        var artists = MakeArtists(rng, o, genres);
        var (tags, genreTagIds, traitTagIds, personalTagIds) = MakeTags(rng, genres);
        var users = MakeUsers(rng, o);
        var listens = MakeListens(rng, o, users, artists);
        var friendships = MakeFriendships(rng, o, users);
        var taggings = MakeTaggings(rng, o, users, artists, listens, genreTagIds, traitTagIds, personalTagIds);

        var artistRows = artists.OrderBy(a => a.Id).Select(a => new Artist(a.Id, a.Name, Url(a.Name), Picture(rng, o, a.Id))).ToArray();
        var tables = new HetrecTables(artistRows, tags, listens, friendships, taggings);
        var truth = new SampleTruth(
            genres.Select(g => g.Tag).ToArray(),
            artists.ToDictionary(a => a.Id, a => a.Group),
            users.ToDictionary(u => u.Id, u => u.Main),
            users.Where(u => u.Second >= 0).ToDictionary(u => u.Id, u => u.Second));
        return new SampleData(tables, truth);
    }

    private static ArtistDraft[] MakeArtists(Random rng, SampleOptions o, SampleNames.Genre[] genres)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var drafts = new ArtistDraft[o.Artists];
        for (int i = 0; i < drafts.Length; i++)
        {
            int group = i % o.Groups;
            var name = SampleNames.NewName(rng, genres[group], taken);
            int traitCount = rng.NextDouble() < 0.5 ? 1 : 2;
            var traits = Enumerable.Range(0, traitCount).Select(_ => rng.Next(SampleNames.TraitTags.Length)).Distinct().ToArray();
            drafts[i] = new ArtistDraft(group, i / o.Groups + 1, name, Normals(rng, o.TasteDimensions), traits);
        }
        // Ids in a shuffled order with gaps, as in the real file, so that an id says nothing about a group.
        var order = Enumerable.Range(0, drafts.Length).ToArray();
        rng.Shuffle(order);
        var ids = GappedIds(rng, first: 1, order.Length);
        for (int k = 0; k < order.Length; k++) drafts[order[k]].Id = ids[k];
        return drafts;
    }

    private static (Tag[] Tags, int[] Genre, int[] Trait, int[] Personal) MakeTags(Random rng, SampleNames.Genre[] genres)
    {
        var names = genres.Select(g => g.Tag).Concat(SampleNames.TraitTags).Concat(SampleNames.PersonalTags).ToArray();
        var ids = GappedIds(rng, first: 1, names.Length);
        var tags = names.Select((n, i) => new Tag(ids[i], n)).ToArray();
        int g = genres.Length, t = SampleNames.TraitTags.Length;
        return (tags, ids[..g], ids[g..(g + t)], ids[(g + t)..]);
    }

    private static UserDraft[] MakeUsers(Random rng, SampleOptions o)
    {
        var ids = GappedIds(rng, first: 2, o.Users);
        var users = new UserDraft[o.Users];
        for (int i = 0; i < users.Length; i++)
        {
            int main = rng.Next(o.Groups);
            int second = -1;
            if (o.Groups > 1 && rng.NextDouble() < o.SecondGroupShare)
                second = (main + 1 + rng.Next(o.Groups - 1)) % o.Groups;
            users[i] = new UserDraft(ids[i], main, second, Normals(rng, o.TasteDimensions), Normal.Sample(rng, o.PlayLogMean, o.UserVolumeSigma));
        }
        return users;
    }

    private static Listen[] MakeListens(Random rng, SampleOptions o, UserDraft[] users, ArtistDraft[] artists)
    {
        var byGroup = Enumerable.Range(0, o.Groups)
            .Select(g => Enumerable.Range(0, artists.Length).Where(i => artists[i].Group == g).ToArray()).ToArray();
        var listens = new List<Listen>();
        var listened = new bool[artists.Length];
        foreach (var user in users)
        {
            double extra = LogNormal.Sample(rng, Math.Log(o.ExtraArtistsMedian), 0.8);
            int count = (int)Math.Clamp(o.MinArtistsPerUser + Math.Floor(extra), o.MinArtistsPerUser, o.MaxArtistsPerUser);
            var taken = new bool[artists.Length];
            for (int k = 0; k < count; k++)
            {
                int group = PickGroup(rng, o, user, byGroup, taken);
                int a = PickArtist(rng, o, user, artists, byGroup[group], taken);
                taken[a] = listened[a] = true;
                listens.Add(new Listen(user.Id, artists[a].Id, Plays(rng, o, user, artists[a])));
            }
        }
        // Every artist of artists.dat has a listener in the real data; give the unlucky few one from their group.
        for (int a = 0; a < artists.Length; a++)
        {
            if (listened[a]) continue;
            var fans = users.Where(u => u.Main == artists[a].Group).ToArray();
            var user = fans.Length > 0 ? fans[rng.Next(fans.Length)] : users[rng.Next(users.Length)];
            listens.Add(new Listen(user.Id, artists[a].Id, Plays(rng, o, user, artists[a])));
        }
        return listens.OrderBy(l => l.UserId).ThenBy(l => l.ArtistId).ToArray();
    }

    private static int PickGroup(Random rng, SampleOptions o, UserDraft user, int[][] byGroup, bool[] taken)
    {
        bool Open(int g) => byGroup[g].Any(a => !taken[a]);
        double r = rng.NextDouble();
        if (user.Second < 0)
        {
            if (r < o.MainGroupShare && Open(user.Main)) return user.Main;
        }
        else
        {
            if (r < o.TwoGroupMainShare && Open(user.Main)) return user.Main;
            if (r < o.TwoGroupMainShare + o.TwoGroupSecondShare && Open(user.Second)) return user.Second;
        }
        var others = Enumerable.Range(0, byGroup.Length).Where(g => g != user.Main && g != user.Second && Open(g)).ToArray();
        if (others.Length > 0) return others[rng.Next(others.Length)];
        return Enumerable.Range(0, byGroup.Length).First(Open);
    }

    /// <summary>An artist of the group not yet taken, with odds from its popularity rank and the user's taste.</summary>
    private static int PickArtist(Random rng, SampleOptions o, UserDraft user, ArtistDraft[] artists, int[] group, bool[] taken)
    {
        var open = group.Where(a => !taken[a]).ToArray();
        var weights = open.Select(a => Math.Exp(-o.ZipfExponent * Math.Log(artists[a].Rank) + o.TasteWeight * Match(user, artists[a]))).ToArray();
        double x = rng.NextDouble() * weights.Sum();
        for (int i = 0; i < open.Length; i++)
        {
            x -= weights[i];
            if (x < 0) return open[i];
        }
        return open[^1];
    }

    private static int Plays(Random rng, SampleOptions o, UserDraft user, ArtistDraft artist)
    {
        double plays = LogNormal.Sample(rng, user.Volume + o.PlayTasteWeight * Match(user, artist), o.PlayLogSigma);
        return (int)Math.Clamp(Math.Round(plays), 1, MaxPlays);
    }

    /// <summary>The taste match of a user and an artist, scaled to unit variance whatever the dimension.</summary>
    private static double Match(UserDraft user, ArtistDraft artist) => Match(user.Taste, artist.Taste);

    private static double Match(double[] x, double[] y)
    {
        double dot = 0;
        for (int k = 0; k < x.Length; k++) dot += x[k] * y[k];
        return dot / Math.Sqrt(x.Length);
    }

    private static Friendship[] MakeFriendships(Random rng, SampleOptions o, UserDraft[] users)
    {
        var byGroup = Enumerable.Range(0, o.Groups).Select(g => users.Where(u => u.Main == g).ToArray()).ToArray();
        var pairs = new HashSet<(int, int)>();
        foreach (var user in users)
        {
            // Each user starts about half of their friendships and receives the other half.
            int count = Poisson.Sample(rng, o.FriendsMean / 2);
            for (int k = 0; k < count; k++)
            {
                var pool = rng.NextDouble() < o.FriendInGroupShare ? byGroup[user.Main] : users;
                var friend = PickFriend(rng.NextDouble(), o, user, pool);
                if (friend.Id == user.Id) continue;
                pairs.Add((Math.Min(user.Id, friend.Id), Math.Max(user.Id, friend.Id)));
            }
        }
        return pairs.SelectMany(p => new[] { new Friendship(p.Item1, p.Item2), new Friendship(p.Item2, p.Item1) })
            .OrderBy(f => f.UserId).ThenBy(f => f.FriendId).ToArray();
    }

    /// <summary>
    /// A friend from the pool with odds exp(FriendTasteWeight · taste match of the two users), so friends share personal taste
    /// beyond their group (what the cold-start blend's friend signal finds). One uniform draw per pick, as a plain uniform
    /// pick takes, so the rest of the stream (the taggings) does not move.
    /// </summary>
    private static UserDraft PickFriend(double u, SampleOptions o, UserDraft user, UserDraft[] pool)
    {
        var weights = pool.Select(v => Math.Exp(o.FriendTasteWeight * Match(user.Taste, v.Taste))).ToArray();
        double x = u * weights.Sum();
        for (int i = 0; i < pool.Length; i++)
        {
            x -= weights[i];
            if (x < 0) return pool[i];
        }
        return pool[^1];
    }

    private static TagAssignment[] MakeTaggings(Random rng, SampleOptions o, UserDraft[] users, ArtistDraft[] artists, Listen[] listens,
        int[] genreTags, int[] traitTags, int[] personalTags)
    {
        var artistById = artists.ToDictionary(a => a.Id);
        var listensByUser = listens.ToLookup(l => l.UserId);
        var rows = new List<TagAssignment>();
        var firstMonth = new DateOnly(2005, 8, 1);
        int months = (2011 - 2005) * 12 + (5 - 8);
        foreach (var user in users)
        {
            if (rng.NextDouble() >= o.TaggingUserShare) continue;
            var own = listensByUser[user.Id].ToList();
            int count = Math.Min(own.Count, 1 + Poisson.Sample(rng, Math.Max(0, o.TaggedArtistsMean - 1)));
            int start = rng.Next(months);
            // Users tag what they play most: draw artists without replacement, weighted by the square root of plays.
            for (int k = 0; k < count; k++)
            {
                var weights = own.Select(l => Math.Sqrt(l.Weight)).ToArray();
                double x = rng.NextDouble() * weights.Sum();
                int pick = own.Count - 1;
                for (int i = 0; i < own.Count; i++) { x -= weights[i]; if (x < 0) { pick = i; break; } }
                var artist = artistById[own[pick].ArtistId];
                own.RemoveAt(pick);

                var chosen = new SortedSet<int>();
                if (rng.NextDouble() < 0.85) chosen.Add(genreTags[artist.Group]);
                foreach (var t in artist.Traits) if (rng.NextDouble() < 0.5) chosen.Add(traitTags[t]);
                if (rng.NextDouble() < 0.1) chosen.Add(traitTags[rng.Next(traitTags.Length)]);
                if (rng.NextDouble() < 0.2) chosen.Add(personalTags[rng.Next(personalTags.Length)]);
                if (chosen.Count == 0) chosen.Add(genreTags[artist.Group]);

                int month = Math.Min(months - 1, start + Geometric.Sample(rng, 0.15) - 1);
                var first = firstMonth.AddMonths(month);
                // Most real rows carry day 1; a few other days keep readers honest.
                int day = rng.NextDouble() < 0.95 ? 1 : rng.Next(2, 29);
                var date = new DateOnly(first.Year, first.Month, day);
                foreach (var tag in chosen) rows.Add(new TagAssignment(user.Id, artist.Id, tag, date, ArtistKnown: true));
            }
        }
        return rows.OrderBy(r => r.UserId).ThenBy(r => r.ArtistId).ThenBy(r => r.TagId).ToArray();
    }

    /// <summary>Ascending ids from <paramref name="first"/>, mostly consecutive with a gap now and then.</summary>
    private static int[] GappedIds(Random rng, int first, int count)
    {
        var ids = new int[count];
        int next = first;
        for (int i = 0; i < count; i++)
        {
            ids[i] = next;
            next += 1 + (rng.NextDouble() < 0.15 ? rng.Next(1, 6) : 0);
        }
        return ids;
    }

    private static double[] Normals(Random rng, int n)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Normal.Sample(rng, 0, 1);
        return v;
    }

    private static string Url(string name) => $"{UrlBase}/music/{name.Replace(' ', '+')}";

    private static string Picture(Random rng, SampleOptions o, int id) =>
        rng.NextDouble() < o.MissingPictureShare ? "" : string.Create(CultureInfo.InvariantCulture, $"{UrlBase}/serve/252/{id}.jpg");
}
