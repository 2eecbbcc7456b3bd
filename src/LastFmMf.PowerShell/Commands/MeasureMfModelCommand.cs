using System.Management.Automation;
using LastFmMf.Data;
using LastFmMf.Evaluation;
using LastFmMf.Splitting;
using LastFmMf.Training;
using LastFmMf.Scoring;

namespace LastFmMf.PowerShell.Commands;

/// <summary>Error and top-K ranking measures of models on held-out listens, beside the Popularity, Random, GlobalMean and UserArtistBias baselines.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "MfModel")]
[OutputType(typeof(EvaluationRow), typeof(ColdStartRow))]
public sealed class MeasureMfModelCommand : PSCmdlet
{
    private readonly CancellationTokenSource _stop = new();

    protected override void StopProcessing() => _stop.Cancel();

    // Ranking baselines do not depend on the model, so a table gets them once; error baselines are on a model's
    // target scale, so once per scale.
    private bool _rankingBaselinesWritten;
    private readonly HashSet<TargetTransform> _errorBaselinesWritten = [];
    // Once a measured model predicts play counts, its rows and all later ones carry RMSE and MAE in their default view
    // (the type name ...EvaluationRow#Error); before that, the ranking view leaves out the two columns no row fills.
    private bool _errorView;
    private readonly System.Diagnostics.Stopwatch _clock = new();
    private int _models;

    /// <summary>TrainingRuns or models, from the pipeline or as a list (-Model $a, $b).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ModelTransformation(Many = true)]
    [ValidateNotNullOrEmpty]
    public FactorModel[] Model { get; set; } = null!;

    /// <summary>A DataSplit (its Test is measured, its Train gives the candidates) or a test dataset.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("Split", "Test")]
    [ValidateNotNull]
    public object TestData { get; set; } = null!;

    /// <summary>The ranking cut-off.</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int K { get; set; } = 10;

    /// <summary>Only the model rows.</summary>
    [Parameter]
    public SwitchParameter NoBaseline { get; set; }

    /// <summary>The cold-start protocol at these numbers of revealed listens, on a split from Split-LastFmData -ColdStartUsers.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1, 100_000)]
    public int[]? ColdStart { get; set; }

    protected override void ProcessRecord()
    {
        _clock.Start();
        // A list given at once is one table: RMSE and MAE from its first row when any of its models predicts play counts.
        _errorView |= Model.Any(ModelEvaluation.PredictsTargets);
        foreach (var model in Model) Measure(model);
        _clock.Stop();
    }

    protected override void EndProcessing() =>
        WriteVerbose($"Measured {_models} model(s) at K={K} in {_clock.Elapsed.TotalSeconds:N2} s.");

    private void Measure(FactorModel model)
    {
        if (ColdStart is not null)
        {
            MeasureColdStart(model);
            return;
        }
        LastFmDataset test;
        Interactions? train;
        switch (TestData is PSObject ps ? ps.BaseObject : TestData)
        {
            case DataSplit s: (test, train) = (s.Test, s.Train.Listens); break;
            case LastFmDataset d: (test, train) = (d, model.Listened); break;
            case var other:
                ThrowTerminatingError(ErrorRecords.Argument("InvalidTestData",
                    $"-TestData must be a DataSplit (from Split-LastFmData) or a LastFmDataset (a split's Test), not {other.GetType().Name}.", TestData));
                return;
        }
        if (train is null)
        {
            ThrowTerminatingError(ErrorRecords.Argument("NoTrainingListens",
                "The model carries no training listens; pass the split (-TestData $split) so its Train part gives the candidates.", TestData));
            return;
        }
        if (test.UserCount != model.UserCount || test.ArtistCount != model.ArtistCount)
        {
            WriteError(ErrorRecords.Argument("DataMismatch",
                $"The test data has {test.UserCount:N0} users and {test.ArtistCount:N0} artists; the model has {model.UserCount:N0} and {model.ArtistCount:N0}. Measure a model on data split from the data it was trained on.", TestData));
            return;
        }
        if (test.ListenCount == 0)
        {
            WriteError(ErrorRecords.Argument("EmptyTestData",
                "The test data holds no listens, so there is nothing to measure; split with a TestFraction above 0.", TestData));
            return;
        }
        if (!ModelEvaluation.SameIds(model, test))
        {
            WriteError(ErrorRecords.Argument("DataMismatch",
                $"The test data indexes other users or artists than the model (id fingerprint {LastFmMf.Data.DataFingerprint.Of(test.Users, test.ArtistIds)}, the model's {model.DataFingerprint}). Measure a model on data split from the data it was trained on.", TestData));
            return;
        }
        if (model.Listened is { } listened && ModelEvaluation.Overlap(listened, test) is > 0 and var overlap)
            WriteWarning($"TestOverlapsTraining: {overlap:N0} of the {test.ListenCount:N0} held-out listens are in the model's training listens, so the measures are inflated. Measure on the test part of the split the model was trained on.");
        bool predicts = ModelEvaluation.PredictsTargets(model);
        _errorView |= predicts;
        bool rankingBaselines = !NoBaseline && !_rankingBaselinesWritten;
        bool errorBaselines = !NoBaseline && predicts && _errorBaselinesWritten.Add(model.Transform);
        _rankingBaselinesWritten |= rankingBaselines;
        var rows = Stoppable.Run(() => ModelEvaluation.Evaluate(model, test, train, model.Origin,
            new EvaluationOptions(K, rankingBaselines, ErrorBaselines: errorBaselines)), _stop.Token);
        _models++;
        foreach (var row in rows)
        {
            var item = FlatColumns.Attach(row, row.Columns());
            if (_errorView) item.TypeNames.Insert(0, typeof(EvaluationRow).FullName + "#Error");
            WriteObject(item);
        }
    }

    private void MeasureColdStart(FactorModel model)
    {
        if ((TestData is PSObject ps ? ps.BaseObject : TestData) is not DataSplit { ColdStart: not null } split)
        {
            ThrowTerminatingError(ErrorRecords.Argument("NotAColdStartSplit",
                "-ColdStart needs -TestData to be a cold-start split: Split-LastFmData -ColdStartUsers 400 makes one, and the model must be trained on its Train (which lacks those users' listens).", TestData));
            return;
        }
        IReadOnlyList<ColdStartRow> rows;
        try
        {
            rows = ColdStartEvaluation.Evaluate(model, split, ColdStart!, new ColdStartOptions(K, Baselines: !NoBaseline));
        }
        catch (ColdStartLeakException e)
        {
            WriteError(ErrorRecords.Argument("ColdStartLeak", e.Message, model));
            return;
        }
        catch (ArgumentException e)
        {
            WriteError(ErrorRecords.Argument("InvalidColdStart", e.Message, ColdStart));
            return;
        }
        _models++;
        foreach (var row in rows) WriteObject(row);
    }
}
