namespace LastFmMf.Data;

/// <summary>
/// The listens as an immutable compressed-sparse-row matrix: for user index u, the artist indices
/// <c>ArtistIndex[RowStart[u]..RowStart[u+1]]</c> (ascending) and their play counts in <c>Plays</c>. Play counts are
/// whole numbers and kept exact as int (float, as before, rounded 16,777,217 to 16,777,216; the memory is the same).
/// The arrays are never mutated after construction; the core reads them directly for speed.
/// </summary>
public sealed class Interactions
{
    internal readonly int[] RowStart;
    internal readonly int[] ArtistIndex;
    internal readonly int[] Plays;
    // Unix seconds of each pair's first and last listen, aligned with ArtistIndex; null when the data has no times
    // (HetRec and Last.fm-360K give totals only; Last.fm-1K gives every scrobble).
    internal readonly long[]? FirstTime;
    internal readonly long[]? LastTime;

    public int UserCount { get; }
    public int ArtistCount { get; }
    public int Count => ArtistIndex.Length;

    internal Interactions(int userCount, int artistCount, int[] rowStart, int[] artistIndex, int[] plays,
        long[]? firstTime = null, long[]? lastTime = null)
    {
        if (rowStart.Length != userCount + 1) throw new ArgumentException("rowStart must have userCount + 1 entries.");
        if (artistIndex.Length != plays.Length) throw new ArgumentException("artistIndex and plays differ in length.");
        if ((firstTime is null) != (lastTime is null) || (firstTime is not null && (firstTime.Length != plays.Length || lastTime!.Length != plays.Length)))
            throw new ArgumentException("firstTime and lastTime must both be given, aligned with plays, or both be null.");
        UserCount = userCount;
        ArtistCount = artistCount;
        RowStart = rowStart;
        ArtistIndex = artistIndex;
        Plays = plays;
        FirstTime = firstTime;
        LastTime = lastTime;
    }

    /// <summary>Whether each pair carries the time of its first and last listen (Last.fm-1K).</summary>
    public bool HasTimes => LastTime is not null;

    /// <summary>When the user first played each artist, aligned with <see cref="ArtistsOf"/>; empty without times.</summary>
    public ReadOnlySpan<long> FirstTimesOf(int user) => FirstTime is null ? default : FirstTime.AsSpan(RowStart[user], RowLength(user));

    /// <summary>When the user last played each artist, aligned with <see cref="ArtistsOf"/>; empty without times.</summary>
    public ReadOnlySpan<long> LastTimesOf(int user) => LastTime is null ? default : LastTime.AsSpan(RowStart[user], RowLength(user));

    /// <summary>Builds the CSR matrix from unordered (user, artist, plays) triples; a repeated pair is refused.</summary>
    public static Interactions FromTriples(int userCount, int artistCount, ReadOnlySpan<int> users, ReadOnlySpan<int> artists, ReadOnlySpan<int> plays)
    {
        int n = users.Length;
        var rowStart = new int[userCount + 1];
        foreach (var u in users) rowStart[u + 1]++;
        for (int u = 0; u < userCount; u++) rowStart[u + 1] += rowStart[u];
        var next = (int[])rowStart.Clone();
        var a = new int[n];
        var w = new int[n];
        for (int i = 0; i < n; i++)
        {
            int at = next[users[i]]++;
            a[at] = artists[i];
            w[at] = plays[i];
        }
        for (int u = 0; u < userCount; u++)
        {
            int s = rowStart[u], len = rowStart[u + 1] - s;
            Array.Sort(a, w, s, len);
            for (int i = s + 1; i < s + len; i++)
                if (a[i] == a[i - 1]) throw new ArgumentException($"Pair (user index {u}, artist index {a[i]}) occurs twice.");
        }
        return new Interactions(userCount, artistCount, rowStart, a, w);
    }

    /// <summary>Number of artists user <paramref name="user"/> listened to.</summary>
    public int RowLength(int user) => RowStart[user + 1] - RowStart[user];

    /// <summary>The artist indices of a user, ascending.</summary>
    public ReadOnlySpan<int> ArtistsOf(int user) => ArtistIndex.AsSpan(RowStart[user], RowStart[user + 1] - RowStart[user]);

    /// <summary>The play counts of a user, aligned with <see cref="ArtistsOf"/>.</summary>
    public ReadOnlySpan<int> PlaysOf(int user) => Plays.AsSpan(RowStart[user], RowStart[user + 1] - RowStart[user]);

    /// <summary>A copy of <see cref="ArtistsOf"/> as an array, for PowerShell (which cannot call methods returning spans).</summary>
    public int[] GetArtists(int user) => ArtistsOf(user).ToArray();

    /// <summary>A copy of <see cref="LastTimesOf"/> as an array, for PowerShell (Unix seconds; empty without times).</summary>
    public long[] GetLastTimes(int user) => LastTimesOf(user).ToArray();

    /// <summary>A copy of <see cref="FirstTimesOf"/> as an array, for PowerShell (Unix seconds; empty without times).</summary>
    public long[] GetFirstTimes(int user) => FirstTimesOf(user).ToArray();

    /// <summary>A copy of <see cref="PlaysOf"/> as an array, for PowerShell.</summary>
    public int[] GetPlays(int user) => PlaysOf(user).ToArray();

    /// <summary>Whether the user listened to the artist (binary search in the sorted row).</summary>
    public bool Contains(int user, int artist) => ArtistsOf(user).BinarySearch(artist) >= 0;

    /// <summary>Number of distinct users per artist.</summary>
    public int[] ListenerCounts()
    {
        var counts = new int[ArtistCount];
        foreach (var a in ArtistIndex) counts[a]++;
        return counts;
    }

    /// <summary>Keeps the entries for which <paramref name="keep"/> (indexed by entry position) is true.</summary>
    public Interactions Where(ReadOnlySpan<bool> keep)
    {
        var rowStart = new int[UserCount + 1];
        int kept = 0;
        for (int i = 0; i < keep.Length; i++) if (keep[i]) kept++;
        var a = new int[kept];
        var w = new int[kept];
        var first = FirstTime is null ? null : new long[kept];
        var last = LastTime is null ? null : new long[kept];
        int at = 0;
        for (int u = 0; u < UserCount; u++)
        {
            for (int i = RowStart[u]; i < RowStart[u + 1]; i++)
            {
                if (!keep[i]) continue;
                a[at] = ArtistIndex[i];
                w[at] = Plays[i];
                if (first is not null) { first[at] = FirstTime![i]; last![at] = LastTime![i]; }
                at++;
            }
            rowStart[u + 1] = at;
        }
        return new Interactions(UserCount, ArtistCount, rowStart, a, w, first, last);
    }

    /// <summary>"92,834 listens of 1,892 users" (a CSV cell of a dataset reads as a count).</summary>
    public override string ToString() => $"{Count:N0} listens of {UserCount:N0} users";
}
