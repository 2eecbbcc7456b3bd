using System.Globalization;
using System.Reflection;

namespace LastFmMf.Training;

/// <summary>The <see cref="SettingAttribute"/> properties of a settings record, in declaration order, read by reflection once per type.</summary>
internal static class SettingColumns
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (PropertyInfo Property, SettingAttribute Setting)[]> Cache = new();

    /// <summary>The setting properties of a record type (public, init-settable, marked), in declaration order.</summary>
    public static (PropertyInfo Property, SettingAttribute Setting)[] PropertiesOf(Type type) => Cache.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Setting: p.GetCustomAttribute<SettingAttribute>()!))
            .Where(x => x.Setting is not null && x.Property.SetMethod is not null)
            .OrderBy(x => x.Property.MetadataToken)
            .ToArray());

    /// <summary>(name, value) of every setting that can change the result.</summary>
    public static IEnumerable<KeyValuePair<string, object?>> Of(object settings) =>
        PropertiesOf(settings.GetType()).Where(x => x.Setting.Identity)
            .Select(x => new KeyValuePair<string, object?>(x.Property.Name, x.Property.GetValue(settings)));

    /// <summary>(symbol, value) of every setting with a symbol that has an effect with the others (an Implicit Cholesky
    /// run's CgSteps, a Linear one's Epsilon are left out of its label).</summary>
    public static IEnumerable<(string Symbol, object? Value)> Symbols(object settings) =>
        PropertiesOf(settings.GetType()).Where(x => x.Setting.Symbol is not null)
            .Where(x => settings is not ObjectiveSettings o || o.Implementation.Inapplicable(o, x.Property.Name) is null)
            .Select(x => (x.Setting.Symbol!, x.Property.GetValue(settings)));

    /// <summary>A value as labels show it: numbers in invariant G4, booleans as yes/no words are left to the caller.</summary>
    public static string Format(object? value) => value switch
    {
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        null => "",
        _ => value.ToString() ?? "",
    };

    /// <summary>"symbol=value", or for a yes/no setting the symbol or "no symbol" ("biases", "no biases").</summary>
    public static string Label(string symbol, string value) => value switch
    {
        "True" => symbol,
        "False" => "no " + symbol,
        _ => $"{symbol}={value}",
    };
}
