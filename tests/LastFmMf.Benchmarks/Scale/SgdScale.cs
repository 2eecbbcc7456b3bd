using System.Diagnostics;
using System.Globalization;
using LastFmMf.Splitting;
using LastFmMf.Training;

namespace LastFmMf.Benchmarks.Scale;

/// <summary>
/// SGD at scale: for Squared and Bpr (and Preference, the default objective), k = 64 and 128, 1 and 2 threads, the set-up
/// (TrainingData.Create + Initialize) and the time of each of <c>--epochs</c> (default 2) epochs, whole (the SGD pass and
/// the per-epoch measures) and the measures alone, with the peak RSS. With <c>--libmf DIR</c> (a built cjlin1/libmf),
/// LIBMF's mf-train runs on the same fit rows side by side: its epoch time is the difference of a 21- and a
/// 1-iteration run, divided by 20 (so reading its text file is left out).
/// </summary>
internal sealed class SgdScale : IScaleSection
{
    public string Name => "sgd";

    public void Run(DataSplit split, ScaleOptions options)
    {
        int epochs = int.Parse(options.Extra.GetValueOrDefault("epochs", "2"), CultureInfo.InvariantCulture);
        var objectives = options.Extra.GetValueOrDefault("objectives", "Squared,Bpr").Split(',');
        var factors = options.Extra.GetValueOrDefault("factors", "64,128").Split(',').Select(int.Parse).ToArray();
        var threads = options.Extra.GetValueOrDefault("threads", "1,2").Split(',').Select(int.Parse).ToArray();
        foreach (var objective in objectives)
        {
            var baseHp = Hyperparameters.DefaultsFor(objective) with { Epochs = epochs, Patience = 0, Seed = 42 };
            if (options.Extra.TryGetValue("blocks", out var blocks) && blocks.Contains(','))
            {
                var first = ComparePasses(split, baseHp, blocks.Split(',').Select(int.Parse).ToArray(), factors[0], threads[^1]);
                if (options.Extra.TryGetValue("libmf", out var dir) && objective == "Squared") Libmf(first, dir, [factors[0]], [threads[^1]]);
                continue;
            }
            if (blocks is not null) baseHp = WithBlocks(baseHp, int.Parse(blocks, CultureInfo.InvariantCulture));
            var clock = Stopwatch.StartNew();
            var data = TrainingData.Create(split, baseHp);
            if (options.Extra.ContainsKey("memory"))
            {
                Report.Line(Name, $"live before Create {GC.GetTotalMemory(true) / (1 << 20):N0} MB");
                _ = data.Ratings;
                Report.Line(Name, $"live after Create and Ratings {GC.GetTotalMemory(true) / (1 << 20):N0} MB");
            }
            Report.Line(Name, $"{objective}: TrainingData.Create {clock.Elapsed.TotalSeconds:F2} s, {data.FitCount:N0} fit pairs, B={data.BlockCount}, peak RSS {PeakMemory.Megabytes():N0} MB");
            foreach (var k in factors)
                foreach (var t in threads)
                {
                    var hp = baseHp with { Factors = k, ThreadCount = t };
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                    PeakMemory.Reset();
                    clock.Restart();
                    var state = Trainer.Initialize(data, hp);
                    var init = clock.Elapsed.TotalSeconds;
                    if (options.Extra.ContainsKey("memory")) Report.Line(Name, $"after Initialize: {PeakMemory.Now()}, live {GC.GetTotalMemory(true) / (1 << 20):N0} MB");
                    var times = new List<(double Whole, double Measures)>();
                    for (int e = 0; e < epochs; e++)
                    {
                        clock.Restart();
                        state = EpochStep.Next(state, data, hp);
                        var whole = clock.Elapsed.TotalSeconds;
                        clock.Restart();
                        Measures(state.Model, data, hp);
                        times.Add((whole, clock.Elapsed.TotalSeconds));
                        if (options.Extra.ContainsKey("memory")) Report.Line(Name, $"after epoch {e + 1}: {PeakMemory.Now()}");
                    }
                    Report.Line(Name, $"{objective} k={k} threads={t}: initialize {init:F2} s; epochs {string.Join(", ", times.Select(x => $"{x.Whole:F2} s (measures {x.Measures:F2} s)"))}; " +
                                      $"{data.FitCount / times[^1].Whole / 1e6:F1} M rows/s (last epoch, whole); loss {state.Last!.Loss:G5}; peak RSS {PeakMemory.Megabytes():N0} MB");
                }
            if (options.Extra.TryGetValue("libmf", out var libmf) && objective == "Squared")
                Libmf(data, libmf, factors, threads);
        }
    }

    /// <summary>
    /// The Squared SGD pass alone (no measures) for several B and both orders, interleaved round-robin for 3 rounds so that
    /// a shared machine's load falls on all alike; prints the fastest of each (then LIBMF, with --libmf, on the first case's rows).
    /// </summary>
    private TrainingData ComparePasses(DataSplit split, Hyperparameters baseHp, int[] blocks, int k, int threads)
    {
        var cases = blocks.SelectMany(b => new[] { SgdOrder.Grouped, SgdOrder.Shuffled }.Select(order =>
        {
            var hp = WithBlocks(baseHp, b) with { Factors = k, ThreadCount = threads };
            hp = hp with { Objective = ((SquaredSettings)hp.Objective) with { Order = order } };
            var data = TrainingData.Create(split.Train, null, hp);
            _ = data.Ratings;
            return (Label: $"B={b} {order}", Hp: hp, Data: data, Model: Trainer.Initialize(data, hp).Model, Best: double.MaxValue);
        })).ToArray();
        for (int round = 0; round < 5; round++)
            for (int c = 0; c < cases.Length; c++)
            {
                var (label, hp, data, model, best) = cases[c];
                var s = (SquaredSettings)hp.Objective;
                var p = (float[])model.UserFactors.Clone();
                var q = (float[])model.ArtistFactors.Clone();
                var bu = (float[])model.UserBias.Clone();
                var ba = (float[])model.ArtistBias.Clone();
                var clock = Stopwatch.StartNew();
                BlockRunner.Run(data, hp.Seed, round, threads, v => SquaredSgd.Pass(data.Ratings, v, s.UseBiases, data.GlobalMeanF, 0.002f,
                    (float)s.Regularization, (float)s.UserBiasRegularization, (float)s.ArtistBiasRegularization,
                    data.InverseUserCounts, data.InverseArtistCounts, p, q, bu, ba, k));
                cases[c].Best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }
        foreach (var c in cases)
            Report.Line(Name, $"pass only, Squared k={k} threads={threads} {c.Label}: {c.Best:F3} s, {c.Data.FitCount / c.Best / 1e6:F1} M updates/s");
        return cases[0].Data;
    }

    private static Hyperparameters WithBlocks(Hyperparameters hp, int b) => hp with
    {
        Objective = hp.Objective switch
        {
            SquaredSettings s => s with { BlockCount = b },
            BprSettings s => s with { BlockCount = b },
            PreferenceSettings s => s with { BlockCount = b },
            var other => other,
        },
    };

    /// <summary>What an epoch computes besides its pass, computed again on its own with the same calls: the validation and
    /// test RMSEs (Squared), the validation NDCG@10 that stops a ranking objective (its stop metric). The pairs' loss is
    /// summed during the pass and so is not here.</summary>
    private static void Measures(FactorModel model, TrainingData data, Hyperparameters hp)
    {
        if (hp.EffectiveStopMetric == StopMetric.ValidationNdcg && data.StoppingListens(hp.ValidationUsers, hp.ValidationSeed) is { } v)
            _ = LastFmMf.Scoring.RankingMetrics.Evaluate(model, data.Fit.Listens, v, EpochStep.NdcgCutoff, hp.ThreadCount);
        if (hp.Objective is SquaredSettings)
        {
            if (data.Validation is { } val) _ = SquaredLoss.Rmse(model, val.Listens, data.Targets, hp.ThreadCount);
            if (data.Test is { } t) _ = SquaredLoss.Rmse(model, t.Listens, data.Targets, hp.ThreadCount);
        }
    }

    /// <summary>LIBMF on the same fit rows (user, artist, target) as text, k and threads as ours, squared loss.</summary>
    private void Libmf(TrainingData data, string dir, int[] factors, int[] threads)
    {
        var file = Path.Combine(Path.GetTempPath(), $"lastfmmf-libmf-{data.FitCount}.txt");
        if (!File.Exists(file))
        {
            using var w = new StreamWriter(file);
            foreach (var r in data.Ratings) w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.User} {r.Artist} {r.Target}"));
        }
        foreach (var k in factors)
            foreach (var t in threads)
            {
                double one = Time(dir, file, k, t, 1), many = Time(dir, file, k, t, 21);
                Report.Line(Name, $"LIBMF k={k} threads={t}: 1 iteration {one:F2} s, 21 iterations {many:F2} s; epoch {(many - one) / 20:F3} s, " +
                                  $"{data.FitCount / ((many - one) / 20) / 1e6:F1} M rows/s");
            }
    }

    private static double Time(string dir, string file, int k, int threads, int iterations)
    {
        var clock = Stopwatch.StartNew();
        var start = new ProcessStartInfo(Path.Combine(dir, "mf-train"), ["-k", $"{k}", "-s", $"{threads}", "-t", $"{iterations}", "--quiet", file, file + ".model"])
        {
            RedirectStandardOutput = true,
        };
        using var p = Process.Start(start)!;
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"mf-train exited with {p.ExitCode}.");
        return clock.Elapsed.TotalSeconds;
    }
}
