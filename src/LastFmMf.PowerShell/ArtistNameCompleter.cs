using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using LastFmMf.Training;

namespace LastFmMf.PowerShell;

/// <summary>Completes artist names from the model bound to -Model (e.g. Get-MfSimilarArtist -Model $run -Artist Radio&lt;Tab&gt;).</summary>
public sealed class ArtistNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (fakeBoundParameters is null || !fakeBoundParameters.Contains("Model")) return [];
        FactorModel model;
        try { model = ModelTransformationAttribute.ToModel(fakeBoundParameters["Model"]); }
        catch (ArgumentTransformationMetadataException) { return []; }
        var word = (wordToComplete ?? "").Trim('\'', '"');
        return model.GetArtistLookup().Complete(word).Select(name =>
            new CompletionResult(NeedsQuotes(name) ? "'" + name.Replace("'", "''") + "'" : name, name, CompletionResultType.ParameterValue, name));
    }

    private static bool NeedsQuotes(string name) =>
        name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || "'\"`$&(){}[];,|<>@#".Contains(c)) || char.IsDigit(name[0]) || name[0] == '-';
}
