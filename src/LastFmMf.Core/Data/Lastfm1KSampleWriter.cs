using System.Globalization;
using LastFmMf.Randomness;

namespace LastFmMf.Data;

/// <summary>
/// Writes a synthetic Last.fm-1K collection (<see cref="LastfmFiles.Scrobbles1K"/> and <see cref="LastfmFiles.Profiles1K"/>)
/// of any size from a seed, streaming.
/// </summary>
/// <remarks>
/// The real file is every scrobble (one play of one track) of about a thousand users, grouped by user, newest first.
/// So: users' scrobble counts are log-normal (heavy-tailed); each user has a personal list of artists drawn by Zipf
/// popularity and plays them with Zipf-like repetition, a few tracks each; times go back from 2009 by exponential
/// gaps. Artists without an MBID have tracks without one too; one track in eight has none anyway.
/// </remarks>
public static class Lastfm1KSampleWriter
{
    private const ulong Purpose = 0x1_4B;
    private static readonly DateTime LastScrobble = new(2009, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    public static LastfmSampleSummary Write(string folder, int seed, LastfmSampleOptions? options = null, CancellationToken cancel = default)
    {
        var o = options ?? new LastfmSampleOptions();
        o.Validate();
        Directory.CreateDirectory(folder);
        int catalogue = o.Artists ?? (int)Math.Clamp(o.Rows / 108, 1000, int.MaxValue);
        int userCount = o.Users ?? (int)Math.Clamp(o.Rows / 1000, 1, 992);
        if (userCount > o.Rows) userCount = (int)o.Rows;
        var zipf = new ZipfTable(catalogue, 0.9);
        var artists = new ArtistCatalogue(seed, catalogue, o.MbidlessFraction);
        var counts = ScrobbleCounts(seed, userCount, o.Rows);

        var path = Path.Combine(folder, LastfmFiles.Scrobbles1K);
        var malformedEvery = o.MalformedLines == 0 ? long.MaxValue : Math.Max(1, o.Rows / (o.MalformedLines + 1));
        int malformed = 0;
        long written = 0, pairs = 0;
        var picked = new HashSet<int>();
        var heard = new HashSet<int>();
        using (var w = Lastfm360KSampleWriter.Open(path))
        {
            for (int u = 0; u < userCount; u++)
            {
                var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, Purpose, 2, (ulong)u));
                string user = UserId(u + 1);
                long n = counts[u];
                // A personal list of artists (popular ones more likely), played with Zipf-like repetition.
                int listSize = (int)Math.Clamp(5 * Math.Sqrt(n), 1, catalogue);
                var list = new int[listSize];
                picked.Clear();
                for (int i = 0; i < listSize; i++)
                {
                    int r;
                    do r = zipf.Next(ref rng); while (!picked.Add(r) && picked.Count < catalogue);
                    list[i] = r;
                }
                var favourite = new ZipfTable(listSize, 1.1);
                double meanGapSeconds = 3.0e7 / Math.Max(1, n) + 200;
                var time = LastScrobble.AddSeconds(-rng.NextInt(30 * 86400));
                heard.Clear();
                for (long i = 0; i < n; i++)
                {
                    if ((i & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
                    int rank = list[favourite.Next(ref rng)];
                    artists.Use(rank);
                    if (heard.Add(rank)) pairs++;
                    int track = Math.Min(9, (int)(-Math.Log(1 - rng.NextDouble()) * 2));
                    w.Write(user); w.Write('\t');
                    w.Write(Timestamp(time)); w.Write('\t');
                    w.Write(artists.MbidAndName(rank)); w.Write('\t');
                    w.Write(TrackColumns(seed, rank, track, artists.IsMbidless(rank))); w.Write('\n');
                    written++;
                    if (malformed < o.MalformedLines && written % malformedEvery == 0)
                        w.Write(Malformed(malformed++, user, time, artists.MbidAndName(rank)));
                    time = time.AddSeconds(-(1 + meanGapSeconds * -Math.Log(1 - rng.NextDouble())));
                }
            }
            while (malformed < o.MalformedLines) w.Write(Malformed(malformed++, UserId(userCount), LastScrobble, artists.MbidAndName(0)));
        }

        var files = new List<string> { path };
        if (o.Profiles)
        {
            var profiles = Path.Combine(folder, LastfmFiles.Profiles1K);
            WriteProfiles(profiles, seed, userCount);
            files.Add(profiles);
        }
        return new LastfmSampleSummary(folder, written, userCount, artists.Used, artists.UsedWithoutMbid, pairs, malformed, files);
    }

    public static string UserId(int number) => "user_" + number.ToString("000000", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Log-normal shares of the rows, each user at least one.
    private static long[] ScrobbleCounts(int seed, int users, long rows)
    {
        var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, Purpose, 0));
        var share = new double[users];
        for (int u = 0; u < users; u++) share[u] = Math.Exp(1.0 * Lastfm360KSampleWriter.Normal(ref rng));
        double total = share.Sum();
        var counts = new long[users];
        long sum = 0;
        for (int u = 0; u < users; u++) sum += counts[u] = 1 + (long)((rows - users) * share[u] / total);
        for (int u = 0; sum < rows; u = (u + 1) % users) { counts[u]++; sum++; }
        return counts;
    }

    private static string TrackColumns(int seed, int rank, int track, bool artistMbidless)
    {
        var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, 0x7ACC, (ulong)rank, (ulong)track));
        var mbid = artistMbidless || rng.NextDouble() < 0.125 ? "" : LastfmSampleNames.Mbid(ref rng);
        return $"{mbid}\t{LastfmSampleNames.Artist(rank * 10 + track + 7)} (part {track + 1})";
    }

    private static string Malformed(int k, string user, DateTime time, string mbidAndName) => (k % 3) switch
    {
        0 => $"{user}\t{Timestamp(time)}\t{mbidAndName}\n",                  // four columns of six
        1 => $"{user}\tyesterday\t{mbidAndName}\t\tsome track\n",             // a timestamp that is not one
        _ => $"someone\t{Timestamp(time)}\t{mbidAndName}\t\tsome track\n",     // a user id that is not user_NNNNNN
    };

    private static void WriteProfiles(string path, int seed, int users)
    {
        var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, Purpose, 3));
        var first = new DateOnly(2002, 10, 29);
        using var w = Lastfm360KSampleWriter.Open(path);
        w.Write("#id\tgender\tage\tcountry\tregistered\n");
        for (int u = 1; u <= users; u++)
        {
            w.Write(UserId(u)); w.Write('\t');
            w.Write(LastfmSampleNames.ProfileColumns(ref rng, first.AddDays(rng.NextInt(2300)))); w.Write('\n');
        }
    }
}
