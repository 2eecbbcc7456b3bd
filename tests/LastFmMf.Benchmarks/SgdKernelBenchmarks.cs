using BenchmarkDotNet.Attributes;
using LastFmMf.Scoring;

namespace LastFmMf.Benchmarks;

/// <summary>
/// The ceiling of <see cref="SgdBenchmarks.SgdPass"/> on this core: the pass's kernels (dot, error, update) for as many
/// steps as the seed-42 train part has pairs (so the M updates/s column compares directly), on 64 rows that never
/// leave L1 and with no pair to read from memory. One thread.
/// </summary>
public class SgdKernelBenchmarks
{
    private float[] _rows = null!;
    private int[] _pairs = null!;

    [Params(32, 128)]
    public int Factors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _rows = new float[64 * Factors];
        for (int i = 0; i < _rows.Length; i++) _rows[i] = (float)(rng.NextDouble() - 0.5) * 0.2f;
        // A user row (0..31) and an artist row (32..63) per step, in a fixed random order.
        _pairs = new int[LastFmMf.Splitting.Splitter.PerUser(RealDataPath.Read(), 0.2, seed: 42).TrainCount];
        for (int i = 0; i < _pairs.Length; i++) _pairs[i] = rng.Next(32) << 8 | 32 + rng.Next(32);
    }

    [Benchmark]
    public unsafe float KernelInCache()
    {
        int k = Factors;
        float sum = 0;
        fixed (float* rows = _rows)
            foreach (int pair in _pairs)
            {
                float* p = rows + (pair >> 8) * k, q = rows + (pair & 255) * k;
                float e = 1f - Kernels.Dot(p, q, k);
                sum += e * e;
                Kernels.Update(p, q, k, 0.002f * e, 0.9999f, 0.9999f);
            }
        return sum;
    }
}
