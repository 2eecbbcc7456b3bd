using LastFmMf.Data;
using LastFmMf.Evaluation;
using LastFmMf.Scoring;

namespace LastFmMf.Training;

/// <summary>
/// A trained (or initial) factor model, immutable: r̂(u,a) = μ + b_u + b_a + p_u·q_a, or p_u·q_a without biases, on the
/// scale of <see cref="Transform"/>. Factors are contiguous row-major float matrices (M×k users, N×k artists); the arrays
/// are never changed after construction (training makes new ones). It carries the id maps and artists of the data it
/// was trained on, so it can name what it predicts.
/// </summary>
public sealed partial class FactorModel : IRatingPredictor, LastFmMf.Scoring.IArtistScorer
{
    internal readonly float[] UserFactors;
    internal readonly float[] ArtistFactors;
    internal readonly float[] UserBias;
    internal readonly float[] ArtistBias;

    internal FactorModel(int factors, float[] userFactors, float[] artistFactors, float[] userBias, float[] artistBias,
        float globalMean, bool useBiases, TargetTransform transform, IdMap users, IdMap artistIds, IReadOnlyList<Artist> artists)
    {
        if (userFactors.Length != users.Count * factors || artistFactors.Length != artistIds.Count * factors)
            throw new ArgumentException("Factor matrices do not match the number of users, artists and factors.");
        if (userBias.Length != users.Count || artistBias.Length != artistIds.Count)
            throw new ArgumentException("Bias vectors do not match the number of users and artists.");
        Factors = factors;
        UserFactors = userFactors;
        ArtistFactors = artistFactors;
        UserBias = userBias;
        ArtistBias = artistBias;
        GlobalMeanF = globalMean;
        UseBiases = useBiases;
        Transform = transform;
        Users = users;
        ArtistIds = artistIds;
        Artists = artists;
    }

    /// <summary>
    /// A model from its parts (e.g. read from a model file). The arrays are copied, so the model stays immutable.
    /// Factor matrices are row-major: users × <paramref name="factors"/> and artists × <paramref name="factors"/>.
    /// </summary>
    public static FactorModel FromArrays(int factors, float[] userFactors, float[] artistFactors, float[] userBias, float[] artistBias,
        double globalMean, bool useBiases, TargetTransform transform, IdMap users, IdMap artistIds, IReadOnlyList<Artist> artists)
    {
        ArgumentNullException.ThrowIfNull(userFactors);
        ArgumentNullException.ThrowIfNull(artistFactors);
        ArgumentNullException.ThrowIfNull(userBias);
        ArgumentNullException.ThrowIfNull(artistBias);
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(artistIds);
        ArgumentNullException.ThrowIfNull(artists);
        Check.Range(factors, 1, 1024, "Factors");
        return new FactorModel(factors, (float[])userFactors.Clone(), (float[])artistFactors.Clone(), (float[])userBias.Clone(),
            (float[])artistBias.Clone(), (float)globalMean, useBiases, transform, users, artistIds, artists);
    }

    internal readonly float GlobalMeanF;

    private double[]? _userGram, _artistGram;
    private LastFmMf.Data.ArtistLookup? _artistLookup;

    /// <summary>
    /// Resolves artist names and ids for this model's artists, built once on first use (the model never changes, so
    /// neither does the lookup): every cmdlet and the tab completer share it.
    /// </summary>
    public LastFmMf.Data.ArtistLookup GetArtistLookup() => _artistLookup ??= new LastFmMf.Data.ArtistLookup(Artists, ArtistIds);

    /// <summary>PᵀP (k×k, double), computed once on first use; a pure function of the immutable factors.</summary>
    internal double[] UserGram => _userGram ??= Gram.Of(UserFactors, UserCount, Factors);

    /// <summary>Computes <see cref="UserGram"/> and <see cref="ArtistGram"/> now on up to <paramref name="threads"/> threads
    /// (the same bits as on first use; chunked sums do not depend on the thread count).</summary>
    internal FactorModel WithGramsOn(int threads)
    {
        _userGram ??= Gram.Of(UserFactors, UserCount, Factors, threads);
        _artistGram ??= Gram.Of(ArtistFactors, ArtistCount, Factors, threads);
        return this;
    }

    /// <summary>QᵀQ (k×k, double), computed once on first use.</summary>
    internal double[] ArtistGram => _artistGram ??= Gram.Of(ArtistFactors, ArtistCount, Factors);

    /// <inheritdoc/>
    public string Name => Objective;

    /// <summary>The objective that trained the model (its <see cref="Origin"/>); a model made without one counts as Squared.</summary>
    public string Objective => Origin?.Objective ?? Objectives.WithoutOrigin;

    /// <summary>The fingerprint of the model's id maps (<see cref="DataFingerprint"/>): data with another one indexes other users or artists.</summary>
    public string DataFingerprint => _fingerprint ??= LastFmMf.Data.DataFingerprint.Of(Users, ArtistIds);

    private string? _fingerprint;

    /// <summary>k, the number of latent factors.</summary>
    public int Factors { get; }

    /// <summary>M, the number of users.</summary>
    public int UserCount => Users.Count;

    /// <summary>N, the number of artists.</summary>
    public int ArtistCount => ArtistIds.Count;

    /// <summary>μ, the mean training target (0 without biases).</summary>
    public double GlobalMean => GlobalMeanF;

    /// <summary>Whether μ, b_u and b_a are part of the prediction.</summary>
    public bool UseBiases { get; }

    /// <summary>How play counts were turned into targets; predictions are on this scale.</summary>
    public TargetTransform Transform { get; }

    /// <summary>The transform's kind (flat, for tables).</summary>
    public TransformKind TransformKind => Transform.Kind;

    /// <summary>User ids by dense index.</summary>
    public IdMap Users { get; }

    /// <summary>Artist ids by dense index.</summary>
    public IdMap ArtistIds { get; }

    /// <summary>Artists by dense index (names, urls).</summary>
    public IReadOnlyList<Artist> Artists { get; }

    /// <summary>
    /// What the users of the training data listened to (fit and validation listens), or null for an intermediate
    /// model. Recommendations leave these artists out, and evaluation does not count them as candidates.
    /// </summary>
    public Interactions? Listened { get; private set; }

    /// <summary>The most used tags of each artist (dense index) in the training data, or null when not attached.</summary>
    public IReadOnlyList<string[]>? ArtistTopTags { get; private set; }

    /// <summary>What made this model — its objective, settings and epochs — when it came out of a training run or a model
    /// file saved from one; null otherwise (such a model folds in as a Squared one with default settings).</summary>
    public ModelOrigin? Origin { get; private set; }

    /// <summary>The same model (sharing its immutable arrays) with the training listens and artist tags attached.</summary>
    public FactorModel WithContext(Interactions listened, IReadOnlyList<string[]> artistTopTags)
    {
        ArgumentNullException.ThrowIfNull(listened);
        ArgumentNullException.ThrowIfNull(artistTopTags);
        if (listened.UserCount != UserCount || listened.ArtistCount != ArtistCount || artistTopTags.Count != ArtistCount)
            throw new ArgumentException("The listens and tags do not match the model's users and artists.");
        return Attach(m =>
        {
            m.Listened = listened;
            m.ArtistTopTags = artistTopTags;
        });
    }

    /// <summary>The friends graph and tag profiles of the training data over its listens (for the cold-start blend), or null
    /// (a model read from a file: they are not saved).</summary>
    public SocialSignals? Social { get; private set; }

    /// <summary>The same model (sharing its immutable arrays and context) with the training data's friends and tags attached.</summary>
    public FactorModel WithSocial(SocialSignals social)
    {
        ArgumentNullException.ThrowIfNull(social);
        if (social.UserCount != UserCount || social.ArtistCount != ArtistCount)
            throw new ArgumentException("The social signals do not match the model's users and artists.", nameof(social));
        return Attach(m => m.Social = social);
    }

    /// <summary>The same model (sharing its immutable arrays and context) marked with what made it.</summary>
    public FactorModel WithOrigin(ModelOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return Attach(m => m.Origin = origin);
    }

    /// <summary>
    /// A model with new factors and biases and this one's shape, transform and id maps, and nothing attached: the next
    /// state of a training epoch.
    /// </summary>
    internal FactorModel With(float[] userFactors, float[] artistFactors, float[] userBias, float[] artistBias) =>
        new(Factors, userFactors, artistFactors, userBias, artistBias, GlobalMeanF, UseBiases, Transform, Users, ArtistIds, Artists);

    /// <summary>
    /// A shallow copy — sharing the immutable factor arrays, everything already attached, and any Gram matrix already
    /// computed from the same factors — changed by <paramref name="set"/> before anyone else can see it. The one way
    /// the With… methods make a model, so none of them can forget to carry over what another attached.
    /// </summary>
    private FactorModel Attach(Action<FactorModel> set)
    {
        var copy = (FactorModel)MemberwiseClone();
        set(copy);
        return copy;
    }

    /// <summary>p_u, the factors of a user.</summary>
    public ReadOnlySpan<float> UserVector(int user) => UserFactors.AsSpan(user * Factors, Factors);

    /// <summary>q_a, the factors of an artist.</summary>
    public ReadOnlySpan<float> ArtistVector(int artist) => ArtistFactors.AsSpan(artist * Factors, Factors);

    /// <summary>b_u (0 without biases).</summary>
    public double UserBiasOf(int user) => UserBias[user];

    /// <summary>b_a (0 without biases).</summary>
    public double ArtistBiasOf(int artist) => ArtistBias[artist];

    /// <summary>A copy of the M×k user factor matrix, row-major.</summary>
    public float[] CopyUserFactors() => (float[])UserFactors.Clone();

    /// <summary>A copy of the N×k artist factor matrix, row-major.</summary>
    public float[] CopyArtistFactors() => (float[])ArtistFactors.Clone();

    /// <summary>A copy of the user biases.</summary>
    public float[] CopyUserBiases() => (float[])UserBias.Clone();

    /// <summary>A copy of the artist biases.</summary>
    public float[] CopyArtistBiases() => (float[])ArtistBias.Clone();

    /// <summary>r̂(u,a) on the target scale, for dense indices.</summary>
    public double Predict(int user, int artist)
    {
        double dot = Kernels.Dot(UserFactors.AsSpan(user * Factors, Factors), ArtistFactors.AsSpan(artist * Factors, Factors));
        return UseBiases ? GlobalMeanF + UserBias[user] + ArtistBias[artist] + dot : dot;
    }

    /// <summary>r̂(u,a) for every artist a (the ranking score of <see cref="LastFmMf.Scoring.IArtistScorer"/>), by SIMD dot products over the contiguous artist rows.</summary>
    public unsafe void ScoreAll(int user, Span<float> scores)
    {
        if (scores.Length != ArtistCount) throw new ArgumentException($"scores must have {ArtistCount} entries.", nameof(scores));
        int k = Factors;
        float offset = UseBiases ? GlobalMeanF + UserBias[user] : 0f;
        fixed (float* p = &UserFactors[user * k], q = ArtistFactors)
        {
            for (int a = 0; a < scores.Length; a++)
                scores[a] = (UseBiases ? offset + ArtistBias[a] : 0f) + Kernels.Dot(p, q + (long)a * k, k);
        }
    }

    /// <summary>r̂(u,a) turned back into a play count by the inverse transform.</summary>
    public double PredictPlays(int user, int artist) => Transform.Invert(Predict(user, artist));

    public override string ToString() => $"{Objective} model: k={Factors}, {UserCount:N0} users, {ArtistCount:N0} artists, {(UseBiases ? "biased" : "plain")}, {Transform.Kind}";
}
