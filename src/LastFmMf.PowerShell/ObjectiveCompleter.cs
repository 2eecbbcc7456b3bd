using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using LastFmMf.Training;

namespace LastFmMf.PowerShell;

/// <summary>Completes <c>-Objective</c> with the registered objectives, each with its one-line description.</summary>
public sealed class ObjectiveCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Objectives.Descriptions
            .Where(o => o.Name.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
            .Select(o => new CompletionResult(o.Name, o.Name, CompletionResultType.ParameterValue, o.Description));
}
