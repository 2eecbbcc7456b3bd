using System.Management.Automation;
using LastFmMf.Evaluation;
using LastFmMf.Training;

namespace LastFmMf.PowerShell;

/// <summary>
/// One warning per model and pipeline when a cmdlet ranks with a model fitted to play counts: such a model predicts how
/// much a listener plays what they already play, and ranks unheard artists below plain popularity on this data.
/// </summary>
internal sealed class PlayCountWarning
{
    private readonly HashSet<FactorModel> _warned = new(ReferenceEqualityComparer.Instance);

    public void WriteOnce(Cmdlet cmdlet, FactorModel model, string what)
    {
        if (!ModelEvaluation.PredictsTargets(model) || !_warned.Add(model)) return;
        cmdlet.WriteWarning($"This {model.Objective} model was fitted to play counts: it predicts plays but ranks poorly (below " +
                            $"plain popularity for recommendations). For {what}, train with the default objective " +
                            $"(-Objective {Objectives.DefaultName}) or -Objective Implicit.");
    }
}
