namespace LastFmMf.Training;

/// <summary>What the model minimises. All three give the same <see cref="FactorModel"/>; see <see cref="Hyperparameters"/>
/// and <see cref="Hyperparameters.DefaultsFor(ObjectiveKind)"/>.</summary>
public enum ObjectiveKind
{
    /// <summary>Squared error over observed listens, with L2 and gravity regularisation; see <see cref="Hyperparameters"/>.</summary>
    Squared,
    /// <summary>Bayesian personalised ranking (Rendle, Freudenthaler, Gantner and Schmidt-Thieme, UAI 2009) by block-parallel
    /// SGD with seeded negative sampling; see <see cref="BprSgd"/>.</summary>
    Bpr,
    /// <summary>Weighted matrix factorisation of implicit feedback over all user-artist pairs (Hu, Koren and Volinsky, ICDM
    /// 2008), solved by alternating least squares; see <see cref="ImplicitAls"/>.</summary>
    Implicit,
}

/// <summary>
/// Everything that decides a training run, validated on construction: an out-of-range value is refused with an
/// <see cref="ArgumentOutOfRangeException"/> that names the property and its range. Change values with <c>with</c>
/// (or the cmdlet's parameters). The defaults were tuned on a validation hold-out carved from the train part of the seed-42
/// PerUser split of the real HetRec data (never on its test part) and checked on the splits with seeds 7 and 2024.
/// </summary>
/// <remarks>
/// <para><b>Model.</b> r̂(u,a) = μ + b_u + b_a + p_u·q_a with <see cref="UseBiases"/>, else r̂(u,a) = p_u·q_a (the course's
/// plain model). μ is the mean training target (fixed); p_u, q_a ∈ ℝ^k are drawn from N(0, σ²) with σ = <see cref="InitStdDev"/>
/// (rows of users/artists with no training listen start, and stay, at 0); biases start at 0.</para>
/// <para><b>Objective (Squared).</b> Over the observed training pairs Ω, with M users and N artists,
/// J = (1/|Ω|) [ Σ_{(u,a)∈Ω} (r_ua − r̂_ua)² + λ(‖P‖² + ‖Q‖²) + λ_bu‖b_user‖² + λ_ba‖b_artist‖² ] + λ_g · (1/(M·N)) · Σ_{u,a} (p_u·q_a)²,
/// that is: the mean squared error over observed pairs, plus L2 terms measured in units of one observed pair (λ = 10 weighs
/// like ten pseudo-observations of 0, as in Koren's baseline estimates), plus the course's gravity term over all M·N pairs
/// (= Σ_ij (PᵀP)_ij (QᵀQ)_ij, computed through the k×k Gram matrices). λ = <see cref="Regularization"/>,
/// λ_bu = <see cref="UserBiasRegularization"/>, λ_ba = <see cref="ArtistBiasRegularization"/>, λ_g = <see cref="Gravity"/>.
/// The norms run over the users and artists with at least one training pair.</para>
/// <para><b>Optimiser.</b> Each epoch e uses η_e = <see cref="LearningRate"/> · <see cref="LearningRateDecay"/>^e. It first takes one
/// exact gradient step on the gravity term for all factors, from the Gram matrices PᵀP and QᵀQ of the epoch's starting state:
/// p_u −= η_e·|Ω|·λ_g/(MN)·(QᵀQ)p_u and q_a −= η_e·|Ω|·λ_g/(MN)·(PᵀP)q_a (the step an epoch of |Ω| samples takes). Then it visits
/// every pair of Ω once by SGD: the sample's share of |Ω|·J (its squared error, and 1/n_u of user u's and 1/n_a of artist a's
/// L2 terms, n = training pairs of that user or artist), stepped by η_e/2 times its gradient:
/// e = r − r̂; b_u += η(e − (λ_bu/n_u) b_u); b_a += η(e − (λ_ba/n_a) b_a); p_u += η(e q_a − (λ/n_u) p_u); q_a += η(e p_u − (λ/n_a) q_a)
/// (right-hand sides from the old values).</para>
/// <para><b>Order and threads.</b> Users and artists are cut into <see cref="BlockCount"/> ranges each (balanced by listens),
/// giving B² blocks (FPSGD: Chin, Zhuang, Juan and Lin, ACM TIST 2015). An epoch runs B rounds in a seed-determined order; a
/// round holds B blocks that share no user and no artist and runs them in parallel on up to <see cref="ThreadCount"/> threads;
/// each block visits its pairs in a permutation drawn from its own stream (seed, epoch, block). The result is bit-identical
/// for every ThreadCount.</para>
/// </remarks>
public sealed partial record Hyperparameters
{
    private int _factors = 64;
    private int _epochs = 100;
    private double _learningRate = 0.02;
    private double _learningRateDecay = 0.97;
    private double _regularization = 10;
    private double _userBiasRegularization = 0.5;
    private double _artistBiasRegularization = 15;
    private double _gravity;
    private double _initStdDev = 0.1;
    private TransformKind _transform = TransformKind.Log;
    private ObjectiveKind _objective = ObjectiveKind.Squared;
    private int _threadCount = 1;
    private int _blockCount = 8;
    private double _validationFraction = 0.1;
    private int _patience = 5;

    /// <summary>The defaults.</summary>
    public static Hyperparameters Default { get; } = new();

    /// <summary>k, the number of latent factors per user and artist. Default 64; 1..1024.</summary>
    public int Factors { get => _factors; init => _factors = Check.Range(value, 1, 1024, nameof(Factors)); }

    /// <summary>Most epochs to run (early stopping may end sooner). Default 100; 1..100000.</summary>
    public int Epochs { get => _epochs; init => _epochs = Check.Range(value, 1, 100_000, nameof(Epochs)); }

    /// <summary>η, the SGD step size of the first epoch. Default 0.02; greater than 0, at most 10.</summary>
    public double LearningRate { get => _learningRate; init => _learningRate = Check.Range(value, 0, 10, nameof(LearningRate), lowOpen: true); }

    /// <summary>Factor applied to η after each epoch (η_e = η·decay^e); 1 keeps η constant. Default 0.97; greater than 0, at most 1.</summary>
    public double LearningRateDecay { get => _learningRateDecay; init => _learningRateDecay = Check.Range(value, 0, 1, nameof(LearningRateDecay), lowOpen: true); }

    /// <summary>λ, L2 weight on the factors. Squared: in units of one observed pair (see remarks). Bpr: per SGD step, on the three
    /// rows a sample touches. Implicit: the λ of the ALS normal equations (must be greater than 0). Default 10 (Squared; see
    /// <see cref="DefaultsFor(ObjectiveKind)"/> for the others); 0..1000000.</summary>
    public double Regularization { get => _regularization; init => _regularization = Check.Range(value, 0, 1_000_000, nameof(Regularization)); }

    /// <summary>λ_bu, L2 weight on the user biases, in units of one observed pair (ignored without biases). Default 0.5; 0..1000000.</summary>
    public double UserBiasRegularization { get => _userBiasRegularization; init => _userBiasRegularization = Check.Range(value, 0, 1_000_000, nameof(UserBiasRegularization)); }

    /// <summary>λ_ba, L2 weight on the artist biases, in units of one observed pair (ignored without biases; for Bpr, the per-step
    /// λ_b of the artist biases). Default 15; 0..1000000.</summary>
    public double ArtistBiasRegularization { get => _artistBiasRegularization; init => _artistBiasRegularization = Check.Range(value, 0, 1_000_000, nameof(ArtistBiasRegularization)); }

    /// <summary>λ_g, weight of the gravity term (1/(MN))Σ_{all u,a}(p_u·q_a)², which pulls unobserved predictions to 0.
    /// Default 0 (off); the course used 1. 0..1000000.</summary>
    public double Gravity { get => _gravity; init => _gravity = Check.Range(value, 0, 1_000_000, nameof(Gravity)); }

    /// <summary>σ, the standard deviation of the normal distribution the factors start from. Default 0.1; greater than 0, at most 10.</summary>
    public double InitStdDev { get => _initStdDev; init => _initStdDev = Check.Range(value, 0, 10, nameof(InitStdDev), lowOpen: true); }

    /// <summary>Whether the model has μ + b_u + b_a; false gives the course's plain model p_u·q_a. Default true.</summary>
    public bool UseBiases { get; init; } = true;

    /// <summary>How play counts become targets; travels with the model. Default Log.</summary>
    public TransformKind Transform { get => _transform; init => _transform = Check.Defined(value, nameof(Transform)); }

    /// <summary>What is minimised: Squared, Bpr or Implicit. Default Squared. Start from <see cref="DefaultsFor(ObjectiveKind)"/>
    /// to get the tuned defaults of the other objectives.</summary>
    public ObjectiveKind Objective { get => _objective; init => _objective = Check.Defined(value, nameof(Objective)); }

    /// <summary>Seed of every random stream of training: initial factors, block schedule and visiting order. Any integer; default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Threads that process the blocks of a round; more than <see cref="BlockCount"/> are not used.
    /// Does not change the result. Default 1; 1..256.</summary>
    public int ThreadCount { get => _threadCount; init => _threadCount = Check.Range(value, 1, 256, nameof(ThreadCount)); }

    /// <summary>B, the number of user ranges and of artist ranges (B² blocks, B per parallel round). Part of the result's
    /// identity (unlike ThreadCount); at most B threads can work. Default 8; 1..256.</summary>
    public int BlockCount { get => _blockCount; init => _blockCount = Check.Range(value, 1, 256, nameof(BlockCount)); }

    /// <summary>Fraction of each user's training artists held out (per user, as Split-LastFmData -Method PerUser) for validation
    /// and early stopping; 0 trains on all of Train and disables early stopping. Default 0.1; 0 or more, less than 1.</summary>
    public double ValidationFraction { get => _validationFraction; init => _validationFraction = Check.Range(value, 0, 1, nameof(ValidationFraction), highOpen: true); }

    /// <summary>Seed of the validation hold-out, separate from <see cref="Seed"/>. Any integer; default 1.</summary>
    public int ValidationSeed { get; init; } = 1;

    /// <summary>Stop after this many epochs without a better validation metric (<see cref="StopMetric"/>) and keep the best state; 0 never stops early.
    /// Default 5; 0..100000.</summary>
    public int Patience { get => _patience; init => _patience = Check.Range(value, 0, 100_000, nameof(Patience)); }

    /// <summary>A one-line summary (the record's default text lists every property, too long for a table cell).</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Objective} k={Factors} epochs={Epochs} lr={LearningRate} reg={Regularization} gravity={Gravity} {Transform}{(UseBiases ? "" : " no-biases")} seed={Seed}");

    /// <summary>The course/seed configuration: MinMax targets, no biases, gravity 1, σ 0.05.</summary>
    public static Hyperparameters Course { get; } = new()
    {
        Transform = TransformKind.MinMax, UseBiases = false, Gravity = 1, InitStdDev = 0.05,
    };
}

internal static class Check
{
    public static int Range(int value, int min, int max, string name)
    {
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}; it was {value}.");
        return value;
    }

    public static double Range(double value, double min, double max, string name, bool lowOpen = false, bool highOpen = false)
    {
        bool ok = double.IsFinite(value)
                  && (lowOpen ? value > min : value >= min)
                  && (highOpen ? value < max : value <= max);
        if (!ok)
        {
            string low = lowOpen ? $"greater than {min}" : $"at least {min}";
            string high = highOpen ? $"less than {max}" : $"at most {max}";
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {low} and {high}; it was {value}.");
        }
        return value;
    }

    public static T Defined<T>(T value, string name) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be one of {string.Join(", ", Enum.GetNames<T>())}; it was {value}.");
        return value;
    }
}
