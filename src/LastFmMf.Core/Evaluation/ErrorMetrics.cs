using LastFmMf.Data;
using LastFmMf.Training;
using LastFmMf.Scoring;

namespace LastFmMf.Evaluation;

/// <summary>Error of one predictor on one set of listens, on the predictor's target scale. Flat, for tables.</summary>
/// <param name="Model">The predictor's name.</param>
/// <param name="Transform">The target scale.</param>
/// <param name="Count">Listens measured.</param>
/// <param name="Rmse">Root mean squared error.</param>
/// <param name="Mae">Mean absolute error.</param>
public sealed record ErrorMetrics(string Model, TransformKind Transform, int Count, double Rmse, double Mae);

/// <summary>Error measures of a predictor over a dataset's listens, each play count mapped by the predictor's transform.</summary>
public static class ErrorMeasures
{
    /// <summary>RMSE and MAE over every listen of <paramref name="data"/> (NaN when it has none).</summary>
    public static ErrorMetrics Measure(IRatingPredictor model, LastFmDataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var l = data.Listens;
        double sq = 0, abs = 0;
        for (int u = 0; u < l.UserCount; u++)
        {
            var row = l.ArtistsOf(u);
            var plays = l.PlaysOf(u);
            for (int i = 0; i < row.Length; i++)
            {
                double e = model.Transform.Apply(plays[i]) - model.Predict(u, row[i]);
                sq += e * e;
                abs += Math.Abs(e);
            }
        }
        int n = l.Count;
        return new ErrorMetrics(model.Name, model.Transform.Kind, n, n == 0 ? double.NaN : Math.Sqrt(sq / n), n == 0 ? double.NaN : abs / n);
    }

    /// <summary>RMSE over every listen of <paramref name="data"/>.</summary>
    public static double Rmse(IRatingPredictor model, LastFmDataset data) => Measure(model, data).Rmse;
}
