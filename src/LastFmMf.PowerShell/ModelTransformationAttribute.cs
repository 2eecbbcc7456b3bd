using System.Management.Automation;
using LastFmMf.Training;

namespace LastFmMf.PowerShell;

/// <summary>
/// Lets every -Model parameter take what users have at hand: a TrainingRun from Invoke-MfTraining, a
/// SavedModel from Import-MfModel, or a FactorModel. Anything else is refused with a message that says what is accepted.
/// With <see cref="Many"/>, on a FactorModel[] parameter, a list of them (-Model $a, $b) becomes a list of models.
/// </summary>
public sealed class ModelTransformationAttribute : ArgumentTransformationAttribute
{
    /// <summary>The parameter takes several models (FactorModel[]).</summary>
    public bool Many { get; set; }

    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        if (!Many) return ToModel(inputData);
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        return value is System.Collections.IList list ? list.Cast<object?>().Select(ToModel).ToArray() : new[] { ToModel(value) };
    }

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
