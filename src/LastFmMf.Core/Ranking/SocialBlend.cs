using LastFmMf.Data;

namespace LastFmMf.Ranking;

/// <summary>The blend weights for listeners with at most <paramref name="MaxListens"/> known listens.</summary>
/// <param name="MaxListens">The step covers listeners with more known listens than the step before it and at most this many; at least 1.</param>
/// <param name="Friends">w_f, the weight of the standardised friend score; 0 or more.</param>
/// <param name="Tags">w_t, the weight of the standardised tag score; 0 or more.</param>
public sealed record BlendStep(int MaxListens, double Friends, double Tags)
{
    public int MaxListens { get; init; } = Check.Range(MaxListens, 1, int.MaxValue, nameof(MaxListens));
    public double Friends { get; init; } = Check.Range(Friends, 0, 1e6, nameof(Friends));
    public double Tags { get; init; } = Check.Range(Tags, 0, 1e6, nameof(Tags));
}

/// <summary>
/// The gate of the blend: blend weights by the number of known listens, a step function. A listener with more known listens
/// than the last step is warm and is ranked by the model alone.
/// </summary>
public sealed record BlendWeights
{
    /// <summary>The steps, by ascending <see cref="BlendStep.MaxListens"/>.</summary>
    public IReadOnlyList<BlendStep> Steps { get; }

    public BlendWeights(IEnumerable<BlendStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Steps = steps.OrderBy(s => s.MaxListens).ToArray();
        for (int i = 1; i < Steps.Count; i++)
            if (Steps[i].MaxListens == Steps[i - 1].MaxListens) throw new ArgumentException($"Two blend steps for {Steps[i].MaxListens} listens.", nameof(steps));
    }

    /// <summary>
    /// The weights chosen on validation (docs/coldstart.md): the cold-start protocol on the Train part of the seed-42 split
    /// (split again PerUser 0.2, seed 1; 400 users), default Preference model, the best mean NDCG@10 of a grid at n = 1, 3
    /// and 10; checked on the validation carves of split seeds 7 and 2024. Beyond 10 known listens the model ranks alone.
    /// </summary>
    public static BlendWeights Default { get; } = new([new(1, 1, 1), new(3, 0.5, 2), new(10, 0.1, 1)]);

    /// <summary>No blend: every listener is ranked by the model alone.</summary>
    public static BlendWeights None { get; } = new([]);

    /// <summary>The step for a listener with <paramref name="listens"/> known listens, or null (warm: the model alone).</summary>
    public BlendStep? For(int listens)
    {
        foreach (var s in Steps) if (listens <= s.MaxListens) return s;
        return null;
    }

    /// <summary>The most known listens a listener may have and still be blended (0 when there is no step).</summary>
    public int LightLimit => Steps.Count == 0 ? 0 : Steps[^1].MaxListens;

    public bool Equals(BlendWeights? other) => other is not null && Steps.SequenceEqual(other.Steps);
    public override int GetHashCode() => Steps.Count;
    public override string ToString() => string.Join(", ", Steps.Select(s => $"n≤{s.MaxListens}: w_f={s.Friends:G3} w_t={s.Tags:G3}"));
}

/// <summary>
/// The cold-start blend: s(a) = z(model)(a) + w_f·z(friends)(a) + w_t·z(tags)(a), each signal standardised over all artists
/// for the listener (z(x) = (x − mean)/sd; a signal with sd 0, e.g. no friends, adds nothing), so that the weights mean the
/// same for every listener and every model's score scale.
/// </summary>
public static class SocialBlend
{
    /// <summary>
    /// Replaces the model's <paramref name="scores"/> by the blend for a listener with the <paramref name="known"/> listens
    /// (artist indices) and <paramref name="friends"/> (user indices), with <paramref name="step"/>'s weights.
    /// </summary>
    public static void Apply(SocialSignals social, ReadOnlySpan<int> known, ReadOnlySpan<int> friends, BlendStep step, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(social);
        ArgumentNullException.ThrowIfNull(step);
        var friendScores = new float[scores.Length];
        var tagScores = new float[scores.Length];
        bool f = step.Friends > 0 && friends.Length > 0, t = step.Tags > 0 && known.Length > 0;
        if (f)
        {
            social.FriendShare(friends, friendScores);
            f = Standardise(friendScores);
        }
        if (t)
        {
            social.TagMatch(known, tagScores);
            t = Standardise(tagScores);
        }
        // Nothing to add (no friends who play anything, no tagged listen): the model's scores stay as they are.
        if (!f && !t) return;
        Standardise(scores);
        float wf = f ? (float)step.Friends : 0, wt = t ? (float)step.Tags : 0;
        for (int i = 0; i < scores.Length; i++) scores[i] += wf * friendScores[i] + wt * tagScores[i];
    }

    /// <summary>x ← (x − mean)/sd in place; all 0 when sd is 0. Returns whether the signal varies.</summary>
    public static bool Standardise(Span<float> x)
    {
        double sum = 0, sq = 0;
        foreach (var v in x) sum += v;
        double mean = sum / Math.Max(1, x.Length);
        foreach (var v in x) sq += (v - mean) * (v - mean);
        double sd = Math.Sqrt(sq / Math.Max(1, x.Length));
        if (!(sd > 0) || !double.IsFinite(sd))
        {
            x.Clear();
            return false;
        }
        for (int i = 0; i < x.Length; i++) x[i] = (float)((x[i] - mean) / sd);
        return true;
    }
}
