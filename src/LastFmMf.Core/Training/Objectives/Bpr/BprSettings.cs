namespace LastFmMf.Training;

/// <summary>Which artists the Bpr objective draws as negatives (artists the user did not play).</summary>
public enum NegativeSampling
{
    /// <summary>Every artist of the block's artist range equally likely (see <see cref="BprSgd"/> for why the range).</summary>
    Uniform,
    /// <summary>An artist with n fit listeners drawn with weight (n + 1)^β, β = <see cref="BprSettings.NegativeSamplingExponent"/>.</summary>
    Popularity,
}

/// <summary>
/// The settings of the Bpr objective: Bayesian personalised ranking (Rendle, Freudenthaler, Gantner and Schmidt-Thieme,
/// UAI 2009) by SGD on the same deterministic block schedule as Squared.
/// </summary>
/// <remarks>
/// Score s(u,a) = b_a + p_u·q_a. For each fit pair (u, i) once per epoch and a negative j drawn by
/// <see cref="NegativeSampling"/> among the artists u has no fit listen of, with x = s(u,i) − s(u,j), SGD descends the
/// per-sample loss ℓ = −ln σ(x) + (λ/2)(‖p_u‖² + ‖q_i‖² + ‖q_j‖²) + (λ_b/2)(b_i² + b_j²), λ = <see cref="Regularization"/>,
/// λ_b = <see cref="ArtistBiasRegularization"/> (per SGD step, not in units of a pair as for Squared), with step
/// η_e = <see cref="LearningRate"/>·<see cref="LearningRateDecay"/>^(e − e₀) (e₀ as for Squared). The history's Loss is the
/// mean of −ln σ(x) over the epoch's samples, each taken before its step.
/// </remarks>
public sealed record BprSettings : ObjectiveSettings
{
    private double _learningRate = 0.05;
    private double _learningRateDecay = 0.98;
    private double _regularization = 0.001;
    private double _artistBiasRegularization = 0.001;
    private NegativeSampling _negativeSampling = NegativeSampling.Uniform;
    private double _negativeSamplingExponent = 0.5;
    private SgdOrder _order = SgdOrder.Grouped;
    private int _blockCount = 8;

    /// <summary>The tuned defaults.</summary>
    public static BprSettings Default { get; } = new();

    internal override IObjective Implementation => BprSgd.Instance;
    internal override int Blocks => BlockCount;
    internal override SgdOrder WalkOrder => Order;
    internal override bool Biases => UseBiases;

    /// <summary>η, the SGD step size of the first epoch. Default 0.05; greater than 0, at most 10.</summary>
    [Setting("η")]
    public double LearningRate { get => _learningRate; init => _learningRate = Check.Range(value, 0, 10, nameof(LearningRate), lowOpen: true); }

    /// <summary>Factor applied to η after each epoch; 1 keeps η constant. Default 0.98; greater than 0, at most 1.</summary>
    [Setting("decay")]
    public double LearningRateDecay { get => _learningRateDecay; init => _learningRateDecay = Check.Range(value, 0, 1, nameof(LearningRateDecay), lowOpen: true); }

    /// <summary>λ, L2 weight per SGD step on the three factor rows a sample touches. Default 0.001; 0..1000000.</summary>
    [Setting("λ")]
    public double Regularization { get => _regularization; init => _regularization = Check.Range(value, 0, 1_000_000, nameof(Regularization)); }

    /// <summary>λ_b, L2 weight per SGD step on the two artist biases a sample touches. Default 0.001; 0..1000000.</summary>
    [Setting("λba")]
    public double ArtistBiasRegularization { get => _artistBiasRegularization; init => _artistBiasRegularization = Check.Range(value, 0, 1_000_000, nameof(ArtistBiasRegularization)); }

    /// <summary>Whether scores have an artist bias b_a (μ and b_u cancel in a difference). Default true.</summary>
    [Setting("biases")]
    public bool UseBiases { get; init; } = true;

    /// <summary>How negatives are drawn: Uniform, or Popularity (weight (listeners + 1)^β). Default Uniform.</summary>
    [Setting("negatives")]
    public NegativeSampling NegativeSampling { get => _negativeSampling; init => _negativeSampling = Check.Defined(value, nameof(NegativeSampling)); }

    /// <summary>β of Popularity sampling: 0 is uniform, 1 proportional to listeners. Default 0.5; 0..2. Only read with
    /// NegativeSampling Popularity.</summary>
    [Setting("negative exponent")]
    public double NegativeSamplingExponent { get => _negativeSamplingExponent; init => _negativeSamplingExponent = Check.Range(value, 0, 2, nameof(NegativeSamplingExponent)); }

    /// <summary>B of the block schedule (as for Squared). Default 8; 1..256.</summary>
    [Setting("B")]
    public int BlockCount { get => _blockCount; init => _blockCount = Check.Range(value, 1, 256, nameof(BlockCount)); }

    /// <summary>How an epoch walks each block: Grouped (runs of a user's pairs in a seeded order of runs; cache-friendly)
    /// or Shuffled (every pair at a random place, as before this setting existed); part of the result's identity.
    /// Default Grouped.</summary>
    [Setting(null, WhenAbsent = nameof(SgdOrder.Shuffled))]
    public SgdOrder Order { get => _order; init => _order = Check.Defined(value, nameof(Order)); }
}
