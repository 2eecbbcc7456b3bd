using LastFmMf.Training;

namespace LastFmMf.Ranking;

/// <summary>
/// Fold-in of a new listener without retraining: the objective that trained the model (its <see cref="FactorModel.Origin"/>)
/// solves the listener's vector by its own loss with the run's settings. A model without an origin folds in as a Squared
/// model with default settings.
/// </summary>
public static class FoldIn
{
    /// <summary>
    /// Folds in a listener from (artist index, play count) pairs. Pairs for the same artist are summed; play counts
    /// must be positive and finite. <paramref name="regularization"/> replaces the run's λ when given.
    /// </summary>
    public static FoldedListener Solve(FactorModel model, IReadOnlyList<(int Artist, double Plays)> listens, double? regularization = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(listens);
        if (regularization is { } l && !(l >= 0 && double.IsFinite(l)))
            throw new ArgumentOutOfRangeException(nameof(regularization), l, "Regularization must be a finite number of at least 0.");
        var merged = new SortedDictionary<int, double>();
        foreach (var (a, w) in listens)
        {
            if ((uint)a >= (uint)model.ArtistCount) throw new ArgumentOutOfRangeException(nameof(listens), a, "Artist index out of range.");
            if (!(w > 0) || !double.IsFinite(w)) throw new ArgumentOutOfRangeException(nameof(listens), w, $"Play counts must be positive numbers; artist index {a} has {w}.");
            merged[a] = merged.GetValueOrDefault(a) + w;
        }
        var artists = merged.Keys.ToArray();
        // Plays are stored as float: a count (or a sum of counts for one artist) beyond its range would become ∞.
        foreach (var (a, w) in merged)
            if (w > float.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(listens), w, $"Play counts (summed per artist) must be at most {float.MaxValue:G3}; artist index {a} has {w:G3}.");
        var plays = merged.Values.Select(v => (float)v).ToArray();
        var origin = model.Origin ?? new ModelOrigin(Hyperparameters.DefaultsFor(Objectives.WithoutOrigin), 0, 0) { FitPairs = model.Listened?.Count ?? 0 };
        return origin.Hyperparameters.Objective.Implementation.FoldIn(model, origin, artists, plays, regularization);
    }
}
