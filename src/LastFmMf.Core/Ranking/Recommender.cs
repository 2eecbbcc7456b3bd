using LastFmMf.Data;
using LastFmMf.Training;
using LastFmMf.Scoring;

namespace LastFmMf.Ranking;

/// <summary>One recommended artist for one listener. Flat, so Export-Csv writes it cleanly.</summary>
/// <param name="UserId">The user's id; null for a folded-in listener.</param>
/// <param name="Rank">1 for the best.</param>
/// <param name="ArtistId">The artist's id in the data.</param>
/// <param name="ArtistName">The artist's name.</param>
/// <param name="Score">The model's score r̂(u,a), on the model's target scale.</param>
/// <param name="Tags">The artist's most used tags, joined by "; ".</param>
/// <param name="Listened">Whether the listener already listens to the artist (only ever true with IncludeListened).</param>
/// <param name="Because">With Explain: "because you listen to A, B" (see <see cref="Explainer"/>); otherwise empty.</param>
public sealed record Recommendation(int? UserId, int Rank, int ArtistId, string ArtistName, double Score, string Tags, bool Listened, string Because);

/// <summary>How many to recommend and what to add.</summary>
/// <param name="Top">Artists per listener, at least 1.</param>
/// <param name="IncludeListened">Keep artists the listener already listens to.</param>
/// <param name="Explain">Fill <see cref="Recommendation.Because"/>.</param>
/// <param name="ExplainCount">Supporting artists named per explanation.</param>
/// <param name="ThreadCount">Threads over users; 0 = one per processor. The output does not depend on it.</param>
/// <param name="Social">Blend a light listener's scores with their friends and tags (<see cref="SocialBlend"/>) when the model
/// carries them (<see cref="FactorModel.Social"/>); false ranks every listener by the model alone.</param>
/// <param name="Weights">The blend's gate; default <see cref="BlendWeights.Default"/>.</param>
public sealed record RecommendOptions(int Top = 10, bool IncludeListened = false, bool Explain = false, int ExplainCount = 3, int ThreadCount = 0,
    bool Social = true, BlendWeights? Weights = null)
{
    /// <summary>The gate in use: <see cref="Weights"/> or the default.</summary>
    public BlendWeights Gate => Weights ?? BlendWeights.Default;

    internal int Threads => ThreadCount > 0 ? ThreadCount : Environment.ProcessorCount;
}

/// <summary>
/// Top-N recommendations from a factor model. Each listener's artists are scored with SIMD dot products
/// (<see cref="FactorModel.ScoreAll"/>), and the best N of the candidates are picked by partial selection
/// (<see cref="TopN.Select"/>); without IncludeListened the candidates are the artists the listener has not listened
/// to (the model's <see cref="FactorModel.Listened"/>). Users run in parallel, each result stored by position, so the
/// output is the same for any thread count. A light listener (at most <see cref="BlendWeights.LightLimit"/> listens) is ranked
/// by the cold-start blend with their friends and tags when the model carries them and <see cref="RecommendOptions.Social"/>
/// is on; its Score is then the blend's (standardised) score, and -Explain names the friends or tag behind it.
/// </summary>
public static class Recommender
{
    /// <summary>The best <paramref name="top"/> artist indices for each of the users (dense indices), excluding listened artists. For benchmarks and evaluation.</summary>
    public static int[][] TopIndices(FactorModel model, ReadOnlySpan<int> users, int top, bool includeListened = false, int threadCount = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = new int[users.Length][];
        TiledTopK.Run(model, users, includeListened ? null : model.Listened, top, threadCount, (i, best, _) => result[i] = best.ToArray());
        return result;
    }

    /// <summary>Recommendations for users given by dense index, in the order given, Rank 1..Top each.</summary>
    public static IReadOnlyList<Recommendation> ForUsers(FactorModel model, ReadOnlySpan<int> users, RecommendOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        Check(options);
        var userArray = users.ToArray();
        var perUser = new Recommendation[userArray.Length][];
        var social = options.Social && model.Social is { } s ? new SocialScorer(model, s, options.Gate) : null;
        var l = model.Listened;
        var exclude = options.IncludeListened ? null : l;
        // A listener the blend ranks needs the whole score row (the blend rescales it); everyone else goes through the
        // tiled top-K, which never holds a row.
        var blended = social is null ? [] : Enumerable.Range(0, userArray.Length).Where(i => social.StepFor(userArray[i]) is not null).ToArray();
        var plain = blended.Length == 0 ? Enumerable.Range(0, userArray.Length).ToArray() : Enumerable.Range(0, userArray.Length).Except(blended).ToArray();
        TiledTopK.Run(model, plain.Select(i => userArray[i]).ToArray(), exclude, options.Top, options.Threads, (j, best, scores) =>
        {
            int i = plain[j], u = userArray[i];
            perUser[i] = Rows(model, u, best, scores, options, null);
        });
        Parallel.For(0, blended.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Threads },
            () => (Row: new float[model.ArtistCount], Top: new int[options.Top], Scores: new float[options.Top]),
            (j, _, buf) =>
            {
                int i = blended[j], u = userArray[i];
                model.ScoreAll(u, buf.Row);
                var step = social!.StepFor(u)!;
                social.Blend(u, buf.Row);
                int got = Select(buf.Row, exclude is null ? [] : exclude.ArtistsOf(u), buf.Top, buf.Scores);
                perUser[i] = Rows(model, u, buf.Top.AsSpan(0, got), buf.Scores.AsSpan(0, got), options,
                    new Social(model.Social!, step, model.Social!.FriendsOf(u).ToArray()));
                return buf;
            },
            _ => { });
        return perUser.SelectMany(r => r).ToArray();
    }

    /// <summary>Recommendations for a folded-in listener (UserId null); with <paramref name="friends"/> (dense user indices of the
    /// model's data) and few listens, the blend with friends and tags ranks them (see <see cref="RecommendOptions.Social"/>).</summary>
    public static IReadOnlyList<Recommendation> ForListener(FactorModel model, FoldedListener listener, RecommendOptions options, IReadOnlyList<int>? friends = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(options);
        Check(options);
        var scores = new float[model.ArtistCount];
        Score(model, listener, scores);
        Social? social = null;
        if (options.Social && model.Social is { } s && options.Gate.For(listener.Artists.Length) is { } step)
        {
            var f = (friends ?? []).Distinct().Order().ToArray();
            SocialBlend.Apply(model, s, listener.Artists, f, step, scores);
            social = new Social(s, step, f);
        }
        var top = new int[options.Top];
        var topScores = new float[options.Top];
        int got = Select(scores, options.IncludeListened ? [] : listener.Artists, top, topScores);
        return Rows(model, null, listener.Artists, Array.ConvertAll(listener.Plays, p => (double)p), top.AsSpan(0, got), topScores.AsSpan(0, got), options, social);
    }

    /// <summary>What the blend used for one listener, for explanations.</summary>
    private sealed record Social(SocialSignals Signals, BlendStep Step, int[] Friends);

    /// <summary>r̂ for every artist for a folded-in listener: μ + b_u + b_a + p·q_a (or p·q_a without biases).</summary>
    public static void Score(FactorModel model, FoldedListener listener, Span<float> scores)
    {
        if (scores.Length != model.ArtistCount) throw new ArgumentException($"scores must have {model.ArtistCount} entries.", nameof(scores));
        if (listener.Vector.Length != model.Factors) throw new ArgumentException("The listener's vector does not match the model's factors.", nameof(listener));
        float offset = model.UseBiases ? (float)(model.GlobalMean + listener.Bias) : 0f;
        for (int a = 0; a < scores.Length; a++)
            scores[a] = (model.UseBiases ? offset + (float)model.ArtistBiasOf(a) : 0f) + Kernels.Dot(listener.Vector, model.ArtistVector(a));
    }

    private static void Check(RecommendOptions o)
    {
        if (o.Top < 1) throw new ArgumentOutOfRangeException(nameof(o.Top), o.Top, "Top must be at least 1.");
        if (o.ExplainCount < 0) throw new ArgumentOutOfRangeException(nameof(o.ExplainCount), o.ExplainCount, "ExplainCount must be at least 0.");
    }

    private static double[] ToDouble(ReadOnlySpan<int> plays)
    {
        var d = new double[plays.Length];
        for (int i = 0; i < d.Length; i++) d[i] = plays[i];
        return d;
    }

    /// <summary>TopN.Select on a whole row, with the scores of the chosen artists.</summary>
    private static int Select(float[] row, ReadOnlySpan<int> exclude, int[] top, float[] topScores)
    {
        int got = TopN.Select(row, exclude, top);
        for (int r = 0; r < got; r++) topScores[r] = row[top[r]];
        return got;
    }

    /// <summary>The rows of a model user (dense index <paramref name="user"/>).</summary>
    private static Recommendation[] Rows(FactorModel model, int user, ReadOnlySpan<int> top, ReadOnlySpan<float> scores, RecommendOptions o, Social? social)
    {
        var l = model.Listened;
        var history = l is null ? [] : l.ArtistsOf(user);
        // Play counts weigh the explanations only.
        double[] plays = l is null || !o.Explain ? [] : ToDouble(l.PlaysOf(user));
        return Rows(model, model.Users.IdOf(user), history, plays, top, scores, o, social);
    }

    private static Recommendation[] Rows(FactorModel model, int? userId, ReadOnlySpan<int> history, ReadOnlySpan<double> plays,
        ReadOnlySpan<int> top, ReadOnlySpan<float> scores, RecommendOptions o, Social? social)
    {
        var rows = new Recommendation[top.Length];
        var tags = model.ArtistTopTags;
        for (int r = 0; r < top.Length; r++)
        {
            int a = top[r];
            var artist = model.Artists[a];
            string because = o.Explain ? Explainer.Sentence(model, Explainer.Supporters(model, a, history, plays, o.ExplainCount)) : "";
            if (o.Explain && social is not null) because = SocialExplainer.Sentence(model, social.Signals, social.Step, history, social.Friends, a, because);
            rows[r] = new Recommendation(userId, r + 1, artist.Id, artist.Name, scores[r],
                tags is null ? "" : string.Join("; ", tags[a]), history.BinarySearch(a) >= 0, because);
        }
        return rows;
    }
}
