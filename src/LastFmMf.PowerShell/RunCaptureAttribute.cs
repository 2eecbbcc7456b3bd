using System.Management.Automation;
using System.Runtime.CompilerServices;
using LastFmMf.Evaluation;
using LastFmMf.Training;

namespace LastFmMf.PowerShell;

/// <summary>
/// Placed before [ModelTransformation] on a -Model parameter: remembers (weakly) the hyperparameters and epochs of the
/// TrainingRun or SavedModel a model came from, so a cmdlet that receives the model can still report them. Passes the
/// input on unchanged.
/// </summary>
public sealed class RunCaptureAttribute : ArgumentTransformationAttribute
{
    private static readonly ConditionalWeakTable<FactorModel, ModelOrigin> Origins = new();

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        Remember(inputData);
        return inputData;
    }

    /// <summary>Records the origin when <paramref name="inputData"/> is a run or a saved model.</summary>
    public static void Remember(object? inputData)
    {
        switch (inputData is PSObject ps ? ps.BaseObject : inputData)
        {
            case TrainingRun run: Origins.AddOrUpdate(run.Model, new ModelOrigin(run.Hyperparameters, run.EpochsRun)); break;
            case LastFmMf.Persistence.SavedModel { Hyperparameters: { } hp } saved: Origins.AddOrUpdate(saved.Model, new ModelOrigin(hp, saved.Epochs)); break;
        }
    }

    /// <summary>Where the model came from, when it was passed to a cmdlet as a run or a saved model.</summary>
    public static ModelOrigin? OriginOf(FactorModel model) => Origins.TryGetValue(model, out var o) ? o : null;
}
