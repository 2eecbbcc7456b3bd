using System.Diagnostics;
using System.Management.Automation;
using LastFmMf.Data;
using LastFmMf.Splitting;
using LastFmMf.Training;

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
    public TrainingRun Resume { get; set; } = null!;

    // Every parameter below has the name of a Hyperparameters property and is applied to it when bound;
    // the record validates it and its XML docs (and Get-Help) give its meaning, default and range.

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
    /// <summary>What is minimised.</summary>
    [Parameter] public ObjectiveKind Objective { get; set; }
    /// <summary>Seed of every random choice of training.</summary>
    [Parameter] public int Seed { get; set; }
    /// <summary>Threads; the result does not depend on it.</summary>
    [Parameter] public int ThreadCount { get; set; }
    /// <summary>B of the block schedule.</summary>
    [Parameter] public int BlockCount { get; set; }
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
    /// <summary>Bpr: how negative artists are drawn.</summary>
    [Parameter] public NegativeSampling NegativeSampling { get; set; }
    /// <summary>Bpr: popularity exponent of weighted negative sampling.</summary>
    [Parameter] public double NegativeSamplingExponent { get; set; }

    protected override void BeginProcessing() => _cancel = new CancellationTokenSource();

    protected override void StopProcessing() => _cancel?.Cancel();

    protected override void EndProcessing() => _cancel?.Dispose();

    protected override void ProcessRecord()
    {
        // Each objective has its own defaults (chosen on validation data); bound parameters then override them.
        var baseline = Resume?.Hyperparameters
                       ?? Hyperparameters.DefaultsFor(MyInvocation.BoundParameters.ContainsKey(nameof(Objective)) ? Objective : ObjectiveKind.Squared);
        if (!MyInvocation.BoundParameters.ContainsKey(nameof(ThreadCount)) && Resume is null)
            baseline = baseline with { ThreadCount = Math.Min(Environment.ProcessorCount, baseline.BlockCount) };
        Hyperparameters hp;
        try
        {
            hp = HyperparameterOverrides.Apply(baseline, BoundHyperparameters());
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(ErrorRecords.Argument("InvalidHyperparameter", e.Message, (e as ArgumentOutOfRangeException)?.ActualValue ?? e.ParamName));
            return;
        }

        TrainingData data;
        TrainingState start;
        try
        {
            if (Resume is not null)
            {
                if (!MyInvocation.BoundParameters.ContainsKey(nameof(Epochs)))
                    ThrowTerminatingError(ErrorRecords.Argument("EpochsRequired", "-Resume needs -Epochs: how many more epochs to run.", Resume));
                (start, data, hp) = Trainer.PrepareResume(Resume, hp);
            }
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
        var progress = new ProgressRecord(1, "Invoke-MfTraining", $"{hp.Objective}, k={hp.Factors}");
        var clock = Stopwatch.StartNew();
        int firstEpoch = start.Epoch;
        try
        {
            foreach (var state in Trainer.Unfold(start, data, hp, _cancel!.Token))
            {
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
        WriteObject(TrainingRun.From(last, data, hp));
    }

    private IEnumerable<KeyValuePair<string, object?>> BoundHyperparameters()
    {
        foreach (var (name, value) in MyInvocation.BoundParameters)
        {
            if (name == nameof(NoBiases)) yield return new("UseBiases", !((SwitchParameter)value).IsPresent);
            else if (HyperparameterOverrides.IsHyperparameter(name)) yield return new(name, value);
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
        string Fmt(double? x) => x is null ? "-" : x.Value.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
        var line = hp.Objective == ObjectiveKind.Squared
            ? $"epoch {h.Epoch}/{hp.Epochs}: objective {Fmt(h.Objective)}, train RMSE {Fmt(h.TrainRmse)}, validation RMSE {Fmt(h.ValidationRmse)}, test RMSE {Fmt(h.TestRmse)}, {h.Seconds:F2} s"
            : $"epoch {h.Epoch}/{hp.Epochs}: objective {Fmt(h.Objective)}, validation NDCG@10 {Fmt(h.ValidationNdcg)}, {h.Seconds:F2} s";
        WriteVerbose(line);
        progress.StatusDescription = line;
        progress.PercentComplete = (int)Math.Min(100, 100.0 * state.Epoch / hp.Epochs);
        progress.SecondsRemaining = (int)Math.Ceiling(secondsPerEpoch * (hp.Epochs - state.Epoch));
        WriteProgress(progress);
    }
}
