using LastFmMf.Data;
using LastFmMf.Scoring;
using LastFmMf.Training;

namespace LastFmMf.Ranking;

/// <summary>The blend weights for listeners with at most <paramref name="MaxListens"/> known listens.</summary>
/// <param name="MaxListens">The step covers listeners with more known listens than the step before it and at most this many; at least 1.</param>
/// <param name="Friends">w_f, the weight of the standardised friend score (the share of friends who play the artist); 0 or more.</param>
/// <param name="Tags">w_t, the weight of the standardised tag score; 0 or more.</param>
/// <param name="Taste">w_v, the weight of the standardised friends' taste score (the mean of the friends' vectors, times q_a); 0 or more.</param>
public sealed record BlendStep(int MaxListens, double Friends, double Tags, double Taste = 0)
{
    public int MaxListens { get; init; } = Check.Range(MaxListens, 1, int.MaxValue, nameof(MaxListens));
    public double Friends { get; init; } = Check.Range(Friends, 0, 1e6, nameof(Friends));
    public double Tags { get; init; } = Check.Range(Tags, 0, 1e6, nameof(Tags));
    public double Taste { get; init; } = Check.Range(Taste, 0, 1e6, nameof(Taste));

    public override string ToString() => $"w_f={Friends:G3}, w_t={Tags:G3}, w_v={Taste:G3}";
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
    /// (split again PerUser 0.2, seed 1; 400 users, seed 1), default Preference model, the best NDCG@10 of a grid at n = 1, 3
    /// and 10; checked on the validation carves of split seeds 7 and 2024. Beyond 10 known listens the model ranks alone.
    /// </summary>
    public static BlendWeights Default { get; } = new([new(1, 0.1, 2, 8), new(3, 0.25, 2, 1), new(10, 0.1, 1, 0.25)]);

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
    public override string ToString() => string.Join("; ", Steps.Select(s => $"n≤{s.MaxListens}: {s}"));
}

/// <summary>A listener's side signals, each standardised over all artists (all 0 when it does not vary).</summary>
/// <param name="Friends">z of the share of the friends who play each artist.</param>
/// <param name="Tags">z of the cosine of the known listens' tag profile with each artist's.</param>
/// <param name="Taste">z of p̄·q_a, p̄ the mean vector of the friends with training listens.</param>
public sealed record SideSignals(float[] Friends, float[] Tags, float[] Taste)
{
    internal bool HasFriends { get; init; }
    internal bool HasTags { get; init; }
    internal bool HasTaste { get; init; }

    /// <summary>Whether <paramref name="step"/> adds anything for this listener.</summary>
    public bool AddsTo(BlendStep step) => (HasFriends && step.Friends > 0) || (HasTags && step.Tags > 0) || (HasTaste && step.Taste > 0);
}

/// <summary>
/// The cold-start blend: s(a) = z(model)(a) + w_f·z(friends)(a) + w_t·z(tags)(a) + w_v·z(taste)(a), each signal standardised
/// over all artists for the listener (z(x) = (x − mean)/sd; a signal with sd 0, e.g. no friends, adds nothing), so that the
/// weights mean the same for every listener and every model's score scale. friends(a) is the share of the listener's friends
/// who play a; tags(a) the tag match of a with the known listens (<see cref="SocialSignals"/>); taste(a) = p̄·q_a with p̄ the
/// mean of the friends' trained vectors — the friends' taste through the model, which reaches artists no friend plays (a
/// fold-in-time cousin of SocialMF's pull of a user's factors toward their friends').
/// </summary>
public static class SocialBlend
{
    /// <summary>The side signals of a listener with the <paramref name="known"/> listens and <paramref name="friends"/> (user indices).</summary>
    public static SideSignals Signals(FactorModel model, SocialSignals social, ReadOnlySpan<int> known, ReadOnlySpan<int> friends)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(social);
        int n = model.ArtistCount;
        var f = new float[n];
        var t = new float[n];
        var v = new float[n];
        social.FriendShare(friends, f);
        social.TagMatch(known, t);
        // The friends' mean vector; friends the model has no listens for have no trained vector and are left out.
        var mean = new float[model.Factors];
        int counted = 0;
        foreach (var u in friends)
        {
            if (social.Listens.RowLength(u) == 0) continue;
            var p = model.UserVector(u);
            for (int j = 0; j < mean.Length; j++) mean[j] += p[j];
            counted++;
        }
        if (counted > 0)
        {
            for (int j = 0; j < mean.Length; j++) mean[j] /= counted;
            for (int a = 0; a < n; a++) v[a] = Kernels.Dot(mean, model.ArtistVector(a));
        }
        return new SideSignals(f, t, v) { HasFriends = Standardise(f), HasTags = Standardise(t), HasTaste = counted > 0 && Standardise(v) };
    }

    /// <summary>
    /// Replaces the model's <paramref name="scores"/> by the blend with <paramref name="signals"/> and <paramref name="step"/>'s
    /// weights; leaves them as they are when the step adds nothing for this listener.
    /// </summary>
    public static void Apply(SideSignals signals, BlendStep step, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(step);
        if (!signals.AddsTo(step)) return;
        Standardise(scores);
        float wf = (float)step.Friends, wt = (float)step.Tags, wv = (float)step.Taste;
        for (int i = 0; i < scores.Length; i++) scores[i] += wf * signals.Friends[i] + wt * signals.Tags[i] + wv * signals.Taste[i];
    }

    /// <summary>Blends in place for a listener with the <paramref name="known"/> listens and <paramref name="friends"/>.</summary>
    public static void Apply(FactorModel model, SocialSignals social, ReadOnlySpan<int> known, ReadOnlySpan<int> friends, BlendStep step, Span<float> scores) =>
        Apply(Signals(model, social, known, friends), step, scores);

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
