using LastFmMf.Data;

namespace LastFmMf.Tests.Support;

/// <summary>Small hand-built datasets: user ids 1..M and artist ids 1..N map to indices 0..M-1 and 0..N-1.</summary>
public static class Tiny
{
    public static LastFmDataset Dataset(int users, int artists, params (int User, int Artist, int Plays)[] listens)
    {
        var artistRows = Enumerable.Range(1, artists).Select(i => new Artist(i, $"Artist {i}", "", "")).ToArray();
        var inter = Interactions.FromTriples(users, artists,
            listens.Select(x => x.User).ToArray(), listens.Select(x => x.Artist).ToArray(), listens.Select(x => x.Plays).ToArray());
        return new LastFmDataset("tiny", IdMap.FromIds(Enumerable.Range(1, users)), IdMap.FromIds(Enumerable.Range(1, artists)),
            artistRows, [], [], [], inter, []);
    }

    /// <summary>A synthetic dataset with rank-2 structure plus noise, about <paramref name="density"/> of all pairs listened.</summary>
    public static LastFmDataset Synthetic(int users, int artists, double density, int seed)
    {
        var rng = new Random(seed);
        var pu = Enumerable.Range(0, users * 2).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var qa = Enumerable.Range(0, artists * 2).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var list = new List<(int, int, int)>();
        for (int u = 0; u < users; u++)
            for (int a = 0; a < artists; a++)
            {
                if (rng.NextDouble() >= density) continue;
                double y = 3 + 4 * (pu[2 * u] * qa[2 * a] + pu[2 * u + 1] * qa[2 * a + 1]) + 0.3 * (rng.NextDouble() - 0.5) + 0.5 * qa[2 * a];
                list.Add((u, a, (int)Math.Max(1, Math.Round(Math.Exp(y)))));
            }
        return Dataset(users, artists, list.ToArray());
    }
}
