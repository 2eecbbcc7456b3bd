using System.Globalization;
using LastFmMf.Training;
using MathNet.Numerics.LinearAlgebra;

namespace LastFmMf.Charts;

/// <summary>Artist embedding norm against number of listeners, per artist with at least one training listener.</summary>
/// <param name="Title">What was trained on what.</param>
/// <param name="Artists">Dense artist indices of the points.</param>
/// <param name="Names">Artist names of the points.</param>
/// <param name="Listeners">Distinct training listeners of each point's artist (x, drawn on a log axis).</param>
/// <param name="Norms">‖q_a‖, the Euclidean norm of each point's artist factors (y).</param>
/// <param name="SpearmanRho">Rank correlation of listeners and norm over the points.</param>
/// <param name="Labelled">Positions (into the point arrays) of the most listened artists whose labels do not overlap, to label by name.</param>
/// <param name="Excluded">Artists left out because no training listen reached them (their factors are never trained).</param>
public sealed record NormChart(string Title, int[] Artists, string[] Names, int[] Listeners, double[] Norms, double SpearmanRho,
    int[] Labelled, int Excluded);

/// <summary>A 2-D PCA projection of artist embeddings, coloured by tag.</summary>
/// <param name="Title">What was trained on what.</param>
/// <param name="Artists">Dense artist indices of the points.</param>
/// <param name="Names">Artist names.</param>
/// <param name="X">Coordinate on the first principal axis.</param>
/// <param name="Y">Coordinate on the second principal axis.</param>
/// <param name="ExplainedVariance">Share of the total variance of the centred embeddings explained by each principal axis, largest first (all k of them; sums to 1).</param>
/// <param name="Groups">The colour groups: the most frequent tags (each artist's top tags counted), then "other" and "untagged" when used.</param>
/// <param name="Group">Index into <paramref name="Groups"/> of each point.</param>
/// <param name="Labelled">Positions of the most listened artists whose labels do not overlap, to label by name.</param>
public sealed record ArtistMapChart(string Title, int[] Artists, string[] Names, double[] X, double[] Y, double[] ExplainedVariance,
    string[] Groups, int[] Group, int[] Labelled);

/// <summary>Chart data of a model's artist embeddings.</summary>
public static class EmbeddingCharts
{
    /// <summary>
    /// ‖q_a‖ against the number of distinct training listeners for every artist with at least one (the course's "embedding
    /// norm by popularity"); <paramref name="labelCount"/> most listened artists are marked for labels.
    /// </summary>
    public static NormChart NormByPopularity(FactorModel model, int labelCount = 8, string? about = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var listeners = ListenersOf(model);
        var artists = Enumerable.Range(0, model.ArtistCount).Where(a => listeners[a] > 0).ToArray();
        var norms = artists.Select(a => Norm(model.ArtistVector(a))).ToArray();
        var counts = artists.Select(a => listeners[a]).ToArray();
        double rho = Spearman(counts.Select(c => (double)c).ToArray(), norms);
        var names = artists.Select(a => model.Artists[a].Name).ToArray();
        // Labels are placed on the drawn (log) axis.
        var logListeners = counts.Select(c => Math.Log10(c)).ToArray();
        return new NormChart(
            $"Artist embedding norm by popularity: {about ?? Describe(model)}",
            artists, names, counts, norms, rho,
            ChartLabels.Spread(MostListened(counts), logListeners, norms, names, labelCount), model.ArtistCount - artists.Length);
    }

    /// <summary>
    /// The artists with at least <paramref name="minListeners"/> training listeners, projected on the first two principal axes
    /// of their centred factor vectors. PCA by MathNet.Numerics: the SVD of the k×k scatter matrix XᵀX of the centred N×k matrix
    /// X gives the axes (right singular vectors of X) and the variances (singular values of XᵀX = squared singular values of X);
    /// each axis is signed so that its largest loading is positive. With <paramref name="normalize"/> every vector is first
    /// scaled to unit length, so the map shows directions (what cosine similarity compares) rather than popularity-driven norms. Points are coloured by the first of each artist's top tags
    /// that is among the <paramref name="groupCount"/> tags most often found in the plotted artists' top tags.
    /// </summary>
    public static ArtistMapChart ArtistMap(FactorModel model, int minListeners = 5, int groupCount = 8, int labelCount = 15, string? about = null,
        bool normalize = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        var listeners = ListenersOf(model);
        int threshold = Math.Max(1, minListeners);
        var artists = Enumerable.Range(0, model.ArtistCount).Where(a => listeners[a] >= threshold).ToArray();
        if (artists.Length < 3)
            throw new ArgumentException($"Only {artists.Length} artists have at least {threshold} training listeners; a map needs 3 or more (lower MinListeners).", nameof(minListeners));
        var (x, y, explained) = Project(model, artists, normalize);

        var tags = model.ArtistTopTags;
        string[][] top = artists.Select(a => tags is null ? [] : tags[a]).ToArray();
        var common = top.SelectMany(t => t).GroupBy(t => t, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(Math.Max(0, groupCount)).Select(g => g.Key).ToList();
        var groups = new List<string>(common);
        var group = new int[artists.Length];
        for (int i = 0; i < artists.Length; i++)
        {
            int g = -1;
            foreach (var t in top[i]) { g = common.IndexOf(t); if (g >= 0) break; }
            group[i] = g >= 0 ? g : GroupIndex(groups, top[i].Length == 0 ? "untagged" : "other");
        }
        var counts = artists.Select(a => listeners[a]).ToArray();
        var names = artists.Select(a => model.Artists[a].Name).ToArray();
        return new ArtistMapChart(
            $"Artist map (PCA of {(normalize ? "unit-length " : "")}{model.Factors}-d embeddings, {artists.Length:N0} artists with ≥{threshold} listeners): {about ?? Describe(model)}",
            artists, names, x, y, explained, groups.ToArray(), group,
            ChartLabels.Spread(MostListened(counts), x, y, names, labelCount));
    }

    private static int GroupIndex(List<string> groups, string name)
    {
        int i = groups.IndexOf(name);
        if (i >= 0) return i;
        groups.Add(name);
        return groups.Count - 1;
    }

    /// <summary>Coordinates on the first two principal axes and the explained-variance share of every axis.</summary>
    internal static (double[] X, double[] Y, double[] Explained) Project(FactorModel model, int[] artists, bool normalize)
    {
        int k = model.Factors, n = artists.Length;
        var data = Matrix<double>.Build.Dense(n, k, (i, j) => model.ArtistVector(artists[i])[j]);
        // MathNet's SVD of a matrix with NaN or ∞ throws NonConvergenceException, which says nothing of the cause.
        if (data.Enumerate().FirstOrDefault(v => !double.IsFinite(v), 0) is var bad && !double.IsFinite(bad))
            throw new ArgumentException($"The model's artist factors hold {bad}; a map needs finite factors (retrain the model).", nameof(model));
        if (normalize)
            for (int i = 0; i < n; i++)
            {
                double norm = data.Row(i).L2Norm();
                if (norm > 0) data.SetRow(i, data.Row(i) / norm);
            }
        var mean = data.ColumnSums() / n;
        for (int i = 0; i < n; i++) data.SetRow(i, data.Row(i) - mean);
        var svd = (data.TransposeThisAndMultiply(data)).Svd(computeVectors: true);
        var variances = svd.S.ToArray();                  // eigenvalues of XᵀX, descending
        double total = variances.Sum();
        var explained = variances.Select(v => total > 0 ? v / total : 0).ToArray();
        var axes = svd.U;                                   // k×k, columns = principal axes
        var coords = new double[2][];
        for (int c = 0; c < 2; c++)
        {
            var axis = c < k ? axes.Column(c) : Vector<double>.Build.Dense(k);
            int largest = axis.AbsoluteMaximumIndex();
            if (c < k && axis[largest] < 0) axis = -axis;
            coords[c] = (data * axis).ToArray();
        }
        return (coords[0], coords[1], explained);
    }

    /// <summary>"BiasedMF k=64 (Log)".</summary>
    internal static string Describe(FactorModel model) => $"{model.Name} k={model.Factors} ({model.TransformKind})";

    private static int[] ListenersOf(FactorModel model) =>
        model.Listened?.ListenerCounts()
        ?? throw new ArgumentException("The model carries no training listens (an intermediate model); use the model of a TrainingRun or a model file.", nameof(model));

    /// <summary>‖v‖₂ in double precision.</summary>
    public static double Norm(ReadOnlySpan<float> v)
    {
        double s = 0;
        foreach (var x in v) s += (double)x * x;
        return Math.Sqrt(s);
    }

    /// <summary>Positions by listeners, most first (ties by position): the order in which points are offered a label.</summary>
    private static IEnumerable<int> MostListened(int[] counts) =>
        Enumerable.Range(0, counts.Length).OrderByDescending(i => counts[i]).ThenBy(i => i);

    /// <summary>Spearman's rank correlation (average ranks for ties); NaN with fewer than two points.</summary>
    public static double Spearman(double[] a, double[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException("Both samples must have the same length.");
        if (a.Length < 2) return double.NaN;
        return MathNet.Numerics.Statistics.Correlation.Spearman(a, b);
    }

    internal static string N0(int v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
