using System.Text.Json;
using LastFmMf.Training;

namespace LastFmMf.Persistence;

/// <summary>
/// The <see cref="ModelOrigin"/> as a model file's metadata holds it: the objective's name and every setting by name
/// (shared and the objective's, as <see cref="Hyperparameters.Columns"/> gives them), the epochs run and kept, and what
/// fold-in needs. Read back through <see cref="HyperparameterOverrides"/>, so every value passes its setting's validation.
/// Version-1 files (before objectives had their own settings) held one flat record of every setting of every objective,
/// and "Epochs" was the kept epoch; <see cref="FromLegacy"/> reads those.
/// </summary>
internal sealed record ModelFileOrigin(string Objective, Dictionary<string, JsonElement> Settings, int EpochsRun, int BestEpoch,
    long FitPairs, double[]? ArtistWeights, ModelFileEpoch[]? History = null)
{
    public static ModelFileOrigin From(ModelOrigin o, JsonSerializerOptions json) => new(
        o.Objective,
        o.Hyperparameters.Columns().Where(c => c.Key != "Objective")
            .ToDictionary(c => c.Key, c => JsonSerializer.SerializeToElement(c.Value, json)),
        o.EpochsRun, o.BestEpoch, o.FitPairs, o.ArtistWeights,
        o.History.Select(h => new ModelFileEpoch(h.Epoch, h.Loss, h.ValidationNdcg, h.Seconds,
            h.Measures.ToDictionary(m => m.Key, m => m.Value))).ToArray());

    /// <exception cref="ArgumentException">An unknown objective or setting, or a value out of range.</exception>
    public ModelOrigin ToOrigin()
    {
        // The file holds every setting of the objective, also one without effect with the others (a Uniform Bpr run's
        // NegativeSamplingExponent, a Linear Implicit run's Epsilon): read them back as they were, not as a user's request.
        var values = Settings.Select(s => new KeyValuePair<string, object?>(s.Key, Value(s.Value)));
        var hp = HyperparameterOverrides.Apply(Hyperparameters.DefaultsFor(Objective), WithAbsent(Objective, values), checkEffect: false);
        if (History?.Any(h => h is null) == true) throw new ArgumentException("the history has an empty row");
        if (ArtistWeights?.Any(w => !double.IsFinite(w)) == true) throw new ArgumentException("an artist weight is not a finite number");
        var history = (History ?? []).Select(h => new EpochRecord(h.Epoch, h.Loss, h.ValidationNdcg, h.Seconds)
        {
            Measures = (h.Measures ?? []).Select(m => new KeyValuePair<string, double?>(m.Key, m.Value)).ToArray(),
        }).ToArray();
        if (history.Length != 0 && (history.Length != EpochsRun || history.Where((h, i) => h.Epoch != i + 1).Any()))
            throw new ArgumentException($"the history has {history.Length} rows for {EpochsRun} epochs run");
        return new ModelOrigin(hp, EpochsRun, BestEpoch) { FitPairs = FitPairs, ArtistWeights = ArtistWeights, History = history };
    }

    /// <summary>The origin of a version-1 file: its flat hyperparameters (only the settings the objective reads are kept),
    /// its objective record (for the unobserved weights) and its epoch count (the kept epoch, which is all it recorded).</summary>
    public static ModelOrigin FromLegacy(JsonElement flat, JsonElement? trainedWith, int epochs, long fitPairs)
    {
        string objective = flat.TryGetProperty("Objective", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : Objectives.WithoutOrigin;
        var baseline = Hyperparameters.DefaultsFor(objective);
        var readable = new HashSet<string>(baseline.Columns().Select(c => c.Key).Append("ThreadCount"), StringComparer.OrdinalIgnoreCase);
        var values = flat.EnumerateObject().Where(p => p.Name != "Objective" && readable.Contains(p.Name))
            .Select(p => new KeyValuePair<string, object?>(p.Name, Value(p.Value)));
        var hp = HyperparameterOverrides.Apply(baseline, WithAbsent(objective, values), checkEffect: false);
        double[]? weights = null;
        if (trainedWith is { ValueKind: JsonValueKind.Object } t && t.TryGetProperty("UnobservedWeights", out var w) && w.ValueKind == JsonValueKind.Array)
            weights = w.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number && e.GetDouble() is var v && double.IsFinite(v)
                ? v : throw new ArgumentException($"an unobserved weight is {e.GetRawText()}; expected a finite number")).ToArray();
        return new ModelOrigin(hp, epochs, epochs) { FitPairs = fitPairs, ArtistWeights = weights };
    }

    /// <summary><paramref name="values"/> and, for each setting of the objective that the file lacks and that was
    /// different before it existed (<see cref="SettingAttribute.WhenAbsent"/>), that earlier value.</summary>
    private static IEnumerable<KeyValuePair<string, object?>> WithAbsent(string objective, IEnumerable<KeyValuePair<string, object?>> values)
    {
        var given = values.ToList();
        var names = new HashSet<string>(given.Select(v => v.Key), StringComparer.OrdinalIgnoreCase);
        var earlier = SettingColumns.PropertiesOf(Objectives.Get(objective).SettingsType)
            .Where(x => x.Setting.WhenAbsent is not null && !names.Contains(x.Property.Name))
            .Select(x => new KeyValuePair<string, object?>(x.Property.Name, x.Setting.WhenAbsent));
        return given.Concat(earlier);
    }

    private static object? Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => throw new ArgumentException($"a setting has a {e.ValueKind} value"),
    };
}

/// <summary>One history row as a model file holds it.</summary>
internal sealed record ModelFileEpoch(int Epoch, double Loss, double? ValidationNdcg, double Seconds, Dictionary<string, double?>? Measures);
