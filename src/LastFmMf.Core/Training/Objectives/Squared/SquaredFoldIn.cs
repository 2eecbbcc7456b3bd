using LastFmMf.Ranking;
using MathNet.Numerics.LinearAlgebra;

namespace LastFmMf.Training;

/// <summary>
/// Squared-loss fold-in: with the artist factors q_a and biases b_a fixed, the listener's (p, b_u) minimise
/// Σ_{a∈L} (r_a − μ − b_a − b_u − p·q_a)² + λ‖p‖² + λ_bu b_u² + λ_g (|Ω|/(MN)) pᵀ(QᵀQ)p, where r_a is the model's
/// transform of the play count and the last term is the gravity term of the training objective as it falls on one user
/// (absent when λ_g = 0). Without biases, μ, b_a and b_u are 0 and only p is solved. This is regularised least squares:
/// the (k+1)×(k+1) (or k×k) system (ZᵀZ + Λ)x = Zᵀy with rows z_a = (q_a, 1), solved by Cholesky (MathNet.Numerics).
/// It is exactly the user step of alternating least squares, so for a training user it reproduces the optimum SGD
/// approaches.
/// </summary>
internal static class SquaredFoldIn
{
    public static FoldedListener Solve(FactorModel model, int[] artists, float[] plays, double regularization, double userBiasRegularization,
        double gravity, long fitPairs) =>
        Solve(model, artists, plays, i => model.Transform.Apply(plays[i]), _ => 1, regularization, userBiasRegularization, gravity, fitPairs);

    /// <summary>
    /// The weighted form: Σ_{a∈L} w_a (y_a − μ − b_a − b_u − p·q_a)² + the same penalties, with the target y and the weight w
    /// of listen i given by <paramref name="target"/> and <paramref name="weight"/> (a weight of 1 gives the same bits as
    /// the unweighted sum). The Preference objective folds in with it: targets 1, weights its confidences.
    /// </summary>
    public static FoldedListener Solve(FactorModel model, int[] artists, float[] plays, Func<int, double> target, Func<int, double> weight,
        double regularization, double userBiasRegularization, double gravity, long fitPairs)
    {
        int k = model.Factors;
        bool bias = model.UseBiases;
        int d = bias ? k + 1 : k;
        var a = Matrix<double>.Build.Dense(d, d);
        var b = Vector<double>.Build.Dense(d);
        var z = new double[d];
        for (int i = 0; i < artists.Length; i++)
        {
            var q = model.ArtistVector(artists[i]);
            for (int j = 0; j < k; j++) z[j] = q[j];
            if (bias) z[k] = 1;
            double y = target(i) - (bias ? model.GlobalMean + model.ArtistBiasOf(artists[i]) : 0), w = weight(i);
            for (int r = 0; r < d; r++)
            {
                double wz = w * z[r];
                b[r] += wz * y;
                for (int c = 0; c < d; c++) a[r, c] += wz * z[c];
            }
        }
        for (int j = 0; j < k; j++) a[j, j] += regularization;
        if (bias) a[k, k] += userBiasRegularization;
        if (gravity > 0 && fitPairs > 0)
        {
            var g = model.ArtistGram;
            double c = gravity * fitPairs / ((double)model.UserCount * model.ArtistCount);
            for (int r = 0; r < k; r++)
                for (int s = 0; s < k; s++) a[r, s] += c * g[r * k + s];
        }
        // A tiny ridge keeps an unregularised system with no listens solvable.
        for (int j = 0; j < d; j++) if (a[j, j] == 0) a[j, j] = 1e-9;
        var x = SpdSolve.Solve(a, b);
        var p = new float[k];
        for (int j = 0; j < k; j++) p[j] = (float)x[j];
        return new FoldedListener(p, bias ? x[k] : 0, artists, plays);
    }
}

