using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LastFmMf.Training;

/// <summary>
/// A few conjugate-gradient steps on one row's ALS system, warm-started from the row's previous factors (Takács, Pilászy
/// and Tikk, "Applications of the conjugate gradient method for implicit feedback collaborative filtering", RecSys 2011;
/// the default solver of the <c>implicit</c> library). The system is the one <see cref="ImplicitAls.SolveRow"/> solves
/// exactly, (s·G + λI + Σ_j (c_j − w_j) y_j y_jᵀ) x = Σ_j c_j y_j, but it is never formed: a product A·v costs
/// O(k² + n·k) (G·v plus the n listened rows) instead of the O(n·k² + k³) of forming and factoring A, and the previous
/// factors are already close to the solution, so three steps per sweep suffice. Every step is a fixed sequence of
/// operations on the row's own data, so the result is the same bits for any thread count.
/// </summary>
internal static class ConjugateGradient
{
    /// <summary>Per-thread vectors of length k.</summary>
    internal sealed class Work(int k)
    {
        public readonly double[] X = new double[k], R = new double[k], P = new double[k], Ap = new double[k];
    }

    /// <summary>
    /// <paramref name="steps"/> CG steps from <paramref name="warm"/> on the row's system, into <paramref name="result"/>.
    /// Stops early when the residual is below 1e-10 in squared norm (the system is then solved to float precision).
    /// </summary>
    public static unsafe void SolveRow(ReadOnlySpan<int> index, ReadOnlySpan<double> confidence, ReadOnlySpan<double> baseline, double[] y,
        double[] gram, double gramScale, int k, double lambda, int steps, ReadOnlySpan<float> warm, Work w, Span<float> result)
    {
        if (index.Length == 0)
        {
            result.Clear(); // no listens: the solution of (s·G + λI) x = 0
            return;
        }
        var x = w.X;
        for (int i = 0; i < k; i++) x[i] = warm[i];
        fixed (double* xp = x, rp = w.R, pp = w.P, app = w.Ap, yp = y, gp = gram)
        {
            // r = b − A·x, with b = Σ c_j y_j.
            Product(index, confidence, baseline, yp, gp, gramScale, k, lambda, xp, rp);
            for (int i = 0; i < k; i++) rp[i] = -rp[i];
            for (int t = 0; t < index.Length; t++) ImplicitAls.Axpy(rp, yp + (nint)index[t] * k, confidence[t], k);
            for (int i = 0; i < k; i++) pp[i] = rp[i];
            double rs = Dot(rp, rp, k);
            for (int step = 0; step < steps && rs > 1e-10; step++)
            {
                Product(index, confidence, baseline, yp, gp, gramScale, k, lambda, pp, app);
                double alpha = rs / Dot(pp, app, k);
                ImplicitAls.Axpy(xp, pp, alpha, k);
                ImplicitAls.Axpy(rp, app, -alpha, k);
                double next = Dot(rp, rp, k);
                double beta = next / rs;
                for (int i = 0; i < k; i++) pp[i] = rp[i] + beta * pp[i];
                rs = next;
            }
        }
        for (int i = 0; i < k; i++) result[i] = (float)x[i];
    }

    /// <summary>out = (s·G + λI)·v + Σ_j (c_j − w_j)(y_j·v) y_j, accumulated in a fixed order.</summary>
    private static unsafe void Product(ReadOnlySpan<int> index, ReadOnlySpan<double> confidence, ReadOnlySpan<double> baseline, double* y,
        double* gram, double gramScale, int k, double lambda, double* v, double* output)
    {
        for (int i = 0; i < k; i++) output[i] = gramScale * Dot(gram + (nint)i * k, v, k) + lambda * v[i];
        for (int t = 0; t < index.Length; t++)
        {
            double* row = y + (nint)index[t] * k;
            ImplicitAls.Axpy(output, row, (confidence[t] - baseline[t]) * Dot(row, v, k), k);
        }
    }

    /// <summary>a·b over k doubles, lane-wise then the four lanes in order (the same bits with or without SIMD).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe double Dot(double* a, double* b, int k)
    {
        int i = 0;
        double s;
        if (Vector256.IsHardwareAccelerated && k >= 4)
        {
            var acc = Vector256<double>.Zero;
            for (; i <= k - 4; i += 4) acc += Vector256.Load(a + i) * Vector256.Load(b + i);
            s = acc[0] + acc[1] + acc[2] + acc[3];
        }
        else
        {
            var lanes = stackalloc double[4];
            for (; i <= k - 4; i += 4)
                for (int l = 0; l < 4; l++) lanes[l] += a[i + l] * b[i + l];
            s = lanes[0] + lanes[1] + lanes[2] + lanes[3];
        }
        for (; i < k; i++) s += a[i] * b[i];
        return s;
    }
}
