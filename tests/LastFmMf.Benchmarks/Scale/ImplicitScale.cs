using System.Diagnostics;
using LastFmMf.Scoring;
using LastFmMf.Splitting;
using LastFmMf.Training;

namespace LastFmMf.Benchmarks.Scale;

/// <summary>
/// The Implicit ALS sweeps at scale: for the conjugate-gradient and the Cholesky solver, k = 64 and 128, 1 and 2 threads,
/// the set-up (TrainingData and the initial state), one warm-up sweep (its time decides whether to go on: a combination
/// whose sweep passed <c>--budget</c> seconds, default 120, is not repeated, and the same solver and k on fewer threads is
/// skipped), then <c>--sweeps</c> timed sweeps (default 2) and their losses apart (as an epoch runs them), and the whole epoch (EpochStep.Next).
/// Peak RSS per combination; beside each sweep's wall-clock time the process's CPU time (the machine is shared). Options: <c>--k 64,128</c>, <c>--threads 2,1</c>, <c>--solvers ConjugateGradient,Cholesky</c>,
/// <c>--quality 12</c> (train that many epochs per solver at the first k and print the test NDCG@10 and, with a 0.1
/// validation carve, the validation NDCG@10; off by default: meant for the HetRec data), <c>--phases N</c> (instead of all
/// that: N conjugate-gradient sweeps at the first k and thread count, each half's Gram matrix and solves timed apart, with
/// a checksum of the factors to check that a change kept the same bits).
/// </summary>
internal sealed class ImplicitScale : IScaleSection
{
    public string Name => "implicit";

    public void Run(DataSplit split, ScaleOptions options)
    {
        var ks = List(options, "k", "64,128").Select(int.Parse).ToArray();
        var threads = List(options, "threads", "2,1").Select(int.Parse).ToArray();
        var solvers = List(options, "solvers", "ConjugateGradient,Cholesky").Select(Enum.Parse<ImplicitSolver>).ToArray();
        int sweeps = int.Parse(options.Extra.GetValueOrDefault("sweeps", "2"));
        double budget = double.Parse(options.Extra.GetValueOrDefault("budget", "120"));
        Report.Line(Name, $"load average {Load()}");
        if (options.Extra.TryGetValue("phases", out var reps))
        {
            Phases(split, ks[0], threads[0], int.Parse(reps));
            return;
        }
        foreach (var solver in solvers)
            foreach (var k in ks)
            {
                bool tooSlow = false;
                foreach (var t in threads)
                {
                    string label = $"{solver} k={k} {t} thread{(t == 1 ? "" : "s")}";
                    if (tooSlow)
                    {
                        Report.Line(Name, $"{label}: skipped (a sweep on more threads took over {budget:F0} s)");
                        continue;
                    }
                    tooSlow = Combination(split, label, solver, k, t, sweeps, budget);
                }
            }
        if (options.Extra.TryGetValue("quality", out var epochs)) Quality(split, ks[0], threads[0], int.Parse(epochs));
    }

    private bool Combination(DataSplit split, string label, ImplicitSolver solver, int k, int threads, int sweeps, double budget)
    {
        PeakMemory.Reset();
        var hp = Hp(solver, k, threads) with { ValidationFraction = 0 };
        var clock = Stopwatch.StartNew();
        var data = TrainingData.Create(split.Train, null, hp);
        var state = Trainer.Initialize(data, hp);
        double setup = clock.Elapsed.TotalSeconds;
        var m = state.Model;
        var weights = ImplicitWeights.For((ImplicitSettings)hp.Objective, data);
        clock.Restart();
        var (p, q) = ImplicitAls.Sweep(data, m.UserFactors, m.ArtistFactors, k, weights, threads);
        double first = clock.Elapsed.TotalSeconds;
        if (first > budget)
        {
            Report.Line(Name, $"{label}: set-up {setup:F2} s, one sweep {first:F1} s (over the {budget:F0} s budget: not repeated), "
                + $"peak RSS {PeakMemory.Megabytes():N0} MB, load {Load()}");
            return true;
        }
        var times = new List<double>();
        var cpu = new List<double>();
        var lossTimes = new List<double>();
        // As an epoch runs them: the sweep (handing the CG solver's listened-pairs sum to the loss), then the loss, which keeps
        // the new QᵀQ for the next sweep's users.
        bool cg = solver == ImplicitSolver.ConjugateGradient;
        ImplicitAls.Loss(data, p, q, k, weights, threads, cacheGrams: true);
        for (int i = 0; i < sweeps; i++)
        {
            var observed = cg ? new double[data.ArtistCount] : null;
            var cpu0 = Cpu();
            clock.Restart();
            (p, q) = ImplicitAls.Sweep(data, p, q, k, weights, threads, observed);
            times.Add(clock.Elapsed.TotalSeconds);
            cpu.Add(Cpu() - cpu0);
            clock.Restart();
            ImplicitAls.Loss(data, p, q, k, weights, threads, observed, cacheGrams: true);
            lossTimes.Add(clock.Elapsed.TotalSeconds);
        }
        state = state with { Model = m.With(p, q, m.UserBias, m.ArtistBias) };
        clock.Restart();
        EpochStep.Next(state, data, hp);
        double epoch = clock.Elapsed.TotalSeconds;
        Report.Line(Name, $"{label}: set-up {setup:F2} s, first sweep {first:F3} s, sweeps {string.Join(" ", times.Select(x => x.ToString("F3")))} s "
            + $"(CPU {string.Join(" ", cpu.Select(x => x.ToString("F3")))} s), "
            + $"loss {string.Join(" ", lossTimes.Select(x => x.ToString("F3")))} s, epoch with loss {epoch:F3} s, peak RSS {PeakMemory.Megabytes():N0} MB, load {Load()}");
        return false;
    }

    /// <summary>
    /// The NDCG@10 of each solver after the same epochs, back to back: trained on all of Train (the default, no carve), the
    /// test NDCG@10; trained with a 0.1 validation carve, the validation NDCG@10 of the last epoch. Epoch times beside them.
    /// </summary>
    private void Quality(DataSplit split, int k, int threads, int epochs)
    {
        foreach (var carve in new[] { 0.0, 0.1 })
            foreach (var solver in new[] { ImplicitSolver.ConjugateGradient, ImplicitSolver.Cholesky })
            {
                var hp = Hp(solver, k, threads) with { Epochs = epochs, ValidationFraction = carve, Patience = 0 };
                var clock = Stopwatch.StartNew();
                var data = TrainingData.Create(split, hp);
                var last = Trainer.Unfold(Trainer.Initialize(data, hp), data, hp).Last();
                double total = clock.Elapsed.TotalSeconds;
                string ndcg = carve > 0
                    ? $"validation NDCG@10 {last.History[^1].ValidationNdcg:F4}"
                    : $"test NDCG@10 {RankingMetrics.Evaluate(last.Model, data.Fit.Listens, data.Test!.Listens, EpochStep.NdcgCutoff, threads).Ndcg:F4}";
                var epochTimes = last.History.Select(r => r.Seconds).ToArray();
                Report.Line(Name, $"quality {solver} k={k} {threads} threads, {epochs} epochs, carve {carve}: {ndcg}, {total:F1} s with set-up, "
                    + $"epochs {string.Join(" ", epochTimes.Select(x => x.ToString("F3")))} s, load {Load()}");
            }
    }

    /// <summary>
    /// Where a conjugate-gradient sweep's time goes: each half's Gram matrix and row solves apart (wall and CPU), after a
    /// warm-up sweep, <paramref name="reps"/> times.
    /// </summary>
    private void Phases(DataSplit split, int k, int threads, int reps)
    {
        var hp = Hp(ImplicitSolver.ConjugateGradient, k, threads) with { ValidationFraction = 0 };
        var data = TrainingData.Create(split.Train, null, hp);
        var m = Trainer.Initialize(data, hp).Model;
        var o = ImplicitWeights.For((ImplicitSettings)hp.Objective, data);
        var (p, q) = ImplicitAls.Sweep(data, m.UserFactors, m.ArtistFactors, k, o, threads);
        var l = data.Fit.Listens;
        var t = ImplicitAls.Structure.Of(data);
        var c = t.Confidences(o);
        var s = (ImplicitSettings)hp.Objective;
        for (int r = 0; r < reps; r++)
        {
            var times = new List<string>();
            T Time<T>(string name, Func<T> f)
            {
                var cpu0 = Cpu();
                var clock = Stopwatch.StartNew();
                var x = f();
                times.Add($"{name} {clock.Elapsed.TotalSeconds:F3} s (CPU {Cpu() - cpu0:F3})");
                return x;
            }
            var gq = Time("Gram Q", () => ImplicitAls.GramOf(q, l.ArtistCount, k, null, threads, cache: false));
            var newP = Time("users", () => ConjugateGradient.SolveAll(l.RowStart, l.ArtistIndex, l.Plays, c, l.UserCount, q, l.ArtistCount, gq, k,
                s.Regularization, s.CgSteps, null, usersSide: true, warm: p, threads));
            var gp = Time("Gram P", () => ImplicitAls.GramOf(newP, l.UserCount, k, null, threads, cache: false));
            var newQ = Time("artists", () => ConjugateGradient.SolveAll(t.ArtistStart, t.ArtistUsers, t.ArtistPlays, c, l.ArtistCount, newP, l.UserCount, gp, k,
                s.Regularization, s.CgSteps, null, usersSide: false, warm: q, threads, new double[l.ArtistCount]));
            (p, q) = (newP, newQ);
            Report.Line(Name, $"phases k={k} {threads} threads: {string.Join(", ", times)}, factors {Checksum(p):X16} {Checksum(q):X16}, peak RSS {PeakMemory.Megabytes():N0} MB, load {Load()}");
        }
    }

    /// <summary>FNV-1a of the factors' bits: two builds' sweeps compared without keeping both.</summary>
    private static ulong Checksum(float[] x)
    {
        ulong h = 14695981039346656037;
        foreach (var v in x) h = (h ^ BitConverter.SingleToUInt32Bits(v)) * 1099511628211;
        return h;
    }

    private static Hyperparameters Hp(ImplicitSolver solver, int k, int threads) => Hyperparameters.DefaultsFor("Implicit") with
    {
        Factors = k,
        ThreadCount = threads,
        Objective = ImplicitSettings.Default with { Solver = solver },
    };

    private static string[] List(ScaleOptions o, string name, string fallback) =>
        o.Extra.GetValueOrDefault(name, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The process's CPU seconds: on a loaded machine a steadier measure of a sweep's work than wall-clock time.</summary>
    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
