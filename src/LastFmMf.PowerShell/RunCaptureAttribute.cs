using System.Management.Automation;
using System.Runtime.CompilerServices;
using LastFmMf.Training;

namespace LastFmMf.PowerShell;

/// <summary>
/// Placed before [ModelTransformation] on a -Model parameter: remembers the TrainingRun a model came from (weakly), so a
/// cmdlet that receives the model can still report the run's hyperparameters. Passes the input on unchanged.
/// </summary>
public sealed class RunCaptureAttribute : ArgumentTransformationAttribute
{
    private static readonly ConditionalWeakTable<FactorModel, TrainingRun> Runs = new();

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        Remember(inputData);
        return inputData;
    }

    /// <summary>Records the run when <paramref name="inputData"/> is one.</summary>
    public static void Remember(object? inputData)
    {
        if ((inputData is PSObject ps ? ps.BaseObject : inputData) is TrainingRun run)
            Runs.AddOrUpdate(run.Model, run);
    }

    /// <summary>The run the model came from, when it was passed to a cmdlet as a run.</summary>
    public static TrainingRun? RunOf(FactorModel model) => Runs.TryGetValue(model, out var run) ? run : null;
}
