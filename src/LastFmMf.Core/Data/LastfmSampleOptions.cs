namespace LastFmMf.Data;

/// <summary>
/// The size and quirks of a generated Last.fm-360K or -1K sample. Defaults give a small file; <see cref="Rows"/> scales
/// it to any size (the real 360K file has 17,559,530 rows, the 1K file 19,150,868), and the catalogue and user counts
/// follow the real ratios unless set.
/// </summary>
public sealed record LastfmSampleOptions
{
    /// <summary>Well-formed data lines to write (listening rows for 360K, scrobbles for 1K).</summary>
    public long Rows { get; init; } = 100_000;

    /// <summary>Artists in the catalogue drawn from (Zipf-like, so the tail is rarely drawn). Default: rows/60 for 360K
    /// (294,015 artists for 17.5 M rows in the real data), rows/108 for 1K.</summary>
    public int? Artists { get; init; }

    /// <summary>1K only: number of users (the real file has 992). Default: rows/1,000, between 1 and 992.</summary>
    public int? Users { get; init; }

    /// <summary>Share of the catalogue with no MusicBrainz id (36.5 % of the real 360K artists); the most popular (the top 100, or 2 % of a small catalogue) always have one.</summary>
    public double MbidlessFraction { get; init; } = 0.365;

    /// <summary>Malformed lines mixed in, spread evenly (a missing column, a play count or timestamp that is not one, a bad user id).</summary>
    public int MalformedLines { get; init; }

    /// <summary>Also write the profile file.</summary>
    public bool Profiles { get; init; } = true;

    internal void Validate()
    {
        if (Rows < 1) throw new ArgumentOutOfRangeException(nameof(Rows), Rows, "Rows must be at least 1.");
        if (Artists is < 1) throw new ArgumentOutOfRangeException(nameof(Artists), Artists, "Artists must be at least 1.");
        if (Users is < 1 or > 999_999) throw new ArgumentOutOfRangeException(nameof(Users), Users, "Users must be between 1 and 999,999 (the ids are user_NNNNNN).");
        if (!(MbidlessFraction is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(MbidlessFraction), MbidlessFraction, "MbidlessFraction must be between 0 and 1.");
        if (MalformedLines < 0 || MalformedLines > Rows) throw new ArgumentOutOfRangeException(nameof(MalformedLines), MalformedLines, "MalformedLines must be between 0 and Rows.");
    }
}

/// <summary>What a generator wrote: counts that a reader of the files must find again.</summary>
/// <param name="Folder">Where the files are.</param>
/// <param name="Rows">Well-formed data lines.</param>
/// <param name="Users">Distinct users with at least one row.</param>
/// <param name="Artists">Distinct artists in the rows (by MBID, else by name).</param>
/// <param name="MbidlessArtists">Of those, artists known by name only.</param>
/// <param name="Pairs">Distinct user–artist pairs (what the dataset's listens count).</param>
/// <param name="MalformedLines">Malformed lines written among the rows.</param>
/// <param name="Files">The files written, full paths.</param>
public sealed record LastfmSampleSummary(string Folder, long Rows, int Users, int Artists, int MbidlessArtists, long Pairs, int MalformedLines, IReadOnlyList<string> Files);
