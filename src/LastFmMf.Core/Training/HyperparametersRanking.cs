namespace LastFmMf.Training;

/// <summary>How the Implicit objective turns a play count w into the confidence c = 1 + α·f(w) of a listened pair.</summary>
public enum ConfidenceScaling
{
    /// <summary>f(w) = ln(1 + w/ε) (Hu, Koren and Volinsky's second form; ε = <see cref="Hyperparameters.Epsilon"/>).</summary>
    Log,
    /// <summary>f(w) = w, the raw play count (their first form; needs a small α on this data, plays reach 352,698).</summary>
    Linear,
}

/// <summary>Which artists the Bpr objective draws as negatives (artists the user did not play).</summary>
public enum NegativeSampling
{
    /// <summary>Every artist of the block's artist range equally likely (see <see cref="BprSgd"/> for why the range).</summary>
    Uniform,
    /// <summary>An artist with n training listeners drawn with weight (n + 1)^β, β = <see cref="Hyperparameters.NegativeSamplingExponent"/>.</summary>
    Popularity,
}

/// <summary>What early stopping watches and what chooses the kept model.</summary>
public enum StopMetric
{
    /// <summary>ValidationRmse for Squared, ValidationNdcg for Bpr and Implicit.</summary>
    Auto,
    /// <summary>RMSE on the validation hold-out (lower is better). Meaningful for Squared only.</summary>
    ValidationRmse,
    /// <summary>NDCG@10 on the validation hold-out, candidates all artists outside the user's fit listens (higher is better).</summary>
    ValidationNdcg,
}

/// <summary>The hyperparameters of the ranking objectives (Bpr, Implicit) and of early stopping on a ranking metric.</summary>
/// <remarks>
/// <para><b>Per-objective defaults.</b> <see cref="Default"/> (= <c>new Hyperparameters()</c>) is the Squared configuration.
/// <see cref="DefaultsFor(ObjectiveKind)"/> returns the tuned defaults of each objective, and is what a caller should
/// start from: <c>Hyperparameters.DefaultsFor(ObjectiveKind.Implicit) with { Factors = 128 }</c>. The values and the
/// validation figures they were chosen on are in docs/tuning.md.</para>
/// <para><b>Bpr.</b> Score s(u,a) = b_a + p_u·q_a (μ and b_u cancel in a difference and stay as initialised). For each
/// fit pair (u, i) once per epoch and a negative j drawn by <see cref="NegativeSampling"/> among the artists u has no fit
/// listen of, with x = s(u,i) − s(u,j), SGD descends the per-sample loss
/// ℓ = −ln σ(x) + (λ/2)(‖p_u‖² + ‖q_i‖² + ‖q_j‖²) + (λ_b/2)(b_i² + b_j²), λ = <see cref="Regularization"/>,
/// λ_b = <see cref="ArtistBiasRegularization"/> (λ here is per SGD step, not in units of a pair as for Squared), with step
/// η_e = <see cref="LearningRate"/>·<see cref="LearningRateDecay"/>^e. The history's Objective is the mean of −ln σ(x)
/// over the epoch's samples, before each step.</para>
/// <para><b>Implicit.</b> Preference x_ua = 1 for a fit listen, 0 for every other pair; confidence c_ua = 1 + α·f(w_ua)
/// for a fit listen, 1 otherwise (<see cref="Alpha"/>, <see cref="Confidence"/>, <see cref="Epsilon"/>). Minimises
/// Σ_{all u,a} c_ua (x_ua − p_u·q_a)² + λ(‖P‖² + ‖Q‖²), λ = <see cref="Regularization"/>, by alternating exact solves: an
/// epoch is one sweep, all users then all artists, each row the solution of (YᵀY + Yᵤᵀ(Cᵤ − I)Yᵤ + λI) p_u = YᵤᵀCᵤ1.
/// No biases (<see cref="UseBiases"/> must be false); LearningRate, LearningRateDecay, Gravity and BlockCount are not used.
/// The history's Objective is that sum divided by the number of fit pairs.</para>
/// </remarks>
public sealed partial record Hyperparameters
{
    private double _alpha = 1;
    private ConfidenceScaling _confidence = ConfidenceScaling.Log;
    private double _epsilon = 1;
    private NegativeSampling _negativeSampling = NegativeSampling.Uniform;
    private double _negativeSamplingExponent = 0.5;
    private StopMetric _stopMetric = StopMetric.Auto;
    private double _unobservedWeightExponent;

    /// <summary>Implicit only: α, the weight of plays in the confidence c = 1 + α·f(plays) of a listened pair (unlistened
    /// pairs have confidence 1). Default 1; DefaultsFor(Implicit) uses 4. 0..1000000.</summary>
    public double Alpha { get => _alpha; init => _alpha = Check.Range(value, 0, 1_000_000, nameof(Alpha)); }

    /// <summary>Implicit only: f in the confidence 1 + α·f(plays): Log, f = ln(1 + plays/ε), or Linear, f = plays. Default Log.</summary>
    public ConfidenceScaling Confidence { get => _confidence; init => _confidence = Check.Defined(value, nameof(Confidence)); }

    /// <summary>Implicit with Log confidence only: ε in f = ln(1 + plays/ε), the play count that counts as one unit.
    /// Default 1; DefaultsFor(Implicit) uses 0.5. Greater than 0, at most 1000000000.</summary>
    public double Epsilon { get => _epsilon; init => _epsilon = Check.Range(value, 0, 1e9, nameof(Epsilon), lowOpen: true); }

    /// <summary>Implicit only: γ, popularity weighting of the unlistened pairs (after He, Zhang, Kan and Chua, SIGIR 2016): an
    /// unlistened pair with artist a has confidence w_a = (n_a + 1)^γ / mean_b (n_b + 1)^γ, n_a its fit listeners, instead of 1;
    /// 0 gives Hu, Koren and Volinsky's uniform weight. Default 0; 0..2.</summary>
    public double UnobservedWeightExponent { get => _unobservedWeightExponent; init => _unobservedWeightExponent = Check.Range(value, 0, 2, nameof(UnobservedWeightExponent)); }

    /// <summary>Bpr only: how negatives are drawn: Uniform, or Popularity (weight (listeners + 1)^β). Default Uniform.</summary>
    public NegativeSampling NegativeSampling { get => _negativeSampling; init => _negativeSampling = Check.Defined(value, nameof(NegativeSampling)); }

    /// <summary>Bpr with Popularity sampling only: β in the weight (listeners + 1)^β; 0 is uniform, 1 proportional to
    /// listeners. Default 0.5; 0..2.</summary>
    public double NegativeSamplingExponent { get => _negativeSamplingExponent; init => _negativeSamplingExponent = Check.Range(value, 0, 2, nameof(NegativeSamplingExponent)); }

    /// <summary>What early stopping watches and what picks the kept model: Auto (ValidationRmse for Squared, ValidationNdcg
    /// for Bpr and Implicit), ValidationRmse, or ValidationNdcg (NDCG@10 on the validation hold-out, computed every epoch).
    /// Default Auto.</summary>
    public StopMetric StopMetric { get => _stopMetric; init => _stopMetric = Check.Defined(value, nameof(StopMetric)); }

    /// <summary><see cref="StopMetric"/> with Auto resolved for <see cref="Objective"/>.</summary>
    public StopMetric EffectiveStopMetric => _stopMetric != StopMetric.Auto ? _stopMetric
        : Objective == ObjectiveKind.Squared ? StopMetric.ValidationRmse : StopMetric.ValidationNdcg;

    /// <summary>
    /// The tuned defaults of an objective (the cmdlet's starting point: <c>DefaultsFor(objective) with { ... }</c>). Squared is
    /// <see cref="Default"/>. The others were chosen on a validation hold-out (0.1 of Train, per user) of the real data's
    /// PerUser 0.2 splits with seeds 42 and 7, never on their test parts (docs/tuning.md):
    /// <list type="bullet">
    /// <item><b>Implicit</b>: Factors 128, Regularization 100, Alpha 4, Confidence Log, Epsilon 0.5, UnobservedWeightExponent 0,
    /// InitStdDev 0.01, Epochs 12 (sweeps), ValidationFraction 0 (refits on all of Train; the validation curves are flat from
    /// sweep 8 on), UseBiases false. Validation NDCG@10 0.158 / 0.157, P@10 0.075 / 0.076 (seeds 42 / 7); Popularity 0.051 / 0.051.
    /// On the seed-42 test split (read once): NDCG@10 0.2475, P@10 0.2038, coverage@10 0.0615.</item>
    /// <item><b>Bpr</b>: Factors 64, LearningRate 0.05, LearningRateDecay 0.98, Regularization 0.001, ArtistBiasRegularization
    /// 0.001, UseBiases true, InitStdDev 0.01, NegativeSampling Uniform, Epochs 200, Patience 25 on validation NDCG@10,
    /// ValidationFraction 0.1. Validation NDCG@10 0.113 / 0.114, P@10 0.054 / 0.056 (seeds 42 / 7). Seed-42 test: NDCG@10 0.1647,
    /// P@10 0.1403.</item>
    /// </list>
    /// Both use Transform Binary (the targets are not used; predictions are ranking scores).
    /// </summary>
    public static Hyperparameters DefaultsFor(ObjectiveKind objective) => objective switch
    {
        ObjectiveKind.Squared => Default,
        ObjectiveKind.Bpr => BprDefaults,
        ObjectiveKind.Implicit => ImplicitDefaults,
        _ => throw new ArgumentOutOfRangeException(nameof(objective), objective, $"Objective must be one of {string.Join(", ", Enum.GetNames<ObjectiveKind>())}; it was {objective}."),
    };

    private static readonly Hyperparameters BprDefaults = new()
    {
        Objective = ObjectiveKind.Bpr, Transform = TransformKind.Binary, Factors = 64, Epochs = 200, LearningRate = 0.05,
        LearningRateDecay = 0.98, Regularization = 0.001, ArtistBiasRegularization = 0.001, UserBiasRegularization = 0,
        InitStdDev = 0.01, Patience = 25, ValidationFraction = 0.1,
    };

    private static readonly Hyperparameters ImplicitDefaults = new()
    {
        Objective = ObjectiveKind.Implicit, Transform = TransformKind.Binary, UseBiases = false, Factors = 128, Epochs = 12,
        Regularization = 100, Alpha = 4, Confidence = ConfidenceScaling.Log, Epsilon = 0.5, InitStdDev = 0.01,
        ValidationFraction = 0, Patience = 3,
    };
}
