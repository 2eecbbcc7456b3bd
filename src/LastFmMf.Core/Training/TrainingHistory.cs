namespace LastFmMf.Training;

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
