using System.Management.Automation;
using LastFmMf.Training;

namespace LastFmMf.PowerShell;

/// <summary>
/// Lets every -Model parameter take what users have at hand: a TrainingRun from Invoke-MfTraining, a
/// SavedModel from Import-MfModel, or a FactorModel. Anything else is refused with a message that says what is accepted.
/// </summary>
public sealed class ModelTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) => ToModel(inputData);

    public static FactorModel ToModel(object? inputData)
    {
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        return value switch
        {
            FactorModel m => m,
            TrainingRun r => r.Model,
            LastFmMf.Persistence.SavedModel s => s.Model,
            _ => throw new ArgumentTransformationMetadataException(
                $"Expected a trained model: the output of Invoke-MfTraining or Import-MfModel, but got {(value is null ? "nothing" : value.GetType().Name)}."),
        };
    }
}
