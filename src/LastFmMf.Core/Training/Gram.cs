using System.Runtime.Intrinsics;

namespace LastFmMf.Training;

/// <summary>Gram matrices XᵀX of factor matrices, the k×k summaries through which the gravity term and the ALS systems see all pairs.</summary>
internal static unsafe class Gram
{
    /// <summary>XᵀX for a rows×k row-major matrix, in double (upper triangle accumulated row by row, then mirrored).</summary>
    public static double[] Of(float[] x, int rows, int k)
    {
        var g = new double[k * k];
        var row = new double[k];
        fixed (double* gp = g, rp = row)
        fixed (float* xp = x)
        {
            for (int r = 0; r < rows; r++)
            {
                float* xr = xp + (nint)r * k;
                for (int i = 0; i < k; i++) rp[i] = xr[i];
                for (int i = 0; i < k; i++)
                {
                    double xi = rp[i];
                    if (xi == 0) continue;
                    double* gi = gp + i * k;
                    var xv = Vector256.Create(xi);
                    int j = i;
                    for (; j <= k - 4; j += 4) (Vector256.Load(gi + j) + xv * Vector256.Load(rp + j)).Store(gi + j);
                    for (; j < k; j++) gi[j] += xi * rp[j];
                }
            }
        }
        for (int i = 0; i < k; i++)
            for (int j = 0; j < i; j++) g[i * k + j] = g[j * k + i];
        return g;
    }

}
