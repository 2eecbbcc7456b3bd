// The search behind the per-objective defaults (docs/tuning.md).
//   validate <splitSeed> <Objective> [threads] "Name=value,Name=value" ...
//       Splits the real data PerUser 0.2 with splitSeed, keeps only the Train part, and trains on it with
//       Hyperparameters.DefaultsFor(Objective) with the given overrides; the validation hold-out (ValidationFraction,
//       ValidationSeed; 0.1 and 1 where the objective's default is 0) is carved from Train by the trainer. Prints
//       validation NDCG@10 / P@10 of the kept model and the per-epoch validation NDCG@10 curve.
//       The test part is never read.
//   test <splitSeed> [threads] [objective ...]
//       Once, for the report: Popularity and the defaults of every objective (or those named) on the test part, K = 10.
//   coldstart-validate <splitSeed> <Objective> [threads] ["Name=value,..."]
//       The cold-start protocol on validation only: the Train part of the split is split again PerUser 0.2 (seed 1), 400 of
//       its users (seed 1, at least 20 listens) are taken out of it, the objective's defaults train on the rest, and the
//       blend's NDCG@10 is printed for a grid of (w_f, w_t) at n = 1, 3, 10, beside Popularity, Friends and the fold-in.
//   coldstart-test <splitSeed> [threads] [objective ...]
//       Once, for the report: the same on the test part (FoldIn at n = 1, 3, 10), the Light protocol (the users cut to n in
//       Train) for the first objective, and all users of the plain split (the model and the model with the blend's gate).
using System.Diagnostics;
using System.Globalization;
using LastFmMf.Data;
using LastFmMf.Evaluation;
using LastFmMf.Ranking;
using LastFmMf.Splitting;
using LastFmMf.Training;
using LastFmMf.Scoring;

var folder = Environment.GetEnvironmentVariable("LASTFMMF_REAL_DATA") ?? "/work/shared/data/hetrec2011-lastfm-2k";
var data = HetrecReader.Read(folder);
string mode = args[0];
int splitSeed = int.Parse(args[1], CultureInfo.InvariantCulture);
var split = Splitter.PerUser(data, 0.2, splitSeed);

if (mode == "validate")
{
    var objective = Objectives.Canonical(args[2]);
    int threads = int.Parse(args[3], CultureInfo.InvariantCulture);
    {
        var carve = TrainingData.Create(split.Train, null, Hyperparameters.Default with { Epochs = 1 });
        var pop = RankingMetrics.Evaluate(new PopularityScorer(carve.Fit.Listens), carve.Fit.Listens, carve.Validation!.Listens, 10, threads);
        Console.WriteLine(FormattableString.Invariant($"seed {splitSeed} Popularity val nDCG@10 {pop.Ndcg:F4} P@10 {pop.Precision:F4} R@10 {pop.Recall:F4} cov {pop.Coverage:F4}"));
    }
    foreach (var spec in args.Skip(4).DefaultIfEmpty(""))
    {
        var hp = Apply(Hyperparameters.DefaultsFor(objective) with { ThreadCount = threads }, spec);
        // The search needs a validation carve even where the default refits on all of Train (Implicit): 0.1, seed 1.
        if (hp.ValidationFraction == 0) hp = hp with { ValidationFraction = 0.1, ValidationSeed = 1 };
        var td = TrainingData.Create(split.Train, null, hp); // no test part: it is not looked at
        var clock = Stopwatch.StartNew();
        var run = Trainer.Train(td, hp);
        var v = RankingMetrics.Evaluate(run.Model, td.Fit.Listens, td.Validation!.Listens, 10, threads);
        Console.WriteLine(FormattableString.Invariant(
            $"seed {splitSeed} {objective} [{spec}] val nDCG@10 {v.Ndcg:F4} P@10 {v.Precision:F4} R@10 {v.Recall:F4} cov {v.Coverage:F4} best epoch {run.BestEpoch}/{run.EpochsRun} {clock.Elapsed.TotalSeconds:F1}s"));
        Console.WriteLine("  curve: " + string.Join(" ", run.History.Select(h => FormattableString.Invariant($"{h.ValidationNdcg:F4}"))));
    }
}
else if (mode == "refit")
{
    // Does refitting on all of Train (no validation carve) pay? Measured without the test part: carve V from Train as the
    // trainer does, then train with fixed sweeps (no early stopping) on all of Fit and on Fit less a further 1/9 per user
    // (as much less data as the carve costs), and compare on V.
    var objective = Objectives.Canonical(args[2]);
    int threads = int.Parse(args[3], CultureInfo.InvariantCulture);
    foreach (var spec in args.Skip(4))
    {
        var hp = Apply(Hyperparameters.DefaultsFor(objective) with { ThreadCount = threads }, spec);
        var carve = TrainingData.Create(split.Train, null, hp);
        var fixedHp = hp with { ValidationFraction = 0, Patience = 0 };
        var full = carve.Fit;
        var less = Splitter.PerUser(full, 1.0 / 9, 99).Train;
        foreach (var (name, set) in new[] { ("Fit", full), ("Fit less 1/9", less) })
        {
            var run = Trainer.Train(TrainingData.Create(set, null, fixedHp), fixedHp);
            var v = RankingMetrics.Evaluate(run.Model, carve.Fit.Listens, carve.Validation!.Listens, 10, threads);
            Console.WriteLine(FormattableString.Invariant($"seed {splitSeed} {objective} [{spec}] trained on {name} ({set.ListenCount} listens): val nDCG@10 {v.Ndcg:F4} P@10 {v.Precision:F4}"));
        }
    }
}
else if (mode == "test")
{
    int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
    var rows = new List<(RankingResult R, string Hp, double Seconds)>();
    rows.Add((RankingMetrics.Evaluate(new PopularityScorer(split.Train.Listens), split.Train.Listens, split.Test.Listens, 10, threads), "", 0));
    var chosen = args.Length > 3 ? args.Skip(3).Select(Objectives.Canonical).ToArray() : Objectives.Names.ToArray();
    foreach (var objective in chosen)
    {
        var hp = Hyperparameters.DefaultsFor(objective) with { ThreadCount = threads };
        var run = Trainer.Train(split, hp);
        var r = RankingMetrics.Evaluate(run.Model, split.Train.Listens, split.Test.Listens, 10, threads);
        rows.Add((r with { Model = objective }, $"{hp}; epochs run {run.EpochsRun}, kept {run.BestEpoch}", run.Seconds));
    }
    Console.WriteLine("| Model | nDCG@10 | P@10 | Recall@10 | MAP@10 | HitRate@10 | Coverage@10 | Users | train s |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    foreach (var (r, _, s) in rows)
        Console.WriteLine(FormattableString.Invariant($"| {r.Model} | {r.Ndcg:F4} | {r.Precision:F4} | {r.Recall:F4} | {r.Map:F4} | {r.HitRate:F4} | {r.Coverage:F4} | {r.Users} | {s:F1} |"));
    foreach (var (r, hp, _) in rows.Skip(1)) Console.WriteLine($"{r.Model}: {hp}");
}

else if (mode == "coldstart-validate")
{
    var objective = Objectives.Canonical(args[2]);
    int threads = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
    var spec = args.Length > 4 ? args[4] : "";
    var hp = Apply(Hyperparameters.DefaultsFor(objective) with { ThreadCount = threads }, spec);
    var inner = Splitter.PerUser(split.Train, 0.2, 1); // validation: carved from Train; the test part is never read
    var cold = ColdStart.Prepare(inner, 400, 1);
    var clock = Stopwatch.StartNew();
    var run = Cached($"val-{splitSeed}-{objective}-{spec}", () => Trainer.Train(TrainingData.Create(cold.Train, null, hp), hp));
    Console.WriteLine(FormattableString.Invariant($"seed {splitSeed} {objective}: trained in {clock.Elapsed.TotalSeconds:F0}s, {run.EpochsRun} epochs (kept {run.BestEpoch})"));
    int[] ns = [1, 3, 10];
    foreach (var r in ColdStartEvaluation.Evaluate(run.Model, cold, ns, new ColdStartOptions(ThreadCount: threads)))
        Console.WriteLine(FormattableString.Invariant($"n={r.Revealed} {r.Scorer,-10} nDCG@10 {r.Ndcg:F4} P@10 {r.Precision:F4} R@10 {r.Recall:F4} hit {r.HitRate:F4}  {r.Model}"));
    double[] wf = [0, 0.1, 0.25, 0.5, 1, 2], wt = [0, 0.5, 1, 2], wv = [0, 0.25, 0.5, 1, 2, 4, 8, 16];
    var grid = wf.SelectMany(f => wt.SelectMany(t => wv.Select(v => new BlendStep(1, f, t, v)))).ToArray();
    var sweep = ColdStartEvaluation.Sweep(run.Model, cold, ns, grid, 10, threads);
    foreach (var n in ns)
    {
        foreach (var v in wv)
        {
            Console.WriteLine(FormattableString.Invariant($"n={n} w_v={v}: rows w_f, columns w_t ") + string.Join(" ", wt.Select(t => t.ToString(CultureInfo.InvariantCulture))));
            foreach (var f in wf)
                Console.WriteLine(FormattableString.Invariant($"  {f,5}: ") + string.Join(" ", wt.Select(t => sweep.First(x => x.Revealed == n && x.Weights == new BlendStep(1, f, t, v)).Row.Ndcg.ToString("F4", CultureInfo.InvariantCulture))));
        }
        var best = sweep.Where(x => x.Revealed == n).MaxBy(x => x.Row.Ndcg);
        Console.WriteLine(FormattableString.Invariant($"  best n={n}: {best.Weights} nDCG@10 {best.Row.Ndcg:F4}"));
    }
}
else if (mode == "coldstart-test" || mode == "coldstart-light")
{
    // coldstart-light runs the Light protocol on validation (the Train part split again, as in coldstart-validate).
    int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
    var chosen = args.Length > 3 ? args.Skip(3).Select(Objectives.Canonical).ToArray() : [Objectives.DefaultName];
    var baseSplit = mode == "coldstart-test" ? split : Splitter.PerUser(split.Train, 0.2, 1);
    string where = mode == "coldstart-test" ? "TEST" : "validation";
    int[] ns = [1, 3, 10];
    void Print(IEnumerable<ColdStartRow> rows, string what)
    {
        foreach (var r in rows)
            Console.WriteLine(FormattableString.Invariant($"{where} seed {splitSeed} {what} {r.Protocol} n={r.Revealed} {r.Scorer,-10} nDCG@10 {r.Ndcg:F4} P@10 {r.Precision:F4} R@10 {r.Recall:F4} hit {r.HitRate:F4} cov {r.Coverage:F4}  {r.Model}"));
    }
    foreach (var objective in chosen)
    {
        var hp = Hyperparameters.DefaultsFor(objective) with { ThreadCount = threads };
        if (mode == "coldstart-test")
        {
            var cold = ColdStart.Prepare(baseSplit, 400, 1);
            var run = Trainer.Train(TrainingData.Create(cold.Train, null, hp), hp);
            Print(ColdStartEvaluation.Evaluate(run.Model, cold, ns, new ColdStartOptions(ThreadCount: threads)), objective);
            var full = Trainer.Train(TrainingData.Create(baseSplit.Train, null, hp), hp);
            var train = baseSplit.Train.Listens;
            var social = new SocialScorer(full.Model, SocialSignals.From(baseSplit.Train, train), BlendWeights.Default);
            foreach (var r in new[] { RankingMetrics.Evaluate(new PopularityScorer(train), train, baseSplit.Test.Listens, 10, threads),
                         RankingMetrics.Evaluate(full.Model, train, baseSplit.Test.Listens, 10, threads),
                         RankingMetrics.Evaluate(social, train, baseSplit.Test.Listens, 10, threads) })
                Console.WriteLine(FormattableString.Invariant($"{where} seed {splitSeed} {objective} all users {r.Model,-30} nDCG@10 {r.Ndcg:F4} P@10 {r.Precision:F4} R@10 {r.Recall:F4} hit {r.HitRate:F4} cov {r.Coverage:F4} users {r.Users}"));
        }
        if (objective != chosen[0] && mode == "coldstart-test") continue;
        foreach (var n in mode == "coldstart-test" ? ns : [1, 3])
        {
            var light = ColdStart.Prepare(baseSplit, 400, 1, lightListens: n);
            var run = Trainer.Train(TrainingData.Create(light.Train, null, hp), hp);
            Print(ColdStartEvaluation.Evaluate(run.Model, light, [n], new ColdStartOptions(ThreadCount: threads)), objective);
        }
    }
}

// With LASTFMMF_CACHE set, a validation model is trained once and read back from that folder afterwards (the blend's
// search reruns on the same model without retraining it).
static (FactorModel Model, int EpochsRun, int BestEpoch) Cached(string key, Func<TrainingRun> train)
{
    var folder = Environment.GetEnvironmentVariable("LASTFMMF_CACHE");
    var path = folder is null ? null : Path.Combine(folder, string.Concat(key.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_')) + ".lfmf");
    if (path is not null && File.Exists(path))
    {
        var m = LastFmMf.Persistence.ModelFile.Read(path).Model;
        return (m, m.Origin!.EpochsRun, m.Origin.BestEpoch);
    }
    var run = train();
    if (path is not null) LastFmMf.Persistence.ModelFile.Write(path, new LastFmMf.Persistence.SavedModel(run.Model, DateTimeOffset.UnixEpoch), true);
    return (run.Model, run.EpochsRun, run.BestEpoch);
}

// "Name=value,Name=value": shared or objective settings, through the same validation as the cmdlet's parameters.
static Hyperparameters Apply(Hyperparameters hp, string spec) =>
    HyperparameterOverrides.Apply(hp, spec.Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(part => part.Split('=')).Select(kv => new KeyValuePair<string, object?>(kv[0], kv[1])));
