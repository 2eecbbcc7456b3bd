namespace LastFmMf.Training;

/// <summary>
/// One row of a training history: what an epoch achieved. The columns every objective has are properties; the
/// objective's own measures (the learning rate of an SGD objective, the RMSEs of one that predicts its targets) are in
/// <see cref="Columns"/>, which is the whole flat row for tables and CSV (the module shows exactly those).
/// </summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">The objective's loss after the epoch, on the fit pairs.</param>
/// <param name="ValidationNdcg">NDCG@10 on the validation hold-out when early stopping watches it, else null.</param>
/// <param name="Seconds">Wall-clock seconds the epoch took, evaluation included.</param>
public sealed record EpochRecord(int Epoch, double Loss, double? ValidationNdcg, double Seconds)
{
    /// <summary>The objective's own measures of the epoch (name, value), in its order.</summary>
    internal IReadOnlyList<KeyValuePair<string, double?>> Measures { get; init; } = [];

    /// <summary>A measure by name (<c>"TrainRmse"</c>, <c>"LearningRate"</c>, ...), or null when the objective has none of that name.</summary>
    public double? Measure(string name)
    {
        foreach (var (n, v) in Measures) if (n == name) return v;
        return null;
    }

    /// <summary>"epoch 3: loss 2.645": the text a list of runs shows for each row of a history (a record's own text
    /// would print every field of every row).</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"epoch {Epoch}: loss {Loss:G5}");

    /// <summary>The flat row: Epoch, Loss, the objective's measures, ValidationNdcg, Seconds.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Columns()
    {
        var row = new List<KeyValuePair<string, object?>> { new("Epoch", Epoch), new("Loss", Loss) };
        foreach (var (n, v) in Measures) row.Add(new(n, v));
        row.Add(new("ValidationNdcg", ValidationNdcg));
        row.Add(new("Seconds", Seconds));
        return row;
    }
}

/// <summary>
/// The per-epoch rows of a run. A list like any other, whose text is a one-line summary, so that a column of
/// runs in a CSV reads "40 epochs" rather than a type name.
/// </summary>
public sealed class TrainingHistory(IReadOnlyList<EpochRecord> rows) : IReadOnlyList<EpochRecord>
{
    private readonly EpochRecord[] _rows = rows.ToArray();

    public EpochRecord this[int index] => _rows[index];
    public int Count => _rows.Length;
    public IEnumerator<EpochRecord> GetEnumerator() => ((IEnumerable<EpochRecord>)_rows).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _rows.GetEnumerator();

    public override string ToString() => _rows.Length == 1 ? "1 epoch" : $"{_rows.Length} epochs";
}
