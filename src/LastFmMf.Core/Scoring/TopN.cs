namespace LastFmMf.Scoring;

/// <summary>
/// Picks the K best-scored artists by partial selection (a size-K min-heap, O(N log K)), never a full sort.
/// Ties go to the lower artist index, so the order is fully determined by the scores.
/// </summary>
public static class TopN
{
    /// <summary>
    /// Writes the indices of the best <c>result.Length</c> artists, best first, skipping the ascending indices in
    /// <paramref name="excludeSorted"/> (a user's listened artists). Returns how many were written (fewer when
    /// there are fewer candidates).
    /// </summary>
    public static int Select(ReadOnlySpan<float> scores, ReadOnlySpan<int> excludeSorted, Span<int> result)
    {
        int k = result.Length;
        if (k == 0) return 0;
        Span<float> kept = k <= 256 ? stackalloc float[k] : new float[k];
        var heap = new TopKHeap(result, kept);
        int cursor = 0;
        heap.OfferAscending(scores, 1, 0, 0, excludeSorted, ref cursor);
        return heap.Finish();
    }
}

/// <summary>
/// The size-K min-heap behind every top-K here, over caller-owned storage, so a selection can be fed in pieces (tiles of
/// artists, or an order ranked once) and allocates nothing. The root is the worst kept artist; "a ranks before b" is a
/// higher score, or an equal score and a lower index, a strict total order, so the K kept and their order after
/// <see cref="Finish"/> do not depend on the order artists were offered in. NaN scores are never kept.
/// </summary>
internal ref struct TopKHeap
{
    private readonly Span<int> _index;
    private readonly Span<float> _score;
    private int _size;

    /// <summary>A heap over <paramref name="index"/> and <paramref name="score"/> (K each) that already holds <paramref name="size"/> artists.</summary>
    public TopKHeap(Span<int> index, Span<float> score, int size = 0)
    {
        _index = index;
        _score = score;
        _size = size;
    }

    public readonly int Size => _size;

    public readonly bool Full => _size == _index.Length;

    /// <summary>The worst kept score (meaningful when <see cref="Full"/>).</summary>
    public readonly float Worst => _score[0];

    /// <summary>
    /// Offers artists <c>first + t</c> with scores <c>scores[t·stride + lane]</c>, ascending, skipping those in
    /// <paramref name="excludeSorted"/>; <paramref name="cursor"/> is the position in it, kept across calls for the
    /// next, higher, artists. Because every offered index is above every kept one, a full heap only takes a strictly
    /// higher score, which is the one comparison most artists cost.
    /// </summary>
    public void OfferAscending(ReadOnlySpan<float> scores, int stride, int lane, int first, ReadOnlySpan<int> excludeSorted, ref int cursor)
    {
        int count = (scores.Length - lane + stride - 1) / stride;
        int cur = cursor;
        float worst = Full ? _score[0] : float.NaN;
        for (int t = 0; t < count; t++)
        {
            float s = scores[t * stride + lane];
            if (Full ? !(s > worst) : float.IsNaN(s)) continue;
            int a = first + t;
            while (cur < excludeSorted.Length && excludeSorted[cur] < a) cur++;
            if (cur < excludeSorted.Length && excludeSorted[cur] == a) continue;
            Add(a, s);
            if (Full) worst = _score[0];
        }
        cursor = cur;
    }

    /// <summary>Offers one artist in any order.</summary>
    public void Offer(int artist, float score)
    {
        if (float.IsNaN(score)) return;
        if (Full && !Before(score, artist, _score[0], _index[0])) return;
        Add(artist, score);
    }

    /// <summary>Sorts the kept artists best first and returns how many there are.</summary>
    public int Finish()
    {
        for (int end = _size - 1; end > 0; end--)
        {
            Swap(0, end);
            SiftDown(0, end);
        }
        return _size;
    }

    private void Add(int artist, float score)
    {
        if (!Full)
        {
            _index[_size] = artist;
            _score[_size] = score;
            SiftUp(_size++);
        }
        else
        {
            _index[0] = artist;
            _score[0] = score;
            SiftDown(0, _size);
        }
    }

    private static bool Before(float sa, int a, float sb, int b) => sa > sb || (sa == sb && a < b);

    private readonly bool Before(int i, int j) => Before(_score[i], _index[i], _score[j], _index[j]);

    private readonly void Swap(int i, int j)
    {
        (_index[i], _index[j]) = (_index[j], _index[i]);
        (_score[i], _score[j]) = (_score[j], _score[i]);
    }

    private readonly void SiftUp(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Before(parent, i)) break;
            Swap(parent, i);
            i = parent;
        }
    }

    private readonly void SiftDown(int i, int size)
    {
        while (true)
        {
            int l = 2 * i + 1, r = l + 1, worst = i;
            if (l < size && Before(worst, l)) worst = l;
            if (r < size && Before(worst, r)) worst = r;
            if (worst == i) return;
            Swap(worst, i);
            i = worst;
        }
    }
}
