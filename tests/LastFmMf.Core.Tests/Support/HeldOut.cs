using LastFmMf.Data;

namespace LastFmMf.Tests.Support;

/// <summary>
/// A small held-out check for generated data, independent of any model code: hide a share of each user's
/// listens, score every artist with a simple recommender fitted on the rest, and measure recall@K.
/// It lets tests show that the sample's structure is learnable before the factor model exists.
/// </summary>
public static class HeldOut
{
    /// <summary>A recommender: given the training listens (user id -> artist ids) and a user, a score per artist id.
    /// The scorers below fit themselves on the first training set they see; make a new one per split.</summary>
    public delegate IReadOnlyDictionary<int, double> Scorer(IReadOnlyDictionary<int, HashSet<int>> train, int user);

    public static (Dictionary<int, HashSet<int>> Train, Dictionary<int, HashSet<int>> Test) Split(IReadOnlyList<Listen> listens, double testShare, int seed)
    {
        var rng = new Random(seed);
        var train = new Dictionary<int, HashSet<int>>();
        var test = new Dictionary<int, HashSet<int>>();
        foreach (var g in listens.GroupBy(l => l.UserId).OrderBy(g => g.Key))
        {
            var artists = g.Select(l => l.ArtistId).OrderBy(a => a).ToArray();
            rng.Shuffle(artists);
            int hide = Math.Max(1, (int)Math.Round(artists.Length * testShare));
            test[g.Key] = artists.Take(hide).ToHashSet();
            train[g.Key] = artists.Skip(hide).ToHashSet();
        }
        return (train, test);
    }

    /// <summary>Mean over users of |top-K unseen ∩ held out| / min(K, |held out|).</summary>
    public static double RecallAtK(Dictionary<int, HashSet<int>> train, Dictionary<int, HashSet<int>> test, Scorer scorer, int k)
    {
        double sum = 0;
        foreach (var (user, hidden) in test)
        {
            var scores = scorer(train, user);
            var top = scores.Where(p => !train[user].Contains(p.Key))
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(k).Select(p => p.Key);
            sum += (double)top.Count(hidden.Contains) / Math.Min(k, hidden.Count);
        }
        return sum / test.Count;
    }

    /// <summary>Global popularity: the number of training listeners of each artist, the same for every user.</summary>
    public static Scorer Popularity()
    {
        Dictionary<int, double>? counts = null;
        return (train, _) => counts ??= train.Values.SelectMany(a => a).GroupBy(a => a).ToDictionary(g => g.Key, g => (double)g.Count());
    }

    /// <summary>Popularity among the users who share the user's group (an oracle that knows the planted groups).</summary>
    public static Scorer GroupPopularity(IReadOnlyDictionary<int, int> userGroup)
    {
        var cache = new Dictionary<int, Dictionary<int, double>>();
        return (train, user) =>
        {
            int g = userGroup[user];
            if (!cache.TryGetValue(g, out var counts))
                cache[g] = counts = train.Where(p => userGroup[p.Key] == g).SelectMany(p => p.Value)
                    .GroupBy(a => a).ToDictionary(x => x.Key, x => (double)x.Count());
            return counts;
        };
    }

    /// <summary>Item-based nearest neighbours: sum of cosine similarities (on who listened) to the user's training artists.</summary>
    public static Scorer ItemKnn()
    {
        Dictionary<int, Dictionary<int, double>>? sim = null;
        return (train, user) =>
        {
            sim ??= Similarities(train);
            var scores = new Dictionary<int, double>();
            foreach (var j in train[user])
                if (sim.TryGetValue(j, out var row))
                    foreach (var (i, s) in row) scores[i] = scores.GetValueOrDefault(i) + s;
            return scores;
        };
    }

    private static Dictionary<int, Dictionary<int, double>> Similarities(IReadOnlyDictionary<int, HashSet<int>> train)
    {
        var listeners = train.SelectMany(p => p.Value.Select(a => (a, u: p.Key))).GroupBy(x => x.a)
            .ToDictionary(g => g.Key, g => g.Select(x => x.u).ToHashSet());
        var sim = new Dictionary<int, Dictionary<int, double>>();
        foreach (var (i, ui) in listeners)
        {
            var row = new Dictionary<int, double>();
            foreach (var (j, uj) in listeners)
            {
                if (i == j) continue;
                int common = ui.Count(uj.Contains);
                if (common > 0) row[j] = common / Math.Sqrt((double)ui.Count * uj.Count);
            }
            sim[i] = row;
        }
        return sim;
    }
}
