using LastFmMf.Scoring;
namespace LastFmMf.Training;

/// <summary>
/// The settings of the Squared objective: the course's matrix factorisation, fitted by SGD to the play counts of the
/// observed pairs, with L2 and the gravity term over all pairs.
/// </summary>
/// <remarks>
/// <para><b>Model.</b> r̂(u,a) = μ + b_u + b_a + p_u·q_a with <see cref="UseBiases"/>, else r̂(u,a) = p_u·q_a (the course's
/// plain model); μ is the mean fit target (fixed), biases start at 0; r is the <see cref="Transform"/> of the play count.</para>
/// <para><b>Loss.</b> Over the observed fit pairs Ω, with M users and N artists,
/// J = (1/|Ω|) [ Σ_{(u,a)∈Ω} (r_ua − r̂_ua)² + λ(‖P‖² + ‖Q‖²) + λ_bu‖b_user‖² + λ_ba‖b_artist‖² ] + λ_g · (1/(M·N)) · Σ_{u,a} (p_u·q_a)²:
/// the mean squared error over observed pairs, L2 terms in units of one observed pair (λ = 10 weighs like ten
/// pseudo-observations of 0, as in Koren's baseline estimates), and the course's gravity term over all M·N pairs
/// (= Σ_ij (PᵀP)_ij (QᵀQ)_ij, computed through the k×k Gram matrices). λ = <see cref="Regularization"/>,
/// λ_bu = <see cref="UserBiasRegularization"/>, λ_ba = <see cref="ArtistBiasRegularization"/>, λ_g = <see cref="Gravity"/>.
/// The norms run over the users and artists with at least one fit pair.</para>
/// <para><b>Optimiser.</b> Epoch e uses η_e = <see cref="LearningRate"/> · <see cref="LearningRateDecay"/>^(e − e₀), e₀ the
/// epoch at which this learning rate was set (0, or the epoch a resumed run started from with a new learning rate). It
/// first takes one exact gradient step on the gravity term for all factors, from the Gram matrices of the epoch's
/// starting state: p_u −= η_e·|Ω|·λ_g/(MN)·(QᵀQ)p_u and q_a −= η_e·|Ω|·λ_g/(MN)·(PᵀP)q_a (the step an epoch of |Ω|
/// samples takes). Then it visits every pair of Ω once by SGD, stepping by η_e/2 times the gradient of the sample's share
/// of |Ω|·J: e = r − r̂; b_u += η(e − (λ_bu/n_u) b_u); b_a += η(e − (λ_ba/n_a) b_a); p_u += η(e q_a − (λ/n_u) p_u);
/// q_a += η(e p_u − (λ/n_a) q_a) (old values on the right; n = fit pairs of that user or artist).</para>
/// <para><b>Order and threads.</b> Users and artists are cut into <see cref="BlockCount"/> ranges each (balanced by
/// listens), giving B² blocks (FPSGD: Chin, Zhuang, Juan and Lin, ACM TIST 2015); an epoch runs B rounds of B blocks
/// that share no user and no artist, in a seed-determined order. Each block holds its pairs user by user and is walked in
/// runs of 64 consecutive pairs, the runs in a permutation drawn from the block's own stream (<see cref="Order"/>
/// Grouped; Shuffled visits every pair at a random place, as before). The result is bit-identical for every thread
/// count.</para>
/// <para><b>Measures.</b> An epoch's Loss and TrainRmse take each pair's error just before its step, summed during the
/// pass (the running loss, as LIBMF and BPR report it; a second pass over the pairs would cost more than half the
/// epoch), plus the L2 and gravity terms of the new model; ValidationRmse and TestRmse are of the new model.</para>
/// </remarks>
public sealed record SquaredSettings : ObjectiveSettings
{
    private double _learningRate = 0.02;
    private double _learningRateDecay = 0.97;
    private double _regularization = 10;
    private double _userBiasRegularization = 0.5;
    private double _artistBiasRegularization = 15;
    private double _gravity;
    private TransformKind _transform = TransformKind.Log;
    private SgdOrder _order = SgdOrder.Grouped;
    private int _blockCount = 8;

    /// <summary>The tuned defaults.</summary>
    public static SquaredSettings Default { get; } = new();

    /// <summary>The course's configuration: MinMax targets, no biases, gravity 1 (with σ 0.05 in the shared settings).</summary>
    public static SquaredSettings Course { get; } = new() { Transform = TransformKind.MinMax, UseBiases = false, Gravity = 1 };

    internal override IObjective Implementation => SquaredSgd.Instance;
    internal override TransformKind Targets => Transform;
    internal override int Blocks => BlockCount;
    internal override SgdOrder WalkOrder => Order;
    internal override bool Biases => UseBiases;

    /// <summary>η, the SGD step size of the first epoch. Default 0.02; greater than 0, at most 10.</summary>
    [Setting("η")]
    public double LearningRate { get => _learningRate; init => _learningRate = Check.Range(value, 0, 10, nameof(LearningRate), lowOpen: true); }

    /// <summary>Factor applied to η after each epoch; 1 keeps η constant. Default 0.97; greater than 0, at most 1.</summary>
    [Setting("decay")]
    public double LearningRateDecay { get => _learningRateDecay; init => _learningRateDecay = Check.Range(value, 0, 1, nameof(LearningRateDecay), lowOpen: true); }

    /// <summary>λ, L2 weight on the factors, in units of one observed pair. Default 10; 0..1000000.</summary>
    [Setting("λ")]
    public double Regularization { get => _regularization; init => _regularization = Check.Range(value, 0, 1_000_000, nameof(Regularization)); }

    /// <summary>λ_bu, L2 weight on the user biases, in units of one observed pair. Default 0.5; 0..1000000.</summary>
    [Setting("λbu")]
    public double UserBiasRegularization { get => _userBiasRegularization; init => _userBiasRegularization = Check.Range(value, 0, 1_000_000, nameof(UserBiasRegularization)); }

    /// <summary>λ_ba, L2 weight on the artist biases, in units of one observed pair. Default 15; 0..1000000.</summary>
    [Setting("λba")]
    public double ArtistBiasRegularization { get => _artistBiasRegularization; init => _artistBiasRegularization = Check.Range(value, 0, 1_000_000, nameof(ArtistBiasRegularization)); }

    /// <summary>λ_g, weight of the gravity term (1/(MN))Σ_{all u,a}(p_u·q_a)², which pulls unobserved predictions to 0.
    /// Default 0 (off); the course used 1. 0..1000000.</summary>
    [Setting("λg")]
    public double Gravity { get => _gravity; init => _gravity = Check.Range(value, 0, 1_000_000, nameof(Gravity)); }

    /// <summary>Whether the model has μ + b_u + b_a; false gives the course's plain model p_u·q_a. Default true.</summary>
    [Setting("biases")]
    public bool UseBiases { get; init; } = true;

    /// <summary>How play counts become targets: Log (ln(1 + plays)), MinMax, Raw (plays over their root mean square, read back in plays) or Binary. Default Log.</summary>
    [Setting("transform")]
    public TransformKind Transform { get => _transform; init => _transform = Check.Defined(value, nameof(Transform)); }

    /// <summary>B, the number of user ranges and of artist ranges (B² blocks, B per parallel round); part of the result's
    /// identity, unlike ThreadCount. Default 8; 1..256.</summary>
    [Setting("B")]
    public int BlockCount { get => _blockCount; init => _blockCount = Check.Range(value, 1, 256, nameof(BlockCount)); }

    /// <summary>How an epoch walks each block: Grouped (runs of a user's pairs in a seeded order of runs; cache-friendly)
    /// or Shuffled (every pair at a random place, as before this setting existed); part of the result's identity.
    /// Default Grouped.</summary>
    [Setting(null, WhenAbsent = nameof(SgdOrder.Shuffled))]
    public SgdOrder Order { get => _order; init => _order = Check.Defined(value, nameof(Order)); }
}
