using LastFmMf.Data;
using LastFmMf.Ranking;
using LastFmMf.Scoring;
using LastFmMf.Splitting;
using LastFmMf.Training;

namespace LastFmMf.Evaluation;

/// <summary>One row of a cold-start table: one scorer at one number of revealed listens.</summary>
public sealed record ColdStartRow
{
    /// <summary>n, the listens revealed to every sampled user.</summary>
    public required int Revealed { get; init; }
    /// <summary>"FoldIn" (the users are new to the model: folded in from n listens) or "Light" (the model trained on their n listens).</summary>
    public required string Protocol { get; init; }
    /// <summary>Popularity, Random, Friends (baselines), Model (the model alone) or Blend (the model with friends and tags).</summary>
    public required string Scorer { get; init; }
    /// <summary>What scored: the model's objective and settings, or the baseline's name.</summary>
    public required string Model { get; init; }
    /// <summary>The ranking cut-off.</summary>
    public required int K { get; init; }
    /// <summary>Sampled users evaluated.</summary>
    public required int Users { get; init; }
    /// <summary>Mean of hits/K.</summary>
    public required double Precision { get; init; }
    /// <summary>Mean of hits/|relevant|.</summary>
    public required double Recall { get; init; }
    /// <summary>Mean of DCG@K/IDCG@K (binary relevance; as in Measure-MfModel).</summary>
    public required double Ndcg { get; init; }
    /// <summary>Mean of AP@K normalised by min(K, |relevant|).</summary>
    public required double Map { get; init; }
    /// <summary>Share of users with a hit in the top K.</summary>
    public required double HitRate { get; init; }
    /// <summary>Distinct artists recommended to the sampled users, over all artists.</summary>
    public required double Coverage { get; init; }
}

/// <summary>What a cold-start evaluation adds and how.</summary>
/// <param name="K">Ranking cut-off, at least 1.</param>
/// <param name="Baselines">Add Popularity, Random and Friends.</param>
/// <param name="RandomSeed">Seed of the Random baseline.</param>
/// <param name="ThreadCount">Threads over users (results do not depend on it); 0 = one per processor.</param>
/// <param name="Weights">The blend's gate; default <see cref="BlendWeights.Default"/>.</param>
public sealed record ColdStartOptions(int K = 10, bool Baselines = true, int RandomSeed = 42, int ThreadCount = 0, BlendWeights? Weights = null);

/// <summary>The model trained on the listens the evaluation hides: the result would be a leak.</summary>
public sealed class ColdStartLeakException(string message) : ArgumentException(message);

/// <summary>
/// The cold-start protocol (docs/coldstart.md). For each sampled user of a cold-start split (<see cref="ColdStart.Prepare"/>)
/// and each n: the first n listens of the user's seeded reveal order are known; every other training listen of the user and
/// every test listen is relevant; the candidates are all artists but the n known. The model folds the user in from the n
/// listens without retraining (Protocol FoldIn; the model must not hold any listen of the sampled users) or, when the split
/// kept n listens of each sampled user in Train, ranks with the user's own trained vector (Protocol Light). The baselines
/// see the same n listens: Popularity (training listeners of the split's Train), Random (seeded), Friends (the share of the
/// user's friends who play the artist, ties broken by popularity). Blend is the model's scores with the friends and tag
/// profile of the n listens (<see cref="SocialBlend"/>, weights by n from the gate). Deterministic for any thread count.
/// </summary>
public static class ColdStartEvaluation
{
    /// <summary>The table: for each n in <paramref name="revealed"/>, the baselines, then Model, then Blend.</summary>
    /// <exception cref="ColdStartLeakException">The model trained on listens the protocol hides.</exception>
    /// <exception cref="ArgumentException">The split is no cold-start split, an n is out of range, or the model does not match.</exception>
    public static IReadOnlyList<ColdStartRow> Evaluate(FactorModel model, DataSplit split, IReadOnlyList<int> revealed, ColdStartOptions? options = null)
    {
        options ??= new ColdStartOptions();
        var weights = options.Weights ?? BlendWeights.Default;
        var (sample, social) = Prepare(model, split, revealed, options.K);
        string protocol = sample.LightListens is null ? "FoldIn" : "Light";
        string name = ModelEvaluation.NameOf(model, model.Origin);
        var rows = new List<ColdStartRow>();
        foreach (var n in revealed)
        {
            var step = weights.For(n);
            var scorers = new List<(string Scorer, string Model, Score Score)>();
            if (options.Baselines)
            {
                scorers.Add(("Popularity", "Popularity", (in UserSignals s, Span<float> o) => s.Popularity.CopyTo(o)));
                int seed = options.RandomSeed;
                var random = new RandomScorer(model.ArtistCount, seed);
                scorers.Add(("Random", "Random", (in UserSignals s, Span<float> o) => random.ScoreAll(s.User, o)));
                // The standardised share ranks as the share does; popularity (below the smallest step of a share) breaks ties.
                scorers.Add(("Friends", "Friends (share of friends who play it)", (in UserSignals s, Span<float> o) =>
                {
                    for (int a = 0; a < o.Length; a++) o[a] = s.Side.Friends[a] + 1e-4f * s.PopularityShare[a];
                }));
            }
            scorers.Add(("Model", name + (protocol == "FoldIn" ? " fold-in" : " alone"), (in UserSignals s, Span<float> o) => s.Model.CopyTo(o)));
            scorers.Add(("Blend", name + $" + friends, tags ({step?.ToString() ?? "none"})", (in UserSignals s, Span<float> o) => Blend(s, step, o)));
            var results = Measure(model, split, sample, social, n, scorers.Select(x => x.Score).ToArray(), options.K, options.ThreadCount);
            for (int i = 0; i < scorers.Count; i++)
                rows.Add(results[i] with { Revealed = n, Protocol = protocol, Scorer = scorers[i].Scorer, Model = scorers[i].Model });
        }
        return rows;
    }

    /// <summary>
    /// The blend's NDCG@K and the other measures for every (w_f, w_t) of <paramref name="grid"/> at each n, with the signals
    /// computed once per user: the search behind <see cref="BlendWeights.Default"/> (run it on validation data only).
    /// </summary>
    public static IReadOnlyList<(int Revealed, BlendStep Weights, ColdStartRow Row)> Sweep(FactorModel model, DataSplit split,
        IReadOnlyList<int> revealed, IReadOnlyList<BlendStep> grid, int k = 10, int threadCount = 0)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var (sample, social) = Prepare(model, split, revealed, k);
        var result = new List<(int, BlendStep, ColdStartRow)>();
        foreach (var n in revealed)
        {
            var scorers = grid.Select(g => (Score)((in UserSignals s, Span<float> o) => Blend(s, g, o))).ToArray();
            var rows = Measure(model, split, sample, social, n, scorers, k, threadCount);
            for (int i = 0; i < grid.Count; i++)
                result.Add((n, grid[i], rows[i] with { Revealed = n, Scorer = "Blend", Model = grid[i].ToString() }));
        }
        return result;
    }

    private delegate void Score(in UserSignals signals, Span<float> scores);

    /// <summary>One sampled user at one n: the signals every scorer reads, computed once.</summary>
    private readonly record struct UserSignals(int User, float[] Model, SideSignals Side, float[] Popularity, float[] PopularityShare);

    private static void Blend(in UserSignals s, BlendStep? step, Span<float> o)
    {
        s.Model.CopyTo(o);
        if (step is not null) SocialBlend.Apply(s.Side, step, o);
    }

    private static (ColdStartSample Sample, SocialSignals Social) Prepare(FactorModel model, DataSplit split, IReadOnlyList<int> revealed, int k)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(revealed);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "K must be at least 1.");
        var sample = split.ColdStart ?? throw new ArgumentException(
            "The split holds no cold-start sample: prepare it with ColdStart.Prepare (Split-LastFmData -ColdStartUsers) and train the model on its Train.", nameof(split));
        if (split.Train.UserCount != model.UserCount || split.Train.ArtistCount != model.ArtistCount || !ModelEvaluation.SameIds(model, split.Train))
            throw new ArgumentException("The split indexes other users or artists than the model; measure a model on the split it was trained on.", nameof(split));
        if (revealed.Count == 0) throw new ArgumentException("Give at least one number of revealed listens.", nameof(revealed));
        foreach (var n in revealed)
            if (n < 1 || n >= sample.MinTrainListens)
                throw new ArgumentOutOfRangeException(nameof(revealed), n, $"Revealed listens must be between 1 and {sample.MinTrainListens - 1} (the sample's users have at least {sample.MinTrainListens} training listens, so some stay hidden).");
        var listened = model.Listened ?? split.Train.Listens;
        if (sample.LightListens is { } light)
        {
            if (revealed.Any(n => n != light))
                throw new ArgumentException($"The split kept {light} listens of each sampled user in Train, so the model knows exactly {light}; measure -ColdStart {light}, or prepare a split that removes the users to fold them in.", nameof(revealed));
            foreach (var u in sample.Users)
                if (!listened.ArtistsOf(u).SequenceEqual(sample.Reveal(u, light).Artists))
                    throw new ColdStartLeakException($"The model's training listens of user {model.Users.IdOf(u)} are not the {light} the split kept: it was trained on other data than this split's Train, and may have seen the listens the evaluation hides.");
        }
        else
        {
            int leaked = sample.Users.Count(u => listened.RowLength(u) > 0);
            if (leaked > 0)
                throw new ColdStartLeakException($"The model trained on listens of {leaked} of the {sample.UserCount} cold-start users, which the evaluation hides and counts as relevant: train it on this split's Train (-TestData's split piped to Invoke-MfTraining), which has none of them.");
        }
        return (sample, SocialSignals.From(split.Train, split.Train.Listens));
    }

    private static ColdStartRow[] Measure(FactorModel model, DataSplit split, ColdStartSample sample, SocialSignals social, int n, Score[] scorers, int k, int threadCount)
    {
        int artists = model.ArtistCount, users = sample.UserCount;
        var popularity = Array.ConvertAll(split.Train.Listens.ListenerCounts(), c => (float)c);
        float max = Math.Max(1, popularity.Max());
        var popularityShare = Array.ConvertAll(popularity, p => p / max);
        var perUser = new double[scorers.Length, users, 5];
        var tops = new int[scorers.Length, users][];
        var test = split.Test.Listens;
        Parallel.For(0, users, new ParallelOptions { MaxDegreeOfParallelism = threadCount > 0 ? threadCount : Environment.ProcessorCount },
            () => (Scores: new float[artists], Top: new int[k]),
            (i, _, buf) =>
            {
                int u = sample.Users[i];
                var (known, plays) = sample.Reveal(u, n);
                var relevant = Relevant(sample.Original.ArtistsOf(u), known, test.ArtistsOf(u));
                var modelScores = new float[artists];
                if (sample.LightListens is null)
                    Recommender.Score(model, FoldIn.Solve(model, known.Zip(plays, (a, w) => (a, (double)w)).ToArray()), modelScores);
                else
                    model.ScoreAll(u, modelScores);
                var signals = new UserSignals(u, modelScores, SocialBlend.Signals(model, social, known, social.FriendsOf(u)), popularity, popularityShare);
                for (int s = 0; s < scorers.Length; s++)
                {
                    scorers[s](signals, buf.Scores);
                    int got = TopN.Select(buf.Scores, known, buf.Top);
                    var top = buf.Top[..got];
                    tops[s, i] = top;
                    var m = RankingMetrics.UserMetrics(top, relevant, k);
                    perUser[s, i, 0] = m.Precision;
                    perUser[s, i, 1] = m.Recall;
                    perUser[s, i, 2] = m.Ndcg;
                    perUser[s, i, 3] = m.Ap;
                    perUser[s, i, 4] = m.Hit;
                }
                return buf;
            },
            _ => { });
        var rows = new ColdStartRow[scorers.Length];
        for (int s = 0; s < scorers.Length; s++)
        {
            // Summed in user order, so the means do not depend on the thread count.
            var sum = new double[5];
            var seen = new HashSet<int>();
            for (int i = 0; i < users; i++)
            {
                for (int j = 0; j < 5; j++) sum[j] += perUser[s, i, j];
                seen.UnionWith(tops[s, i]);
            }
            double c = Math.Max(1, users);
            rows[s] = new ColdStartRow
            {
                Revealed = n, Protocol = "", Scorer = "", Model = "", K = k, Users = users,
                Precision = sum[0] / c, Recall = sum[1] / c, Ndcg = sum[2] / c, Map = sum[3] / c, HitRate = sum[4] / c,
                Coverage = artists == 0 ? 0 : (double)seen.Count / artists,
            };
        }
        return rows;
    }

    /// <summary>The relevant artists, ascending: the user's training artists that were not revealed, and their test artists.</summary>
    internal static int[] Relevant(ReadOnlySpan<int> train, ReadOnlySpan<int> revealed, ReadOnlySpan<int> test)
    {
        var set = new SortedSet<int>();
        foreach (var a in train) if (revealed.BinarySearch(a) < 0) set.Add(a);
        foreach (var a in test) set.Add(a);
        return set.ToArray();
    }
}
