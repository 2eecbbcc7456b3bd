namespace LastFmMf.Training;

/// <summary>A listener who is not in the model: a vector against the model's fixed artist factors, and a bias.</summary>
/// <param name="Vector">p, length k.</param>
/// <param name="Bias">b_u (0 for a model without user biases).</param>
/// <param name="Artists">The listened artists (dense indices, ascending), which recommendations leave out.</param>
/// <param name="Plays">Their play counts, aligned with <paramref name="Artists"/>.</param>
public sealed record FoldedListener(float[] Vector, double Bias, int[] Artists, float[] Plays);
