using System.Management.Automation;
using LastFmMf.Data;
using LastFmMf.Evaluation;
using LastFmMf.Splitting;
using LastFmMf.Training;

namespace LastFmMf.PowerShell.Commands;

/// <summary>Error and top-K ranking measures of models on held-out listens, beside the Popularity, Random, GlobalMean and UserArtistBias baselines.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "MfModel")]
[OutputType(typeof(EvaluationRow))]
public sealed class MeasureMfModelCommand : PSCmdlet
{
    // Ranking baselines do not depend on the model, so a table gets them once; error baselines are on a model's
    // target scale, so once per scale.
    private bool _rankingBaselinesWritten;
    private readonly HashSet<TargetTransform> _errorBaselinesWritten = [];

    /// <summary>TrainingRuns or models, from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ModelTransformation]
    [ValidateNotNull]
    public FactorModel Model { get; set; } = null!;

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

    protected override void ProcessRecord()
    {
        LastFmDataset test;
        Interactions? train;
        switch (TestData is PSObject ps ? ps.BaseObject : TestData)
        {
            case DataSplit s: (test, train) = (s.Test, s.Train.Listens); break;
            case LastFmDataset d: (test, train) = (d, Model.Listened); break;
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
        if (test.UserCount != Model.UserCount || test.ArtistCount != Model.ArtistCount)
        {
            WriteError(ErrorRecords.Argument("DataMismatch",
                $"The test data has {test.UserCount:N0} users and {test.ArtistCount:N0} artists; the model has {Model.UserCount:N0} and {Model.ArtistCount:N0}. Measure a model on data split from the data it was trained on.", TestData));
            return;
        }
        if (!ModelEvaluation.SameIds(Model, test))
        {
            WriteError(ErrorRecords.Argument("DataMismatch",
                $"The test data indexes other users or artists than the model (id fingerprint {LastFmMf.Data.DataFingerprint.Of(test.Users, test.ArtistIds)}, the model's {Model.DataFingerprint}). Measure a model on data split from the data it was trained on.", TestData));
            return;
        }
        if (Model.Listened is { } listened && ModelEvaluation.Overlap(listened, test) is > 0 and var overlap)
            WriteWarning($"TestOverlapsTraining: {overlap:N0} of the {test.ListenCount:N0} held-out listens are in the model's training listens, so the measures are inflated. Measure on the test part of the split the model was trained on.");
        bool rankingBaselines = !NoBaseline && !_rankingBaselinesWritten;
        bool errorBaselines = !NoBaseline && ModelEvaluation.PredictsTargets(Model) && _errorBaselinesWritten.Add(Model.Transform);
        _rankingBaselinesWritten |= rankingBaselines;
        var rows = ModelEvaluation.Evaluate(Model, test, train, Model.Origin,
            new EvaluationOptions(K, rankingBaselines, ErrorBaselines: errorBaselines));
        foreach (var row in rows) WriteObject(FlatColumns.Attach(row, row.Columns()));
    }
}
