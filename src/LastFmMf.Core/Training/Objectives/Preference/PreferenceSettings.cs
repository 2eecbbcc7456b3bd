using LastFmMf.Scoring;
namespace LastFmMf.Training;

/// <summary>
/// The settings of the Preference objective: the course's matrix factorisation — a squared loss with L2 and the
/// gravity term over all user–artist pairs, minimised by SGD — fitted to preferences (1 for a listened pair) instead of
/// play counts, so that the gravity term teaches the model what users do not play, and it ranks.
/// </summary>
/// <remarks>
/// <para><b>Model.</b> s(u,a) = p_u·q_a (no biases: a bias would only add popularity, which the factors already carry).</para>
/// <para><b>Loss.</b> Over the fit pairs Ω, with M users and N artists and confidence c_ua = 1 + α·ln(1 + plays_ua),
/// J = (1/|Ω|) [ Σ_{(u,a)∈Ω} c_ua (1 − p_u·q_a)² + λ(‖P‖² + ‖Q‖²) ] + λ_g · (1/(M·N)) · Σ_{all u,a} (p_u·q_a)²,
/// λ = <see cref="Regularization"/> (in units of one observed pair, as for Squared), α = <see cref="Alpha"/>,
/// λ_g = <see cref="Gravity"/>. With α = 0 every listened pair weighs 1.</para>
/// <para><b>Optimiser.</b> As Squared: epoch e uses η_e = <see cref="LearningRate"/>·<see cref="LearningRateDecay"/>^(e − e₀),
/// takes exact gradient steps on the gravity term from the Gram matrices — <see cref="GravitySteps"/> of them, each of
/// 1/GravitySteps of the epoch's share, spread over its rounds — and visits every fit pair once by SGD in the
/// deterministic block schedule: e = c(1 − p·q); p_u += η(e q_a − (λ/n_u) p_u); q_a += η(e p_u − (λ/n_a) q_a).</para>
/// </remarks>
public sealed record PreferenceSettings : ObjectiveSettings
{
    private double _learningRate = 0.01;
    private double _learningRateDecay = 0.97;
    private double _regularization = 3;
    private double _gravity = 50;
    private double _alpha = 0.3;
    private int _gravitySteps = 1;
    private SgdOrder _order = SgdOrder.Grouped;
    private int _blockCount = 8;

    /// <summary>The tuned defaults.</summary>
    public static PreferenceSettings Default { get; } = new();

    internal override IObjective Implementation => PreferenceSgd.Instance;
    internal override TransformKind Targets => Alpha > 0 ? TransformKind.Log : TransformKind.Binary;
    internal override int Blocks => BlockCount;
    internal override SgdOrder WalkOrder => Order;

    /// <summary>η, the SGD step size of the first epoch. Default 0.01; greater than 0, at most 10.</summary>
    [Setting("η")]
    public double LearningRate { get => _learningRate; init => _learningRate = Check.Range(value, 0, 10, nameof(LearningRate), lowOpen: true); }

    /// <summary>Factor applied to η after each epoch; 1 keeps η constant. Default 0.97; greater than 0, at most 1.</summary>
    [Setting("decay")]
    public double LearningRateDecay { get => _learningRateDecay; init => _learningRateDecay = Check.Range(value, 0, 1, nameof(LearningRateDecay), lowOpen: true); }

    /// <summary>λ, L2 weight on the factors, in units of one observed pair. Default 3; 0..1000000.</summary>
    [Setting("λ")]
    public double Regularization { get => _regularization; init => _regularization = Check.Range(value, 0, 1_000_000, nameof(Regularization)); }

    /// <summary>λ_g, weight of the gravity term (1/(MN))Σ_{all u,a}(p_u·q_a)², which pulls the scores of unplayed artists
    /// towards 0. Default 50; 0..1000000.</summary>
    [Setting("λg")]
    public double Gravity { get => _gravity; init => _gravity = Check.Range(value, 0, 1_000_000, nameof(Gravity)); }

    /// <summary>α, the weight of plays in the confidence c = 1 + α·ln(1 + plays) of a listened pair; 0 weighs every listen
    /// alike. Default 0.3; 0..1000.</summary>
    [Setting("α")]
    public double Alpha { get => _alpha; init => _alpha = Check.Range(value, 0, 1000, nameof(Alpha)); }

    /// <summary>Exact gravity steps per epoch, spread evenly over its rounds (at most BlockCount count). Default 1; 1..256.</summary>
    [Setting("gravity steps")]
    public int GravitySteps { get => _gravitySteps; init => _gravitySteps = Check.Range(value, 1, 256, nameof(GravitySteps)); }

    /// <summary>B of the block schedule (as for Squared). Default 8; 1..256.</summary>
    [Setting("B")]
    public int BlockCount { get => _blockCount; init => _blockCount = Check.Range(value, 1, 256, nameof(BlockCount)); }

    /// <summary>How an epoch walks each block: Grouped (runs of a user's pairs in a seeded order of runs; cache-friendly)
    /// or Shuffled (every pair at a random place, as before this setting existed); part of the result's identity.
    /// Default Grouped.</summary>
    [Setting(null, WhenAbsent = nameof(SgdOrder.Shuffled))]
    public SgdOrder Order { get => _order; init => _order = Check.Defined(value, nameof(Order)); }
}
