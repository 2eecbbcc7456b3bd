using System.Runtime.Intrinsics;
using LastFmMf.Data;
using LastFmMf.Scoring;
using LastFmMf.Training;

namespace LastFmMf.Ranking;

/// <summary>
/// The best K artists of many users of a factor model without a score row per user: users go in blocks of
/// <see cref="UserBlock"/>, the artists in tiles small enough to stay in cache while every group of four users of the
/// block is scored against them (<see cref="BlockScores.ScoreInterleaved"/>), and each user's scores of a tile go straight
/// into that user's size-K heap (<see cref="TopKHeap"/>). The artist matrix then streams from memory once per block
/// instead of once per user, and a thread needs a few tens of kilobytes whatever N is. The scores are ScoreAll's bits
/// and the heap's order is total, so the result is exactly <see cref="TopN.Select"/> on ScoreAll's row. Blocks run in
/// parallel and each writes only its own users' results, so the output does not depend on the thread count.
/// </summary>
internal static class TiledTopK
{
    /// <summary>Users per block: 16 groups of four share each artist tile.</summary>
    public const int UserBlock = 64;

    /// <summary>Receives one user's best artists (best first) and their scores; called once per position, from any thread.</summary>
    public delegate void Sink(int position, ReadOnlySpan<int> top, ReadOnlySpan<float> scores);

    /// <summary>The best <paramref name="k"/> artists of each of <paramref name="users"/>, leaving out the user's artists
    /// in <paramref name="exclude"/> (none when null).</summary>
    public static void Run(FactorModel model, ReadOnlySpan<int> users, Interactions? exclude, int k, int threads, Sink sink)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "K must be at least 1.");
        var userArray = users.ToArray();
        int n = model.ArtistCount, blocks = (userArray.Length + UserBlock - 1) / UserBlock;
        // About 256 KB of artist rows per tile: with the block's user rows and the tile's scores, within a core's L2.
        int tile = Math.Clamp(65536 / model.Factors, 64, 4096);
        bool vectorised = BlockScores.Vectorised(model), small = !vectorised && Vector256.IsHardwareAccelerated;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount },
            () => new Workspace(k, vectorised ? BlockScores.Block * tile : small ? (model.Factors + 1) * tile : n),
            (b, _, w) =>
            {
                int start = b * UserBlock, count = Math.Min(UserBlock, userArray.Length - start);
                var block = userArray.AsSpan(start, count);
                if (vectorised) Tiled(model, block, exclude, tile, w);
                else if (small) SmallFactors(model, block, exclude, tile, w);
                else ByRow(model, block, exclude, w);
                for (int j = 0; j < count; j++)
                {
                    var heap = new TopKHeap(w.Index.AsSpan(j * k, k), w.Score.AsSpan(j * k, k), w.Size[j]);
                    int got = heap.Finish();
                    sink(start + j, w.Index.AsSpan(j * k, got), w.Score.AsSpan(j * k, got));
                }
                return w;
            },
            _ => { });
    }

    private static void Tiled(FactorModel model, ReadOnlySpan<int> block, Interactions? exclude, int tile, Workspace w)
    {
        int n = model.ArtistCount, k = w.K;
        Array.Clear(w.Size);
        Array.Clear(w.Cursor);
        for (int from = 0; from < n; from += tile)
        {
            int count = Math.Min(tile, n - from);
            var scores = w.Buffer.AsSpan(0, BlockScores.Block * count);
            for (int g = 0; g < block.Length; g += BlockScores.Block)
            {
                int real = Math.Min(BlockScores.Block, block.Length - g);
                // A short last group repeats its last user; the repeats are scored and dropped.
                int last = block[g + real - 1];
                BlockScores.ScoreInterleaved(model, block[g], real > 1 ? block[g + 1] : last, real > 2 ? block[g + 2] : last, last, from, count, scores);
                bool full = true;
                for (int j = 0; j < real; j++) full &= w.Size[g + j] == k;
                if (full) OfferToFullGroup(block, g, real, exclude, from, scores, w);
                else
                    for (int j = 0; j < real; j++) Offer(block, g + j, j, exclude, from, scores, w);
            }
        }
    }

    /// <summary>User <paramref name="lane"/> of the group's interleaved scores, offered to that user's heap (slot of the block).</summary>
    private static void Offer(ReadOnlySpan<int> block, int slot, int lane, Interactions? exclude, int from, ReadOnlySpan<float> scores, Workspace w)
    {
        int k = w.K;
        var heap = new TopKHeap(w.Index.AsSpan(slot * k, k), w.Score.AsSpan(slot * k, k), w.Size[slot]);
        heap.OfferAscending(scores, BlockScores.Block, lane, from, exclude is null ? [] : exclude.ArtistsOf(block[slot]), ref w.Cursor[slot]);
        w.Size[slot] = heap.Size;
    }

    /// <summary>
    /// The offer of a tile to four full heaps at once: a full heap takes only a score strictly above its worst, which
    /// most artists are not for any of the four, so each artist's four scores are compared with the four worst in one
    /// vector compare, and only a user whose lane passes is offered the artist (through the same OfferAscending, so the
    /// same heaps as offering every score). Lanes past <paramref name="real"/> (repeats of the last user) never pass.
    /// </summary>
    private static unsafe void OfferToFullGroup(ReadOnlySpan<int> block, int g, int real, Interactions? exclude, int from, ReadOnlySpan<float> scores, Workspace w)
    {
        int k = w.K, count = scores.Length / BlockScores.Block;
        Span<float> worst = stackalloc float[BlockScores.Block];
        for (int j = 0; j < BlockScores.Block; j++) worst[j] = j < real ? w.Score[(g + j) * k] : float.PositiveInfinity;
        var threshold = Vector128.Create(worst[0], worst[1], worst[2], worst[3]);
        fixed (float* s = scores)
            for (int t = 0; t < count; t++)
            {
                uint pass = Vector128.GreaterThan(Vector128.Load(s + t * BlockScores.Block), threshold).ExtractMostSignificantBits();
                if (pass == 0) continue;
                for (; pass != 0; pass &= pass - 1)
                {
                    int j = System.Numerics.BitOperations.TrailingZeroCount(pass);
                    Offer(block, g + j, j, exclude, from + t, scores.Slice(t * BlockScores.Block, BlockScores.Block), w);
                    worst[j] = w.Score[(g + j) * k];
                }
                threshold = Vector128.Create(worst[0], worst[1], worst[2], worst[3]);
            }
    }

    /// <summary>
    /// k &lt; 16, where ScoreAll's dot product is a plain sequential sum: eight artists per vector instead, from a
    /// transposed copy of the tile's artist rows, each lane summing p[0]·q[0], p[1]·q[1], … in that order from 0 — the
    /// same operations in the same order as the scalar loop, so the same bits, with the transpose paid once per block.
    /// </summary>
    private static unsafe void SmallFactors(FactorModel model, ReadOnlySpan<int> block, Interactions? exclude, int tile, Workspace w)
    {
        int n = model.ArtistCount, k = model.Factors, topK = w.K;
        bool biases = model.UseBiases;
        Array.Clear(w.Size);
        Array.Clear(w.Cursor);
        fixed (float* buffer = w.Buffer, q = model.ArtistFactors, ab = model.ArtistBias, uf = model.UserFactors)
        {
            float* qt = buffer, scores = buffer + (long)k * tile;
            for (int from = 0; from < n; from += tile)
            {
                int count = Math.Min(tile, n - from);
                for (int c = 0; c < count; c++)
                    for (int i = 0; i < k; i++) qt[i * tile + c] = q[(long)(from + c) * k + i];
                for (int j = 0; j < block.Length; j++)
                {
                    int u = block[j];
                    float* p = uf + (long)u * k;
                    float offset = biases ? model.GlobalMeanF + model.UserBias[u] : 0f;
                    var offsetV = Vector256.Create(offset);
                    int c = 0;
                    for (; c <= count - 8; c += 8)
                    {
                        var acc = Vector256<float>.Zero;
                        for (int i = 0; i < k; i++) acc += Vector256.Create(p[i]) * Vector256.Load(qt + i * tile + c);
                        ((biases ? offsetV + Vector256.Load(ab + from + c) : Vector256<float>.Zero) + acc).Store(scores + c);
                    }
                    for (; c < count; c++)
                    {
                        float sum = 0f;
                        for (int i = 0; i < k; i++) sum += p[i] * qt[i * tile + c];
                        scores[c] = (biases ? offset + ab[from + c] : 0f) + sum;
                    }
                    var heap = new TopKHeap(w.Index.AsSpan(j * topK, topK), w.Score.AsSpan(j * topK, topK), w.Size[j]);
                    heap.OfferAscending(new ReadOnlySpan<float>(scores, count), 1, 0, from, exclude is null ? [] : exclude.ArtistsOf(u), ref w.Cursor[j]);
                    w.Size[j] = heap.Size;
                }
            }
        }
    }

    /// <summary>Without the SIMD kernel: one ScoreAll row at a time, through the same heap.</summary>
    private static void ByRow(FactorModel model, ReadOnlySpan<int> block, Interactions? exclude, Workspace w)
    {
        int k = w.K;
        var row = w.Buffer.AsSpan(0, model.ArtistCount);
        for (int j = 0; j < block.Length; j++)
        {
            model.ScoreAll(block[j], row);
            var heap = new TopKHeap(w.Index.AsSpan(j * k, k), w.Score.AsSpan(j * k, k));
            int cursor = 0;
            heap.OfferAscending(row, 1, 0, 0, exclude is null ? [] : exclude.ArtistsOf(block[j]), ref cursor);
            w.Size[j] = heap.Size;
        }
    }

    /// <summary>One thread's heaps (K per user of a block), exclusion cursors and score buffer, reused block after block.</summary>
    private sealed class Workspace(int k, int buffer)
    {
        public readonly int K = k;
        public readonly int[] Index = new int[UserBlock * k];
        public readonly float[] Score = new float[UserBlock * k];
        public readonly int[] Size = new int[UserBlock];
        public readonly int[] Cursor = new int[UserBlock];
        public readonly float[] Buffer = new float[buffer];
    }
}
