using System.Reflection;

namespace LastFmMf.Training;

/// <summary>
/// Applies named values to a copy of a <see cref="Hyperparameters"/> record — the bridge from a cmdlet's bound
/// parameters (or a splatted hashtable) to the validated records, so that adding a setting never needs new mapping
/// code. A name is a shared setting (<see cref="Hyperparameters"/>) or one of the chosen objective's settings; a setting
/// of another objective is refused with <see cref="ParameterNotApplicableException"/>, never silently ignored.
/// </summary>
public static class HyperparameterOverrides
{
    private static readonly Dictionary<string, PropertyInfo> Shared =
        SettingColumns.PropertiesOf(typeof(Hyperparameters)).ToDictionary(x => x.Property.Name, x => x.Property, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every settable name: the shared settings and the settings of every objective.</summary>
    public static IReadOnlyCollection<string> Names { get; } =
        Shared.Keys.Concat(Objectives.AllSettingNames()).Distinct(StringComparer.OrdinalIgnoreCase).Order().ToArray();

    /// <summary>Whether <paramref name="name"/> is a setting of the run or of any objective.</summary>
    public static bool IsHyperparameter(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A new record: <paramref name="baseline"/> with the given values, each through its property's validation.
    /// </summary>
    /// <exception cref="ParameterNotApplicableException">A value names a setting that <paramref name="baseline"/>'s
    /// objective does not read (another objective's, or one that has no effect with the other settings).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its setting's range (the message names it).</exception>
    /// <exception cref="ArgumentException">A name is no setting at all.</exception>
    public static Hyperparameters Apply(Hyperparameters baseline, IEnumerable<KeyValuePair<string, object?>> values) =>
        Apply(baseline, values, checkEffect: true);

    /// <summary><see cref="Apply(Hyperparameters, IEnumerable{KeyValuePair{string, object}})"/>; without
    /// <paramref name="checkEffect"/>, a setting that has no effect with the others is kept (older model files hold every
    /// setting of every objective).</summary>
    internal static Hyperparameters Apply(Hyperparameters baseline, IEnumerable<KeyValuePair<string, object?>> values, bool checkEffect)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(values);
        var objective = baseline.Objective.Implementation;
        var own = SettingColumns.PropertiesOf(objective.SettingsType).ToDictionary(x => x.Property.Name, x => x.Property, StringComparer.OrdinalIgnoreCase);
        // `with {}` makes the copies; setting their init-only properties here is construction, before they escape.
        var shared = baseline with { };
        var settings = baseline.Objective with { };
        var applied = new List<string>();
        foreach (var (name, value) in values)
        {
            if (Shared.TryGetValue(name, out var property)) Set(shared, property, value);
            else if (own.TryGetValue(name, out property))
            {
                Set(settings, property, value);
                applied.Add(property.Name);
            }
            else if (Objectives.Using(name) is { Count: > 0 } users)
                throw new ParameterNotApplicableException(name, objective.Name, users, null);
            else
                throw new ArgumentException($"'{name}' is not a setting; expected one of {string.Join(", ", Names)}.", nameof(values));
        }
        foreach (var name in checkEffect ? applied : [])
            if (objective.Inapplicable(settings, name) is { } why)
                throw new ParameterNotApplicableException(name, objective.Name, [objective.Name], why);
        return shared with { Objective = settings };
    }

    private static void Set(object target, PropertyInfo property, object? value)
    {
        object? converted;
        try
        {
            converted = property.PropertyType.IsEnum && value is string s
                ? Enum.Parse(property.PropertyType, s, ignoreCase: true)
                : Convert.ChangeType(value, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            throw new ArgumentOutOfRangeException(property.Name, value, $"{property.Name} must be a {property.PropertyType.Name}; '{value}' is not.");
        }
        try
        {
            property.SetValue(target, converted);
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException inner)
        {
            throw inner;
        }
    }
}

/// <summary>A setting was given that the chosen objective does not read: it would have no effect, so it is refused.</summary>
public sealed class ParameterNotApplicableException : ArgumentException
{
    public ParameterNotApplicableException(string setting, string objective, IReadOnlyList<string> usedBy, string? reason)
        : base(reason is not null
            ? $"{setting} has no effect here: {reason}."
            : $"{setting} is not a setting of the {objective} objective; it is read by {string.Join(" and ", usedBy)}.", setting)
    {
        Setting = setting;
        Objective = objective;
        UsedBy = usedBy;
    }

    /// <summary>The setting that was given.</summary>
    public string Setting { get; }

    /// <summary>The objective of the run.</summary>
    public string Objective { get; }

    /// <summary>The objectives that read the setting.</summary>
    public IReadOnlyList<string> UsedBy { get; }
}
