using System.Text;
using LastFmMf.Randomness;

namespace LastFmMf.Data;

/// <summary>
/// Writes a synthetic Last.fm-360K collection (<see cref="LastfmFiles.Listens360K"/> and <see cref="LastfmFiles.Profiles360K"/>)
/// of any size from a seed, streaming: memory is the catalogue and the user list, never the rows.
/// </summary>
/// <remarks>
/// The real file is each user's top artists with total plays, grouped by user, most played first. So: most users have
/// 50 artists and a few fewer (mean about 49), drawn without repeats by Zipf popularity (exponent 0.9); plays are
/// log-normal around a per-user volume (heavy-tailed: a few users and artists have thousands); a share of the artists
/// have no MBID; users come in SHA-1 order. Every draw comes from streams derived from the caller's seed.
/// </remarks>
public static class Lastfm360KSampleWriter
{
    private const ulong Purpose = 0x360_4B;
    private const int TopArtists = 50;

    public static LastfmSampleSummary Write(string folder, int seed, LastfmSampleOptions? options = null, CancellationToken cancel = default)
    {
        var o = options ?? new LastfmSampleOptions();
        o.Validate();
        Directory.CreateDirectory(folder);
        int catalogue = o.Artists ?? (int)Math.Clamp(o.Rows / 60, 1000, int.MaxValue);
        var zipf = new ZipfTable(catalogue, 0.9);
        var artists = new ArtistCatalogue(seed, catalogue, o.MbidlessFraction);

        var counts = UserCounts(seed, o.Rows);
        var userRng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, Purpose, 1));
        var users = new string[counts.Length];
        for (int i = 0; i < users.Length; i++) users[i] = LastfmSampleNames.Sha1(ref userRng);
        Array.Sort(users, StringComparer.Ordinal);

        var listens = Path.Combine(folder, LastfmFiles.Listens360K);
        var malformedEvery = o.MalformedLines == 0 ? long.MaxValue : Math.Max(1, o.Rows / (o.MalformedLines + 1));
        int malformed = 0;
        long written = 0;
        var picked = new HashSet<int>();
        var ranks = new int[TopArtists];
        var plays = new int[TopArtists];
        using (var w = Open(listens))
        {
            for (int u = 0; u < users.Length; u++)
            {
                cancel.ThrowIfCancellationRequested();
                var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, Purpose, 2, (ulong)u));
                int n = counts[u];
                picked.Clear();
                for (int i = 0; i < n; i++)
                {
                    int r;
                    do r = zipf.Next(ref rng); while (!picked.Add(r));
                    ranks[i] = r;
                }
                double volume = 3.5 + Normal(ref rng);
                for (int i = 0; i < n; i++)
                    plays[i] = (int)Math.Clamp(Math.Exp(volume + 1.2 * Normal(ref rng) - 0.15 * Math.Log(1 + ranks[i])), 1, 2_000_000);
                Array.Sort(plays, ranks, 0, n);
                for (int i = n - 1; i >= 0; i--)
                {
                    artists.Use(ranks[i]);
                    w.Write(users[u]); w.Write('\t');
                    w.Write(artists.MbidAndName(ranks[i])); w.Write('\t');
                    w.Write(plays[i]); w.Write('\n');
                    written++;
                    if (malformed < o.MalformedLines && written % malformedEvery == 0)
                        w.Write(Malformed(malformed++, users[u], artists.MbidAndName(ranks[i])));
                }
            }
            while (malformed < o.MalformedLines) w.Write(Malformed(malformed++, users[^1], artists.MbidAndName(0)));
        }

        var files = new List<string> { listens };
        if (o.Profiles)
        {
            var profiles = Path.Combine(folder, LastfmFiles.Profiles360K);
            WriteProfiles(profiles, seed, users);
            files.Add(profiles);
        }
        return new LastfmSampleSummary(folder, written, users.Length, artists.Used, artists.UsedWithoutMbid, written, malformed, files);
    }

    // Users' artist counts: 50 for most, 1–49 for one in twenty (mean ≈ 48.9, as in the real file); the last is cut to reach the rows.
    private static int[] UserCounts(int seed, long rows)
    {
        var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, Purpose, 0));
        var counts = new List<int>();
        long sum = 0;
        while (sum < rows)
        {
            int n = rng.NextDouble() < 0.95 ? TopArtists : 1 + rng.NextInt(TopArtists - 1);
            n = (int)Math.Min(n, rows - sum);
            counts.Add(n);
            sum += n;
        }
        return counts.ToArray();
    }

    private static string Malformed(int k, string user, string mbidAndName) => (k % 3) switch
    {
        0 => $"{user}\t{mbidAndName}\t7\textra\n",                                                // five columns
        1 => $"{user}\t{mbidAndName}\tmany\n",                                                      // plays not a number
        _ => $"{user[..10]}\t{mbidAndName}\t3\n",                                                   // a user id that is not a SHA-1
    };

    private static void WriteProfiles(string path, int seed, string[] users)
    {
        var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, Purpose, 3));
        var first = new DateOnly(2002, 10, 29);
        using var w = Open(path);
        foreach (var u in users)
        {
            var signup = first.AddDays(rng.NextInt(2600));
            w.Write(u); w.Write('\t');
            w.Write(LastfmSampleNames.ProfileColumns(ref rng, signup)); w.Write('\n');
        }
    }

    // UTF-8 without a byte order mark, as the real files are; a large buffer, since the rows are many and short.
    internal static StreamWriter Open(string path) =>
        new(path, new UTF8Encoding(false), new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = 1 << 20 });

    internal static double Normal(ref SeededRandom rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
