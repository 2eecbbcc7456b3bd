using System.Reflection;

namespace LastFmMf.Training;

/// <summary>
/// Applies named values to a copy of a <see cref="Hyperparameters"/> record — the bridge from a cmdlet's bound
/// parameters (or a splatted hashtable) to the validated record, so that adding a hyperparameter never needs
/// new mapping code. Each value goes through the property's own validation.
/// </summary>
public static class HyperparameterOverrides
{
    private static readonly Dictionary<string, PropertyInfo> Settable =
        typeof(Hyperparameters).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The names that can be set.</summary>
    public static IReadOnlyCollection<string> Names => Settable.Keys;

    /// <summary>Whether <paramref name="name"/> is a hyperparameter.</summary>
    public static bool IsHyperparameter(string name) => Settable.ContainsKey(name);

    /// <summary>
    /// A new record: <paramref name="baseline"/> with the given values. An unknown name is an <see cref="ArgumentException"/>;
    /// a value out of range is the property's <see cref="ArgumentOutOfRangeException"/>, naming it and its range.
    /// </summary>
    public static Hyperparameters Apply(Hyperparameters baseline, IEnumerable<KeyValuePair<string, object?>> values)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        // `with {}` makes the copy; setting its init-only properties here is construction, before it escapes.
        var copy = baseline with { };
        foreach (var (name, value) in values)
        {
            if (!Settable.TryGetValue(name, out var property))
                throw new ArgumentException($"'{name}' is not a hyperparameter; expected one of {string.Join(", ", Settable.Keys.Order())}.", nameof(values));
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
                property.SetValue(copy, converted);
            }
            catch (TargetInvocationException e) when (e.InnerException is ArgumentException inner)
            {
                throw inner;
            }
        }
        return copy;
    }
}
