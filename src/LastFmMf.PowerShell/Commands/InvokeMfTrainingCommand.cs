using System.Diagnostics;
using System.Management.Automation;
using LastFmMf.Data;
using LastFmMf.Splitting;
using LastFmMf.Training;
using LastFmMf.Scoring;

namespace LastFmMf.PowerShell.Commands;

/// <summary>
/// Trains a matrix-factorisation model by SGD on a split or a dataset: the training fold of the core, with progress,
/// -Verbose lines per epoch, Ctrl+C between epochs, and -Resume to go on from an earlier run.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "MfTraining", DefaultParameterSetName = NewRun)]
[OutputType(typeof(TrainingRun))]
public sealed class InvokeMfTrainingCommand : PSCmdlet
{
    private const string NewRun = "New";
    private const string ResumeRun = "Resume";
    private CancellationTokenSource? _cancel;

    /// <summary>A DataSplit (trains on Train, reports Test RMSE) or a LastFmDataset (trains on all of it).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = NewRun)]
    public object InputObject { get; set; } = null!;

    /// <summary>A run to continue from its last state, for -Epochs more epochs.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ResumeRun)]
    [ValidateNotNull]
    public object Resume { get; set; } = null!;

    /// <summary>The run or saved model to resume, unwrapped: a TrainingRun, or a model (SavedModel, FactorModel) with its origin.</summary>
    private (TrainingRun? Run, FactorModel? Model, Hyperparameters Settings)? Resumed()
    {
        var value = Resume is PSObject ps ? ps.BaseObject : Resume;
        return value switch
        {
            null => null,
            TrainingRun run => (run, null, run.Hyperparameters),
            LastFmMf.Persistence.SavedModel { Model.Origin: { } o } saved => (null, saved.Model, o.Hyperparameters),
            FactorModel { Origin: { } o } model => (null, model, o.Hyperparameters),
            _ => throw new ArgumentException($"-Resume takes a run from Invoke-MfTraining or a model saved from one (Import-MfModel); {value.GetType().Name} has no training run to continue."),
        };
    }

    // Every parameter below has the name of a setting — shared (Hyperparameters) or of an objective (SquaredSettings,
    // BprSettings, ImplicitSettings) — and is applied to it when bound; the record validates it, its XML docs (and
    // Get-Help) give its meaning, default and range, and a setting the chosen objective does not read is refused.

    /// <summary>k, the number of latent factors.</summary>
    [Parameter] public int Factors { get; set; }
    /// <summary>Most epochs to run (with -Resume: how many more).</summary>
    [Parameter] public int Epochs { get; set; }
    /// <summary>η, the SGD step size of the first epoch.</summary>
    [Parameter] public double LearningRate { get; set; }
    /// <summary>Factor applied to η after each epoch.</summary>
    [Parameter] public double LearningRateDecay { get; set; }
    /// <summary>λ, the L2 weight on the factors.</summary>
    [Parameter] public double Regularization { get; set; }
    /// <summary>λ on the user biases.</summary>
    [Parameter] public double UserBiasRegularization { get; set; }
    /// <summary>λ on the artist biases.</summary>
    [Parameter] public double ArtistBiasRegularization { get; set; }
    /// <summary>λ_g, the weight of the course's gravity term.</summary>
    [Parameter] public double Gravity { get; set; }
    /// <summary>σ of the initial factors.</summary>
    [Parameter] public double InitStdDev { get; set; }
    /// <summary>The plain course model p_u·q_a, without global mean and biases.</summary>
    [Parameter] public SwitchParameter NoBiases { get; set; }
    /// <summary>How play counts become targets.</summary>
    [Parameter] public TransformKind Transform { get; set; }
    /// <summary>What is minimised: Squared, Bpr or Implicit (tab-completes).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ObjectiveCompleter))]
    public string Objective { get; set; } = "";
    /// <summary>Seed of every random choice of training.</summary>
    [Parameter] public int Seed { get; set; }
    /// <summary>Threads; the result does not depend on it.</summary>
    [Parameter] public int ThreadCount { get; set; }
    /// <summary>B of the block schedule.</summary>
    [Parameter] public int BlockCount { get; set; }
    /// <summary>SGD objectives: how an epoch walks each block, Grouped or Shuffled.</summary>
    [Parameter] public SgdOrder Order { get; set; }
    /// <summary>Share of Train held out for validation and early stopping.</summary>
    [Parameter] public double ValidationFraction { get; set; }
    /// <summary>Seed of the validation hold-out.</summary>
    [Parameter] public int ValidationSeed { get; set; }
    /// <summary>Epochs without a better validation score before stopping.</summary>
    [Parameter] public int Patience { get; set; }
    /// <summary>Which validation score early stopping watches.</summary>
    [Parameter] public StopMetric StopMetric { get; set; }
    /// <summary>Implicit: α of the confidence 1 + α·f(plays).</summary>
    [Parameter] public double Alpha { get; set; }
    /// <summary>Implicit: f of the confidence, Log or Linear.</summary>
    [Parameter] public ConfidenceScaling Confidence { get; set; }
    /// <summary>Implicit: ε of f = log(1 + plays/ε).</summary>
    [Parameter] public double Epsilon { get; set; }
    /// <summary>Implicit: popularity exponent of the weight of unobserved pairs.</summary>
    [Parameter] public double UnobservedWeightExponent { get; set; }
    /// <summary>Implicit: how each ALS row is solved, ConjugateGradient or Cholesky.</summary>
    [Parameter] public ImplicitSolver Solver { get; set; }
    /// <summary>Implicit: conjugate-gradient steps per row and half-sweep.</summary>
    [Parameter] public int CgSteps { get; set; }
    /// <summary>Preference: exact gravity steps per epoch.</summary>
    [Parameter] public int GravitySteps { get; set; }
    /// <summary>Validation users early stopping scores each epoch (a seeded sample; 0 = all).</summary>
    [Parameter] public int ValidationUsers { get; set; }
    /// <summary>Bpr: how negative artists are drawn.</summary>
    [Parameter] public NegativeSampling NegativeSampling { get; set; }
    /// <summary>Bpr: popularity exponent of weighted negative sampling.</summary>
    [Parameter] public double NegativeSamplingExponent { get; set; }

    protected override void BeginProcessing() => _cancel = new CancellationTokenSource();

    protected override void StopProcessing() => _cancel?.Cancel();

    protected override void EndProcessing() => _cancel?.Dispose();

    protected override void ProcessRecord()
    {
        if (!TryResolveSettings(out var hp, out var resumed)) return;

        TrainingData data;
        TrainingState start;
        try
        {
            if (resumed is var (run, model, _))
                (start, data, hp) = run is not null ? Trainer.PrepareResume(run, hp) : Trainer.PrepareResume(model!, hp);
            else
            {
                data = PrepareData(InputObject, hp);
                start = Trainer.Initialize(data, hp);
            }
        }
        catch (ArgumentException e)
        {
            WriteError(ErrorRecords.Argument(Resume is null ? "InvalidTrainingInput" : "CannotResume", e.Message, (object?)Resume ?? InputObject));
            return;
        }

        WriteVerbose($"Training {hp} on {data.FitCount:N0} listens ({data.UserCount:N0} users, {data.ArtistCount:N0} artists), {hp.ThreadCount} thread(s).");
        var last = start;
        var progress = new ProgressRecord(1, "Invoke-MfTraining", $"{hp.Objective.Name}, k={hp.Factors}");
        var clock = Stopwatch.StartNew();
        int firstEpoch = start.Epoch;
        try
        {
            using var epochs = Trainer.EpochsFrom(start, data, hp, _cancel!.Token);
            // The enumerator lets go of the initial state after the first epoch; but this method runs unoptimised (once per
            // record), where a local lives to the end, and state 0's model is 170 MB at 360K size. So start is cleared
            // (last, which holds state 0 too, is the first epoch's state from then on).
            start = null!;
            while (epochs.MoveNext())
            {
                var state = epochs.Current;
                last = state;
                WriteEpoch(state, hp, progress, clock.Elapsed.TotalSeconds / (state.Epoch - firstEpoch));
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the pipeline is stopping; the epoch in flight finished and nothing half-done escapes.
            return;
        }
        catch (TrainingDivergedException e)
        {
            WriteError(new ErrorRecord(e, "TrainingDiverged", ErrorCategory.InvalidResult, e.LearningRate));
            return;
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
        if (last.StoppedEarly(hp))
            WriteVerbose($"Stopped early after epoch {last.Epoch}: no better validation score for {hp.Patience} epochs; keeping epoch {last.BestEpoch}.");
        WriteObject(FlatColumns.Attach(TrainingRun.From(last, data, hp)));
    }

    /// <summary>
    /// The run's settings: the chosen objective's defaults (or the resumed run's settings) with the bound parameters
    /// applied. Writes a terminating error and returns false for a parameter the objective does not read, a value out of
    /// range, or a resume that would change the objective.
    /// </summary>
    private bool TryResolveSettings(out Hyperparameters hp, out (TrainingRun? Run, FactorModel? Model, Hyperparameters Settings)? resumed)
    {
        hp = null!;
        var bound = MyInvocation.BoundParameters;
        string? objective = null;
        if (bound.ContainsKey(nameof(Objective)))
        {
            if (!Objectives.Exists(Objective))
                ThrowTerminatingError(ErrorRecords.Argument("UnknownObjective",
                    $"'{Objective}' is not an objective; use one of {string.Join(", ", Objectives.Names)}.", Objective));
            objective = Objectives.Canonical(Objective);
        }
        resumed = null;
        if (Resume is not null)
        {
            try
            {
                resumed = Resumed();
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorRecords.Argument("CannotResume", e.Message, Resume));
            }
            var was = resumed!.Value.Settings.Objective.Name;
            if (objective is not null && objective != was)
                ThrowTerminatingError(ErrorRecords.Argument("ResumeChangesObjective",
                    $"-Resume continues a {was} run; it cannot go on as {objective}. Train a new run with -Objective {objective} instead.", Objective));
            if (!bound.ContainsKey(nameof(Epochs)))
                ThrowTerminatingError(ErrorRecords.Argument("EpochsRequired", "-Resume needs -Epochs: how many more epochs to run.", Resume));
        }
        // Each objective has its own defaults (chosen on validation data); bound parameters then override them.
        var baseline = resumed?.Settings ?? Hyperparameters.DefaultsFor(objective ?? Objectives.DefaultName);
        // A saved model does not keep its ThreadCount (it never changes the result): use every core, as a new run does.
        if (!bound.ContainsKey(nameof(ThreadCount)) && resumed?.Run is null)
            baseline = baseline with { ThreadCount = Math.Min(Environment.ProcessorCount, 256) };
        try
        {
            hp = HyperparameterOverrides.Apply(baseline, BoundSettings());
            return true;
        }
        catch (ParameterNotApplicableException e)
        {
            string parameter = e.Setting == "UseBiases" ? "-NoBiases" : "-" + e.Setting;
            string message = e.UsedBy.Contains(e.Objective)
                ? $"{parameter} has no effect with these settings: {e.Message}"
                : $"{parameter} is not a parameter of -Objective {e.Objective}, which does not read it; the objectives that read it: {string.Join(", ", e.UsedBy)}.";
            ThrowTerminatingError(ErrorRecords.Argument("ParameterNotApplicable", message, e.Setting));
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(ErrorRecords.Argument("InvalidHyperparameter", e.Message, (e as ArgumentOutOfRangeException)?.ActualValue ?? e.ParamName));
        }
        return false;
    }

    private IEnumerable<KeyValuePair<string, object?>> BoundSettings()
    {
        foreach (var (name, value) in MyInvocation.BoundParameters)
        {
            if (name == nameof(NoBiases)) yield return new("UseBiases", !((SwitchParameter)value).IsPresent);
            else if (name != nameof(Objective) && HyperparameterOverrides.IsHyperparameter(name)) yield return new(name, value);
        }
    }

    private TrainingData PrepareData(object input, Hyperparameters hp)
    {
        var value = input is PSObject ps ? ps.BaseObject : input;
        return value switch
        {
            DataSplit split => TrainingData.Create(split, hp),
            LastFmDataset dataset => TrainingData.Create(dataset, null, hp),
            _ => throw new ArgumentException($"Expected a DataSplit (from Split-LastFmData) or a LastFmDataset (from Import-LastFmData), but got {value?.GetType().Name ?? "nothing"}."),
        };
    }

    private void WriteEpoch(TrainingState state, Hyperparameters hp, ProgressRecord progress, double secondsPerEpoch)
    {
        var h = state.Last!;
        static string Fmt(object? x) => x switch
        {
            null => "-",
            double d => d.ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
            _ => Convert.ToString(x, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        };
        var measures = h.Columns().Where(c => c.Key is not ("Epoch" or "Seconds") && (c.Key != "ValidationNdcg" || c.Value is not null))
            .Select(c => $"{c.Key} {Fmt(c.Value)}");
        var line = $"epoch {h.Epoch}/{hp.Epochs}: {string.Join(", ", measures)}, {h.Seconds:F2} s";
        WriteVerbose(line);
        progress.StatusDescription = line;
        progress.PercentComplete = (int)Math.Min(100, 100.0 * state.Epoch / hp.Epochs);
        progress.SecondsRemaining = (int)Math.Ceiling(secondsPerEpoch * (hp.Epochs - state.Epoch));
        WriteProgress(progress);
    }
}
