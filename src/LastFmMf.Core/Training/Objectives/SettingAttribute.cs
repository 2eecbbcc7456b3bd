namespace LastFmMf.Training;

/// <summary>
/// Marks a property of a settings record as a setting: a column of sweep tables, named by the property; the short
/// <see cref="Symbol"/> labels chart lines and one-line summaries ("k=64", "λ=10").
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingAttribute(string? symbol) : Attribute
{
    /// <summary>The short name in labels, or null to leave the setting out of labels.</summary>
    public string? Symbol { get; } = symbol;

    /// <summary>Whether the setting can change the result (ThreadCount cannot); only those are columns.</summary>
    public bool Identity { get; init; } = true;

    /// <summary>The value (as its text) that a model file without this setting was trained with: the behaviour before the
    /// setting existed, which need not be today's default. Null: today's default.</summary>
    public string? WhenAbsent { get; init; }
}
