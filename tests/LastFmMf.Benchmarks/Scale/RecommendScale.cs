using System.Diagnostics;
using LastFmMf.Data;
using LastFmMf.Evaluation;
using LastFmMf.Persistence;
using LastFmMf.Randomness;
using LastFmMf.Ranking;
using LastFmMf.Scoring;
using LastFmMf.Splitting;
using LastFmMf.Training;

namespace LastFmMf.Benchmarks.Scale;

/// <summary>
/// Recommending and evaluating at scale, on a model of the split's shape (every user and artist, k = 64 unless
/// <c>--factors</c>) with seeded random factors: the figures depend on the shape, not on what training learned, and a
/// random model takes a second where an epoch at this scale takes far longer. Top-10 for 1,000 users and for all users
/// (1 and 2 threads, or <c>--all-threads 2</c>; <c>--all-users N</c> caps "all" for a quick look), the evaluation Measure-MfModel runs (the model
/// and every baseline) on the test users, and the model file's save and load, each with its peak resident memory.
/// </summary>
internal sealed class RecommendScale : IScaleSection
{
    public string Name => "recommend";

    public void Run(DataSplit split, ScaleOptions options)
    {
        int k = options.Extra.TryGetValue("factors", out var f) ? int.Parse(f) : 64;
        var clock = Stopwatch.StartNew();
        var model = RandomModel(split.Train, k, seed: 7);
        Report.Line(Name, $"model {model.UserCount:N0} users + {model.ArtistCount:N0} artists = {model.UserCount + model.ArtistCount:N0} rows × k={k} " +
                          $"(random factors) in {clock.Elapsed.TotalSeconds:F2} s, peak RSS {PeakMemory.Megabytes():N0} MB");

        int m = model.UserCount;
        var thousand = Enumerable.Range(0, 1000).Select(i => (int)((long)i * m / 1000)).ToArray();
        int allCount = options.Extra.TryGetValue("all-users", out var a) ? Math.Min(m, int.Parse(a)) : m;
        var all = Enumerable.Range(0, allCount).ToArray();
        foreach (int threads in new[] { 1, 2 })
        {
            Timed($"  reference: ScoreAll row + TopN.Select per user, 1,000 users, {threads} thread(s)", () => RowByRow(model, thousand, threads));
            Timed($"top-10 indices, 1,000 users, {threads} thread(s)", () => Recommender.TopIndices(model, thousand, 10, threadCount: threads));
            Timed($"top-10 rows (Get-MfRecommendation), 1,000 users, {threads} thread(s)",
                () => Recommender.ForUsers(model, thousand, new RecommendOptions(Top: 10, ThreadCount: threads)));
        }
        var allThreads = options.Extra.GetValueOrDefault("all-threads", "1,2").Split(',').Select(int.Parse).ToArray();
        if (allCount > 0)
            foreach (int threads in allThreads)
                Timed($"top-10 indices, {allCount:N0} users{(allCount < m ? $" of {m:N0}" : "")}, {threads} thread(s)",
                    () => Recommender.TopIndices(model, all, 10, threadCount: threads));

        if (!options.Extra.TryGetValue("evaluate", out var e) || e != "no")
        {
            var train = split.Train.Listens;
            var test = split.Test.Listens;
            // --eval-users N keeps the held-out listens of the first N users only, for a quick look at a slow build.
            if (options.Extra.TryGetValue("eval-users", out var eu) && int.Parse(eu) is var cap && cap < test.UserCount)
            {
                var keep = new bool[test.Count];
                Array.Fill(keep, true, 0, test.RowStart[cap]);
                test = test.Where(keep);
            }
            int testUsers = Enumerable.Range(0, test.UserCount).Count(u => test.ArtistsOf(u).Length > 0);
            Report.Line(Name, $"evaluation on {testUsers:N0} test users, {test.Count:N0} held-out listens, K=10, 2 threads");
            foreach (var scorer in new IArtistScorer[] { model, new PopularityScorer(train), new RandomScorer(model.ArtistCount, 42) })
            {
                Timed($"  ranking: {scorer.Name}, reference (ScoreAll row + TopN.Select per user)", () => RankingMetrics.Evaluate(new Plain(scorer), train, test, 10, 2));
                Timed($"  ranking: {scorer.Name}", () => RankingMetrics.Evaluate(scorer, train, test, 10, 2));
            }
            var testData = split.Test.WithListens(test, "test listens");
            Timed("Measure-MfModel with baselines (model, Popularity, Random, UserArtistBias, GlobalMean)",
                () => ModelEvaluation.Evaluate(model, testData, train, options: new EvaluationOptions(K: 10, ThreadCount: 2)));
            Timed("Measure-MfModel -NoBaseline", () => ModelEvaluation.Evaluate(model, testData, train,
                options: new EvaluationOptions(K: 10, RankingBaselines: false, ThreadCount: 2, ErrorBaselines: false)));
        }

        var path = Path.Combine(Path.GetTempPath(), $"lastfmmf-scale-{Environment.ProcessId}.lfmf");
        try
        {
            var saved = new SavedModel(model, DateTimeOffset.UtcNow);
            Timed("model file save", () => ModelFile.Write(path, saved, overwrite: true));
            Report.Line(Name, $"  file size {new FileInfo(path).Length / 1e6:N1} MB");
            saved = null;
            model = null;
            Timed("model file load", () => ModelFile.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>What recommending and evaluating did before the tiled top-K on a machine without AVX-512 (where the old
    /// four-user block fell back to ScoreAll): a score row per user, then a selection over it; timed beside the new path in
    /// the same run, since this shared machine's load moves between runs.</summary>
    private static int[][] RowByRow(FactorModel model, int[] users, int threads)
    {
        var result = new int[users.Length][];
        Parallel.For(0, users.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => new float[model.ArtistCount], (i, _, row) =>
        {
            model.ScoreAll(users[i], row);
            var top = new int[10];
            result[i] = top[..TopN.Select(row, model.Listened!.ArtistsOf(users[i]), top)];
            return row;
        }, _ => { });
        return result;
    }

    /// <summary>Hides what a scorer is, so RankingMetrics takes its plain path: ScoreAll and TopN.Select per user.</summary>
    private sealed class Plain(IArtistScorer inner) : IArtistScorer
    {
        public string Name => inner.Name;
        public int ArtistCount => inner.ArtistCount;
        public void ScoreAll(int user, Span<float> scores) => inner.ScoreAll(user, scores);
    }

    private void Timed(string what, Action action)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        PeakMemory.Reset();
        // CPU time beside wall time: on a machine shared with other jobs, the wall clock mostly measures them.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Report.Line(Name, $"{what}: {clock.Elapsed.TotalSeconds:F2} s ({used.TotalSeconds:F2} s CPU), peak RSS {PeakMemory.Megabytes():N0} MB, load {Load()}");
    }

    private static string Load()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }

    /// <summary>A model of the training data's shape with factors uniform in ±0.1 and small biases, seeded; it carries the
    /// training listens (so candidates leave them out) and no tags.</summary>
    internal static FactorModel RandomModel(LastFmDataset train, int k, int seed)
    {
        var rng = new SeededRandom(SeededRandom.Derive((ulong)seed, 99));
        float[] Draw(long count, double scale)
        {
            var v = new float[count];
            for (long i = 0; i < count; i++) v[i] = (float)((rng.NextDouble() * 2 - 1) * scale);
            return v;
        }
        int users = train.UserCount, artists = train.ArtistCount;
        var model = new FactorModel(k, Draw((long)users * k, 0.1), Draw((long)artists * k, 0.1), Draw(users, 0.5), Draw(artists, 0.5),
            1.5f, true, TargetTransform.Fit(TransformKind.Log, train.Listens), train.Users, train.ArtistIds, train.Artists);
        return model.WithContext(train.Listens, Enumerable.Repeat(Array.Empty<string>(), artists).ToArray());
    }
}
