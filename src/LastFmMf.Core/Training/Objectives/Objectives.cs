namespace LastFmMf.Training;

/// <summary>
/// The one registration of the objectives: <c>-Objective</c>, model files and fold-in find an objective here by name.
/// Adding an objective is a folder under Training/Objectives (its settings record and its <see cref="IObjective"/>) and
/// one line in <see cref="All"/>.
/// </summary>
public static class Objectives
{
    private static readonly IObjective[] All =
    [
        SquaredSgd.Instance,
        PreferenceSgd.Instance,
        BprSgd.Instance,
        ImplicitAls.Instance,
    ];

    /// <summary>The objective of <see cref="Hyperparameters.Default"/>.</summary>
    public const string DefaultName = "Preference";

    /// <summary>What a model made without a training run (or read from an old file without settings) is taken to be:
    /// a squared-loss model of its targets, folded in with default Squared settings.</summary>
    public const string WithoutOrigin = "Squared";

    /// <summary>The names, in registration order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(o => o.Name).ToArray();

    /// <summary>Name and one-line description of every objective (for help and tab completion).</summary>
    public static IReadOnlyList<(string Name, string Description)> Descriptions { get; } = All.Select(o => (o.Name, o.Description)).ToArray();

    /// <summary>Whether <paramref name="name"/> names an objective (case-insensitive).</summary>
    public static bool Exists(string? name) => All.Any(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The objective's canonical name ("implicit" → "Implicit").</summary>
    /// <exception cref="ArgumentException">No objective has that name.</exception>
    public static string Canonical(string name) => Get(name).Name;

    internal static IObjective Get(string name) =>
        All.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"'{name}' is not an objective; expected one of {string.Join(", ", Names)}.", nameof(name));

    /// <summary>The names of the objectives whose settings have a property <paramref name="setting"/>.</summary>
    internal static IReadOnlyList<string> Using(string setting) =>
        All.Where(o => SettingColumns.PropertiesOf(o.SettingsType).Any(x => string.Equals(x.Property.Name, setting, StringComparison.OrdinalIgnoreCase)))
            .Select(o => o.Name).ToArray();

    /// <summary>Every objective-specific setting name of any objective.</summary>
    internal static IEnumerable<string> AllSettingNames() =>
        All.SelectMany(o => SettingColumns.PropertiesOf(o.SettingsType).Select(x => x.Property.Name)).Distinct(StringComparer.OrdinalIgnoreCase);
}
