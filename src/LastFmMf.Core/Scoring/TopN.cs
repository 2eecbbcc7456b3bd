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
        int size = 0, next = 0;
        for (int a = 0; a < scores.Length; a++)
        {
            if (next < excludeSorted.Length && excludeSorted[next] == a) { next++; continue; }
            float s = scores[a];
            if (float.IsNaN(s)) continue;
            if (size < k)
            {
                result[size] = a;
                SiftUp(scores, result, size++);
            }
            else if (Better(scores, a, result[0]))
            {
                result[0] = a;
                SiftDown(scores, result, 0, size);
            }
        }
        // Heap-sort the survivors so the best comes first.
        for (int end = size - 1; end > 0; end--)
        {
            (result[0], result[end]) = (result[end], result[0]);
            SiftDown(scores, result, 0, end);
        }
        return size;
    }

    // "a ranks before b": higher score, or equal score and lower index.
    private static bool Better(ReadOnlySpan<float> s, int a, int b) => s[a] > s[b] || (s[a] == s[b] && a < b);

    // A min-heap by rank: the root is the worst of the kept artists.
    private static void SiftUp(ReadOnlySpan<float> s, Span<int> h, int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Better(s, h[parent], h[i])) break;
            (h[parent], h[i]) = (h[i], h[parent]);
            i = parent;
        }
    }

    private static void SiftDown(ReadOnlySpan<float> s, Span<int> h, int i, int size)
    {
        while (true)
        {
            int l = 2 * i + 1, r = l + 1, worst = i;
            if (l < size && Better(s, h[worst], h[l])) worst = l;
            if (r < size && Better(s, h[worst], h[r])) worst = r;
            if (worst == i) return;
            (h[worst], h[i]) = (h[i], h[worst]);
            i = worst;
        }
    }
}
