namespace LastFmMf.Training;

/// <summary>How the Implicit objective turns a play count w into the confidence c = 1 + α·f(w) of a listened pair.</summary>
public enum ConfidenceScaling
{
    /// <summary>f(w) = ln(1 + w/ε) (Hu, Koren and Volinsky's second form; ε = <see cref="ImplicitSettings.Epsilon"/>).</summary>
    Log,
    /// <summary>f(w) = w, the raw play count (their first form; needs a small α on this data, plays reach 352,698).</summary>
    Linear,
}

/// <summary>How each ALS row is solved.</summary>
public enum ImplicitSolver
{
    /// <summary>A few conjugate-gradient steps warm-started from the row's previous factors (Takács, Pilászy and Tikk 2011), in
    /// float: O(k² + n·k) per step instead of O(n·k² + k³), and as good after a sweep or two. Without unobserved weights, rows
    /// with at most k/8 listens (most artists) are solved exactly instead, by the Woodbury identity.</summary>
    ConjugateGradient,
    /// <summary>The exact solve by Cholesky factorisation of the k×k system (MathNet.Numerics).</summary>
    Cholesky,
}

/// <summary>
/// The settings of the Implicit objective: weighted matrix factorisation of implicit feedback over all user–artist pairs
/// (Hu, Koren and Volinsky, ICDM 2008), solved by alternating least squares.
/// </summary>
/// <remarks>
/// Preference x_ua = 1 for a fit listen, 0 for every other pair; confidence c_ua = 1 + α·f(w_ua) for a fit listen
/// (<see cref="Alpha"/>, <see cref="Confidence"/>, <see cref="Epsilon"/>), w_a for an unlistened pair (1, or popularity
/// weights with <see cref="UnobservedWeightExponent"/>). Minimises Σ_{all u,a} c_ua (x_ua − p_u·q_a)² + λ(‖P‖² + ‖Q‖²),
/// λ = <see cref="Regularization"/>, by alternating least squares: an epoch is one sweep, all users then all artists, each
/// row (approximately, by <see cref="CgSteps"/> conjugate-gradient steps, or exactly with <see cref="Solver"/> Cholesky) the solution of (YᵀY + Yᵤᵀ(Cᵤ − I)Yᵤ + λI) p_u = YᵤᵀCᵤ1. There are no biases, no learning rate and no block schedule.
/// The history's Loss is that sum divided by the number of fit pairs.
/// </remarks>
public sealed record ImplicitSettings : ObjectiveSettings
{
    private double _regularization = 100;
    private double _alpha = 4;
    private ConfidenceScaling _confidence = ConfidenceScaling.Log;
    private double _epsilon = 0.5;
    private double _unobservedWeightExponent;
    private ImplicitSolver _solver = ImplicitSolver.ConjugateGradient;
    private int _cgSteps = 3;

    /// <summary>The tuned defaults.</summary>
    public static ImplicitSettings Default { get; } = new();

    internal override IObjective Implementation => ImplicitAls.Instance;

    /// <summary>λ of the ALS normal equations, on the factors of every row. Default 100; greater than 0 (the k×k systems
    /// must be positive definite), at most 1000000.</summary>
    [Setting("λ")]
    public double Regularization { get => _regularization; init => _regularization = Check.Range(value, 0, 1_000_000, nameof(Regularization), lowOpen: true); }

    /// <summary>α, the weight of plays in the confidence c = 1 + α·f(plays) of a listened pair. Default 4; 0..1000000.</summary>
    [Setting("α")]
    public double Alpha { get => _alpha; init => _alpha = Check.Range(value, 0, 1_000_000, nameof(Alpha)); }

    /// <summary>f in the confidence 1 + α·f(plays): Log, f = ln(1 + plays/ε), or Linear, f = plays. Default Log.</summary>
    [Setting("confidence")]
    public ConfidenceScaling Confidence { get => _confidence; init => _confidence = Check.Defined(value, nameof(Confidence)); }

    /// <summary>ε in f = ln(1 + plays/ε), the play count that counts as one unit; read only with Log confidence. Default 0.5;
    /// greater than 0, at most 1000000000.</summary>
    [Setting("ε")]
    public double Epsilon { get => _epsilon; init => _epsilon = Check.Range(value, 0, 1e9, nameof(Epsilon), lowOpen: true); }

    /// <summary>γ, popularity weighting of the unlistened pairs (after He, Zhang, Kan and Chua, SIGIR 2016): an unlistened pair
    /// with artist a has confidence w_a = (n_a + 1)^γ / mean_b (n_b + 1)^γ, n_a its fit listeners, instead of 1; 0 gives Hu,
    /// Koren and Volinsky's uniform weight. Default 0; 0..2.</summary>
    [Setting("unobserved exponent")]
    public double UnobservedWeightExponent { get => _unobservedWeightExponent; init => _unobservedWeightExponent = Check.Range(value, 0, 2, nameof(UnobservedWeightExponent)); }

    /// <summary>How each row's system is solved in training: ConjugateGradient (CgSteps steps from the row's previous
    /// factors) or Cholesky (exact). Fold-in is always exact. Default ConjugateGradient; models saved before this setting
    /// existed were trained with Cholesky.</summary>
    [Setting("solver", WhenAbsent = nameof(ImplicitSolver.Cholesky))]
    public ImplicitSolver Solver { get => _solver; init => _solver = Check.Defined(value, nameof(Solver)); }

    /// <summary>Conjugate-gradient steps per row and half-sweep; read only with Solver ConjugateGradient. Default 3; 1..100.</summary>
    [Setting("CG steps")]
    public int CgSteps { get => _cgSteps; init => _cgSteps = Check.Range(value, 1, 100, nameof(CgSteps)); }
}

/// <summary>The confidences of one Implicit model: its settings and, with γ &gt; 0, the unobserved weight of each artist.</summary>
internal sealed record ImplicitWeights(ImplicitSettings Settings, double[]? UnobservedWeights)
{
    public double Alpha => Settings.Alpha;
    public double Regularization => Settings.Regularization;

    /// <summary>The weights of a run: w_a from the fit listeners of each artist, or null when every unlistened pair weighs 1.</summary>
    public static ImplicitWeights For(ImplicitSettings s, TrainingData data)
    {
        if (s.UnobservedWeightExponent == 0) return new(s, null);
        var w = new double[data.ArtistCount];
        double sum = 0;
        for (int a = 0; a < w.Length; a++) sum += w[a] = Math.Pow(data.ArtistCounts[a] + 1.0, s.UnobservedWeightExponent);
        double mean = sum / Math.Max(1, w.Length);
        for (int a = 0; a < w.Length; a++) w[a] /= mean;
        return new(s, w);
    }

    /// <summary>The confidence of an unlistened pair with artist <paramref name="artist"/>: w_a, or 1.</summary>
    public double UnobservedWeightOf(int artist) => UnobservedWeights is null ? 1 : UnobservedWeights[artist];

    /// <summary>The confidence of a listened pair with <paramref name="plays"/> plays: 1 + α·f(plays).</summary>
    public double ConfidenceOf(double plays) =>
        1 + Settings.Alpha * (Settings.Confidence == ConfidenceScaling.Log ? Math.Log(1 + plays / Settings.Epsilon) : plays);
}
