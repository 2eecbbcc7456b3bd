using LastFmMf.Training;
using MathNet.Numerics.LinearAlgebra;

namespace LastFmMf.Ranking;

/// <summary>A listener who is not in the model: a vector against the model's fixed artist factors, and a bias.</summary>
/// <param name="Vector">p, length k.</param>
/// <param name="Bias">b_u (0 for a model without biases).</param>
/// <param name="Artists">The listened artists (dense indices, ascending), which recommendations leave out.</param>
/// <param name="Plays">Their play counts, aligned with <paramref name="Artists"/>.</param>
public sealed record FoldedListener(float[] Vector, double Bias, int[] Artists, float[] Plays);

/// <summary>
/// The weights a fold-in uses: those of the run that trained the model (see <see cref="FromHyperparameters"/>) or the
/// defaults. <paramref name="FitPairs"/> is |Ω|, the number of pairs the run fitted, which scales the gravity term (the
/// cmdlets pass the model's training listens, which include the validation hold-out: |Ω| up to that fraction).
/// </summary>
public sealed record FoldInOptions(ObjectiveKind Objective, double Regularization, double UserBiasRegularization, double Gravity, long FitPairs)
{
    /// <summary>The default hyperparameters' weights, Squared objective, no gravity.</summary>
    public static FoldInOptions Default { get; } = FromHyperparameters(Hyperparameters.Default, 0);

    /// <summary>The weights of a run's hyperparameters.</summary>
    public static FoldInOptions FromHyperparameters(Hyperparameters hp, long fitPairs)
    {
        ArgumentNullException.ThrowIfNull(hp);
        return new(hp.Objective, hp.Regularization, hp.UserBiasRegularization, hp.Gravity, fitPairs);
    }
}

/// <summary>Computes a new listener's vector against a model's fixed artist factors. One per objective.</summary>
public interface IFoldInSolver
{
    /// <summary>The listener's vector and bias from (artist index, play count) pairs.</summary>
    FoldedListener Solve(FactorModel model, ReadOnlySpan<int> artists, ReadOnlySpan<float> plays, FoldInOptions options);
}

/// <summary>
/// Fold-in of a new listener without retraining, chosen by the model's objective: <see cref="Solve"/> looks the
/// objective up in a table of solvers, so an objective added later brings its own exact solver with
/// <see cref="Register"/>, while every objective without one gets the squared-loss solver.
/// </summary>
public static class FoldIn
{
    private static readonly Dictionary<ObjectiveKind, IFoldInSolver> Solvers = new()
    {
        [ObjectiveKind.Squared] = new SquaredFoldIn(),
        [ObjectiveKind.Implicit] = new ImplicitFoldIn(),
    };
    private static readonly object Gate = new();

    /// <summary>Installs the solver for an objective (replacing any).</summary>
    public static void Register(ObjectiveKind objective, IFoldInSolver solver)
    {
        ArgumentNullException.ThrowIfNull(solver);
        lock (Gate) Solvers[objective] = solver;
    }

    /// <summary>The solver for an objective: its own, else the squared-loss one.</summary>
    public static IFoldInSolver SolverFor(ObjectiveKind objective)
    {
        lock (Gate) return Solvers.TryGetValue(objective, out var s) ? s : Solvers[ObjectiveKind.Squared];
    }

    /// <summary>
    /// Folds in a listener from (artist index, play count) pairs. Pairs for the same artist are summed; play counts
    /// must be positive and finite.
    /// </summary>
    public static FoldedListener Solve(FactorModel model, IReadOnlyList<(int Artist, double Plays)> listens, FoldInOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(listens);
        options ??= FoldInOptions.Default;
        var merged = new SortedDictionary<int, double>();
        foreach (var (a, w) in listens)
        {
            if ((uint)a >= (uint)model.ArtistCount) throw new ArgumentOutOfRangeException(nameof(listens), a, "Artist index out of range.");
            if (!(w > 0) || !double.IsFinite(w)) throw new ArgumentOutOfRangeException(nameof(listens), w, $"Play counts must be positive numbers; artist index {a} has {w}.");
            merged[a] = merged.GetValueOrDefault(a) + w;
        }
        var artists = merged.Keys.ToArray();
        var plays = merged.Values.Select(v => (float)v).ToArray();
        // A model that records a ranking objective (FactorModel.TrainedWith) is folded in by that objective's solver.
        var objective = model.Objective != ObjectiveKind.Squared ? model.Objective : options.Objective;
        return SolverFor(objective).Solve(model, artists, plays, options);
    }
}

/// <summary>
/// Squared-loss fold-in: with the artist factors q_a and biases b_a fixed, the listener's (p, b_u) minimise
/// Σ_{a∈L} (r_a − μ − b_a − b_u − p·q_a)² + λ‖p‖² + λ_bu b_u² + λ_g (|Ω|/(MN)) pᵀ(QᵀQ)p, where r_a is the model's
/// transform of the play count and the last term is the gravity term of the training objective as it falls on one user
/// (absent when λ_g = 0). Without biases, μ, b_a and b_u are 0 and only p is solved. This is regularised least squares:
/// the (k+1)×(k+1) (or k×k) system (ZᵀZ + Λ)x = Zᵀy with rows z_a = (q_a, 1), solved by Cholesky (MathNet.Numerics).
/// It is exactly the user step of alternating least squares, so for a training user it reproduces the optimum SGD
/// approaches.
/// </summary>
public sealed class SquaredFoldIn : IFoldInSolver
{
    /// <inheritdoc/>
    public FoldedListener Solve(FactorModel model, ReadOnlySpan<int> artists, ReadOnlySpan<float> plays, FoldInOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
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
            double y = model.Transform.Apply(plays[i]) - (bias ? model.GlobalMean + model.ArtistBiasOf(artists[i]) : 0);
            for (int r = 0; r < d; r++)
            {
                b[r] += z[r] * y;
                for (int c = 0; c < d; c++) a[r, c] += z[r] * z[c];
            }
        }
        for (int j = 0; j < k; j++) a[j, j] += options.Regularization;
        if (bias) a[k, k] += options.UserBiasRegularization;
        if (options.Gravity > 0 && options.FitPairs > 0)
        {
            var g = Objective.Gram(model.ArtistFactors, model.ArtistCount, k);
            double c = options.Gravity * options.FitPairs / ((double)model.UserCount * model.ArtistCount);
            for (int r = 0; r < k; r++)
                for (int s = 0; s < k; s++) a[r, s] += c * g[r * k + s];
        }
        // A tiny ridge keeps an unregularised system with no listens solvable.
        for (int j = 0; j < d; j++) if (a[j, j] == 0) a[j, j] = 1e-9;
        var x = a.Cholesky().Solve(b);
        var p = new float[k];
        for (int j = 0; j < k; j++) p[j] = (float)x[j];
        return new FoldedListener(p, bias ? x[k] : 0, artists.ToArray(), plays.ToArray());
    }
}

/// <summary>
/// Exact fold-in for an Implicit model: <see cref="ImplicitAls.FoldIn"/>, the user system of a training sweep with the
/// model's own α, f, ε, λ (and unobserved weights) from <see cref="FactorModel.TrainedWith"/>; <c>options</c> are not used.
/// There is no user bias.
/// </summary>
public sealed class ImplicitFoldIn : IFoldInSolver
{
    /// <inheritdoc/>
    public FoldedListener Solve(FactorModel model, ReadOnlySpan<int> artists, ReadOnlySpan<float> plays, FoldInOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new FoldedListener(ImplicitAls.FoldIn(model, artists, plays), 0, artists.ToArray(), plays.ToArray());
    }
}
