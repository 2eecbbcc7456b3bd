using MathNet.Numerics.LinearAlgebra;

namespace LastFmMf.Training;

/// <summary>
/// Solves a symmetric positive semi-definite system by Cholesky (MathNet.Numerics). When it is singular — a fold-in with
/// λ = 0 and fewer listens than factors — a tiny ridge (1e-9 of the mean diagonal, then 100 times more) is added to the
/// diagonal until it factors: the minimum-norm-like solution the unregularised problem leaves open.
/// </summary>
internal static class SpdSolve
{
    public static Vector<double> Solve(Matrix<double> a, Vector<double> b)
    {
        double mean = 0;
        for (int i = 0; i < a.RowCount; i++) mean += Math.Abs(a[i, i]);
        mean = Math.Max(mean / Math.Max(1, a.RowCount), 1e-12);
        double ridge = 0;
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                var m = ridge == 0 ? a : a + Matrix<double>.Build.DenseIdentity(a.RowCount) * ridge;
                var x = m.Cholesky().Solve(b);
                if (x.All(double.IsFinite)) return x;
            }
            catch (ArgumentException) when (attempt < 4)
            {
                // not positive definite: add (more) ridge below
            }
            if (attempt >= 4) throw new ArgumentException("The fold-in system cannot be solved for these listens; give a Regularization above 0.");
            ridge = ridge == 0 ? 1e-9 * mean : ridge * 100;
        }
    }
}
