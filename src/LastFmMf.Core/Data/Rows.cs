using System.Collections;

namespace LastFmMf.Data;

/// <summary>
/// A read-only list of a dataset's rows whose text is its count ("17,632 artists"), so that a dataset piped to Export-Csv
/// writes counts rather than type names. Indexable and enumerable like any list.
/// </summary>
public sealed class Rows<T> : IReadOnlyList<T>, IList
{
    private readonly T[] _items;
    private readonly string _noun;

    internal Rows(IEnumerable<T> items, string noun)
    {
        _items = items as T[] ?? items.ToArray();
        _noun = noun;
    }

    public T this[int index] => _items[index];
    public int Count => _items.Length;
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    object? IList.this[int index] { get => _items[index]; set => throw new NotSupportedException("The rows are read-only."); }
    bool IList.IsFixedSize => true;
    bool IList.IsReadOnly => true;
    bool ICollection.IsSynchronized => false;
    object ICollection.SyncRoot => _items;
    int IList.Add(object? value) => throw new NotSupportedException("The rows are read-only.");
    void IList.Clear() => throw new NotSupportedException("The rows are read-only.");
    bool IList.Contains(object? value) => ((IList)_items).Contains(value);
    int IList.IndexOf(object? value) => ((IList)_items).IndexOf(value);
    void IList.Insert(int index, object? value) => throw new NotSupportedException("The rows are read-only.");
    void IList.Remove(object? value) => throw new NotSupportedException("The rows are read-only.");
    void IList.RemoveAt(int index) => throw new NotSupportedException("The rows are read-only.");
    void ICollection.CopyTo(Array array, int index) => _items.CopyTo(array, index);

    /// <summary>"17,632 artists".</summary>
    public override string ToString() => $"{_items.Length:N0} {_noun}";
}
