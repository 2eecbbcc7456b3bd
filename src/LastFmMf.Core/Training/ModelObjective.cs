namespace LastFmMf.Training;

/// <summary>
/// Which objective trained a model, with the settings a fold-in needs to solve a new user's factors exactly as training
/// did (<see cref="ImplicitAls.FoldIn(FactorModel, ReadOnlySpan{int}, ReadOnlySpan{float})"/>). Travels with the model.
/// </summary>
/// <param name="Objective">Squared, Bpr or Implicit.</param>
/// <param name="Regularization">λ of the run (its meaning depends on the objective; see <see cref="Hyperparameters"/>).</param>
/// <param name="Alpha">α of the Implicit confidence 1 + α·f(plays) (as set, even for the other objectives).</param>
/// <param name="Confidence">f of the Implicit confidence.</param>
/// <param name="Epsilon">ε of f = ln(1 + plays/ε).</param>
public sealed record ModelObjective(ObjectiveKind Objective, double Regularization, double Alpha, ConfidenceScaling Confidence, double Epsilon)
{
    /// <summary>What a model made without hyperparameters is taken to be: Squared.</summary>
    public static ModelObjective Squared { get; } = new(ObjectiveKind.Squared, 0, 0, ConfidenceScaling.Log, 1);

    /// <summary>The objective settings of a run.</summary>
    public static ModelObjective From(Hyperparameters hp)
    {
        ArgumentNullException.ThrowIfNull(hp);
        return new(hp.Objective, hp.Regularization, hp.Alpha, hp.Confidence, hp.Epsilon);
    }

    /// <summary>Implicit only: γ of <see cref="Hyperparameters.UnobservedWeightExponent"/> (0: every unlistened pair weighs 1).</summary>
    public double UnobservedWeightExponent { get; init; }

    /// <summary>Implicit with γ &gt; 0 only: w_a, the confidence of an unlistened pair with artist a (by dense index), from the
    /// fit listeners of each artist: w_a = (n_a + 1)^γ / mean_b (n_b + 1)^γ. Null when every unlistened pair weighs 1.</summary>
    public IReadOnlyList<double>? UnobservedWeights { get; init; }

    /// <summary>The objective settings of a run on prepared data (the unobserved weights come from the fit listens).</summary>
    public static ModelObjective For(Hyperparameters hp, TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var o = From(hp);
        if (hp.Objective != ObjectiveKind.Implicit || hp.UnobservedWeightExponent == 0) return o;
        var w = new double[data.ArtistCount];
        double sum = 0;
        for (int a = 0; a < w.Length; a++) sum += w[a] = Math.Pow(data.ArtistCounts[a] + 1.0, hp.UnobservedWeightExponent);
        double mean = sum / Math.Max(1, w.Length);
        for (int a = 0; a < w.Length; a++) w[a] /= mean;
        return o with { UnobservedWeightExponent = hp.UnobservedWeightExponent, UnobservedWeights = w };
    }

    /// <summary>The confidence of an unlistened pair with artist <paramref name="artist"/>: w_a, or 1.</summary>
    public double UnobservedWeightOf(int artist) => UnobservedWeights is null ? 1 : UnobservedWeights[artist];

    /// <summary>The Implicit confidence of a listened pair with <paramref name="plays"/> plays: 1 + α·f(plays).</summary>
    public double ConfidenceOf(double plays) => 1 + Alpha * (Confidence == ConfidenceScaling.Log ? Math.Log(1 + plays / Epsilon) : plays);
}

public sealed partial class FactorModel
{
    /// <summary>The objective that trained this model and its settings (Squared for a model made without them).</summary>
    public ModelObjective TrainedWith { get; private set; } = ModelObjective.Squared;

    /// <summary>The objective kind (flat, for tables).</summary>
    public ObjectiveKind Objective => TrainedWith.Objective;

    /// <summary>The same model (sharing its immutable arrays and context) marked as trained with <paramref name="objective"/>.</summary>
    public FactorModel WithObjective(ModelObjective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return Attach(m => m.TrainedWith = objective);
    }
}
