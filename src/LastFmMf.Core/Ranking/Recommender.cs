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
        var userArray = users.ToArray();
        var result = new int[userArray.Length][];
        var listened = includeListened ? null : model.Listened;
        ForBlocks(model, userArray, threadCount, () => new int[top], (i, u, scores, buf) =>
        {
            int got = TopN.Select(scores, listened is null ? [] : listened.ArtistsOf(u), buf);
            result[i] = buf[..got];
        });
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
        ForBlocks(model, userArray, options.Threads, () => new int[options.Top], (i, u, scores, buf) =>
        {
            var l = model.Listened;
            var history = l is null ? [] : l.ArtistsOf(u);
            // Play counts weigh the explanations only.
            double[] plays = l is null || !options.Explain ? [] : ToDouble(l.PlaysOf(u));
            var step = social?.StepFor(u);
            if (step is not null) social!.Blend(u, scores);
            perUser[i] = Rows(model, model.Users.IdOf(u), scores, history, plays, buf, options,
                step is null ? null : new Social(model.Social!, step, model.Social!.FriendsOf(u).ToArray()));
        });
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
        return Rows(model, null, scores, listener.Artists, Array.ConvertAll(listener.Plays, p => (double)p), new int[options.Top], options, social);
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

    private delegate void UserAction<T>(int position, int user, float[] scores, T buffer);

    /// <summary>
    /// Runs <paramref name="action"/> for every user with that user's scores, scoring blocks of four users at once
    /// (<see cref="BlockScores"/>), blocks in parallel. Each call writes only its own position, so the result does not
    /// depend on the thread count.
    /// </summary>
    private static void ForBlocks<T>(FactorModel model, int[] users, int threadCount, Func<T> buffer, UserAction<T> action)
    {
        int n = model.ArtistCount, blocks = (users.Length + BlockScores.Block - 1) / BlockScores.Block;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threadCount > 0 ? threadCount : Environment.ProcessorCount },
            () => (Block: new float[BlockScores.Block * n], Row: new float[n], Buffer: buffer()),
            (b, _, local) =>
            {
                int start = b * BlockScores.Block, count = Math.Min(BlockScores.Block, users.Length - start);
                BlockScores.Score(model, users.AsSpan(start, count), local.Block);
                for (int j = 0; j < count; j++)
                {
                    Array.Copy(local.Block, j * n, local.Row, 0, n);
                    action(start + j, users[start + j], local.Row, local.Buffer);
                }
                return local;
            },
            _ => { });
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

    private static Recommendation[] Rows(FactorModel model, int? userId, float[] scores, ReadOnlySpan<int> history, ReadOnlySpan<double> plays,
        int[] top, RecommendOptions o, Social? social)
    {
        int got = TopN.Select(scores, o.IncludeListened ? [] : history, top);
        var rows = new Recommendation[got];
        var tags = model.ArtistTopTags;
        for (int r = 0; r < got; r++)
        {
            int a = top[r];
            var artist = model.Artists[a];
            string because = o.Explain ? Explainer.Sentence(model, Explainer.Supporters(model, a, history, plays, o.ExplainCount)) : "";
            if (o.Explain && social is not null) because = SocialExplainer.Sentence(model, social.Signals, social.Step, history, social.Friends, a, because);
            rows[r] = new Recommendation(userId, r + 1, artist.Id, artist.Name, scores[a],
                tags is null ? "" : string.Join("; ", tags[a]), history.BinarySearch(a) >= 0, because);
        }
        return rows;
    }
}
