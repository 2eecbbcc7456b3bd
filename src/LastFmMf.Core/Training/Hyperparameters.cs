using System.Globalization;

namespace LastFmMf.Training;

/// <summary>
/// Everything that decides a training run: the settings every objective shares (this record) and the objective with its
/// own settings (<see cref="Objective"/>: <see cref="SquaredSettings"/>, <see cref="BprSettings"/> or
/// <see cref="ImplicitSettings"/>, each holding only what that objective reads). Validated on construction: a value out of
/// range is refused with an <see cref="ArgumentOutOfRangeException"/> naming the setting and its range. Start from
/// <see cref="DefaultsFor(string)"/> (each objective's tuned defaults, shared settings included) and change values with
/// <c>with</c>, or by name with <see cref="HyperparameterOverrides"/>.
/// </summary>
/// <remarks>
/// <para><b>Model.</b> p_u, q_a ∈ ℝ^k start from N(0, σ²), σ = <see cref="InitStdDev"/> (rows of users and artists with no
/// fit listen start, and stay, at 0). What an epoch minimises, and how, is the objective's (see its settings record).</para>
/// <para><b>Validation and stopping.</b> A share <see cref="ValidationFraction"/> of each user's training artists is held
/// out (seed <see cref="ValidationSeed"/>); after each epoch the watched metric (<see cref="StopMetric"/>) is measured on
/// it, the best model so far is kept, and the run stops after <see cref="Patience"/> epochs without improvement.</para>
/// </remarks>
public sealed record Hyperparameters
{
    private ObjectiveSettings _objective = SquaredSettings.Default;
    private int _factors = 64;
    private int _epochs = 100;
    private double _initStdDev = 0.1;
    private int _threadCount = 1;
    private double _validationFraction = 0.1;
    private int _patience = 5;
    private int _validationUsers;
    private StopMetric _stopMetric = StopMetric.Auto;

    /// <summary>The default run: <see cref="DefaultsFor(string)"/> of <see cref="Objectives.DefaultName"/>.</summary>
    public static Hyperparameters Default => Objectives.Get(Objectives.DefaultName).Defaults;

    /// <summary>The tuned defaults of an objective, shared settings included (docs/tuning.md has the search behind them).</summary>
    /// <exception cref="ArgumentException">No objective has that name.</exception>
    public static Hyperparameters DefaultsFor(string objective) => Objectives.Get(objective).Defaults;

    /// <summary>What is minimised, with that objective's own settings. Default: Squared's.</summary>
    public ObjectiveSettings Objective { get => _objective; init => _objective = value ?? throw new ArgumentNullException(nameof(Objective)); }

    /// <summary>k, the number of latent factors per user and artist. 1..1024.</summary>
    [Setting("k")]
    public int Factors { get => _factors; init => _factors = Check.Range(value, 1, 1024, nameof(Factors)); }

    /// <summary>Most epochs to run (early stopping may end sooner); with Implicit an epoch is one ALS sweep. 1..100000.</summary>
    [Setting("epochs")]
    public int Epochs { get => _epochs; init => _epochs = Check.Range(value, 1, 100_000, nameof(Epochs)); }

    /// <summary>σ, the standard deviation of the normal distribution the factors start from. Greater than 0, at most 10.</summary>
    [Setting("σ")]
    public double InitStdDev { get => _initStdDev; init => _initStdDev = Check.Range(value, 0, 10, nameof(InitStdDev), lowOpen: true); }

    /// <summary>Seed of every random stream of training: initial factors, block schedule, visiting order, negatives. Any integer; default 42.</summary>
    [Setting("seed")]
    public int Seed { get; init; } = 42;

    /// <summary>Threads of an epoch. Never changes the result. Default 1; 1..256.</summary>
    [Setting(null, Identity = false)]
    public int ThreadCount { get => _threadCount; init => _threadCount = Check.Range(value, 1, 256, nameof(ThreadCount)); }

    /// <summary>Share of each user's training artists held out for validation and early stopping; 0 trains on all of Train
    /// and disables early stopping. 0 or more, less than 1.</summary>
    [Setting("validation")]
    public double ValidationFraction { get => _validationFraction; init => _validationFraction = Check.Range(value, 0, 1, nameof(ValidationFraction), highOpen: true); }

    /// <summary>Seed of the validation hold-out, separate from <see cref="Seed"/>. Any integer; default 1.</summary>
    [Setting("validation seed")]
    public int ValidationSeed { get; init; } = 1;

    /// <summary>Users whose validation listens early stopping scores each epoch: a seeded sample (ValidationSeed) of this
    /// many, or with 0 all of them up to 2,000 and a seeded sample of 500 beyond — scoring every artist for every user
    /// each epoch costs more than the epoch itself on large data (at Last.fm-360K size, k = 64, 500 users take 0.78 s
    /// against Bpr's 2.2 s pass). Default 0 (automatic); 0..100000000.</summary>
    [Setting("validation users")]
    public int ValidationUsers { get => _validationUsers; init => _validationUsers = Check.Range(value, 0, 100_000_000, nameof(ValidationUsers)); }

    /// <summary>Stop after this many epochs without a better validation metric and keep the best model; 0 never stops early. 0..100000.</summary>
    [Setting("patience")]
    public int Patience { get => _patience; init => _patience = Check.Range(value, 0, 100_000, nameof(Patience)); }

    /// <summary>What early stopping watches: Auto (ValidationRmse for an objective that predicts its targets, else
    /// ValidationNdcg), ValidationRmse or ValidationNdcg. Default Auto.</summary>
    [Setting("stop")]
    public StopMetric StopMetric { get => _stopMetric; init => _stopMetric = Check.Defined(value, nameof(StopMetric)); }

    /// <summary><see cref="StopMetric"/> with Auto resolved for the objective.</summary>
    public StopMetric EffectiveStopMetric => _stopMetric != StopMetric.Auto ? _stopMetric
        : Objective.Implementation.PredictsTargets ? StopMetric.ValidationRmse : StopMetric.ValidationNdcg;

    /// <summary>
    /// Every setting of the run as (name, value), shared ones first, then the objective's: one row of a sweep table
    /// (ThreadCount is left out: it never changes the result).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Columns() =>
        [new("Objective", Objective.Name), .. SettingColumns.Of(this), .. Objective.Columns()];

    /// <summary>A one-line summary: the objective and every setting that shapes the result, by symbol ("Implicit k=128 λ=100 α=4 …").</summary>
    public override string ToString() =>
        string.Join(" ", new[] { Objective.Name }.Concat(SettingColumns.Symbols(this).Concat(SettingColumns.Symbols(Objective))
            .Where(s => s.Symbol is not ("epochs" or "validation seed" or "patience" or "stop") && !(s.Symbol == "validation users" && s.Value is 0))
            .Select(s => SettingColumns.Label(s.Symbol, SettingColumns.Format(s.Value)))));
}
