using LastFmMf.Scoring;
namespace LastFmMf.Training;

/// <summary>
/// The settings of one objective: only what that objective reads, each with its own default, range and meaning (see the
/// derived records). A run's shared settings are in <see cref="Hyperparameters"/>.
/// </summary>
public abstract record ObjectiveSettings
{
    /// <summary>The objective's name, as <c>-Objective</c> takes it.</summary>
    public string Name => Implementation.Name;

    /// <summary>The objective these settings configure (its functions; one per objective, in <see cref="Objectives"/>).</summary>
    internal abstract IObjective Implementation { get; }

    /// <summary>How the training data turns play counts into targets for this objective.</summary>
    internal virtual TransformKind Targets => TransformKind.Binary;

    /// <summary>B of the FPSGD block schedule the objective trains on (1: it does not use blocks).</summary>
    internal virtual int Blocks => 1;

    /// <summary>How the objective's SGD walks a block (for one that uses blocks).</summary>
    internal virtual SgdOrder WalkOrder => SgdOrder.Grouped;

    /// <summary>Whether the model has μ + b_u + b_a.</summary>
    internal virtual bool Biases => false;

    /// <summary>The settings as (name, value), in declaration order: the objective's columns of a sweep table.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Columns() => SettingColumns.Of(this).ToArray();

    /// <summary>The settings by symbol, without the name: "η=0.02 decay=0.97 λ=10 …" (for tables and labels).</summary>
    public string Describe() =>
        string.Join(" ", SettingColumns.Symbols(this).Select(s => SettingColumns.Label(s.Symbol, SettingColumns.Format(s.Value))));

    /// <summary>The objective's name (its settings are in <see cref="Columns"/> and <see cref="Describe"/>).</summary>
    public override string ToString() => Name;
}
