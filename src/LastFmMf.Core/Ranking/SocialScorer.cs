using LastFmMf.Data;
using LastFmMf.Scoring;
using LastFmMf.Training;

namespace LastFmMf.Ranking;

/// <summary>
/// A model's scores with the cold-start blend for its light users: a user with at most <see cref="BlendWeights.LightLimit"/>
/// training listens (the model's <see cref="FactorModel.Listened"/>) is ranked by <see cref="SocialBlend"/> of the model's
/// scores, the user's friends and the tag profile of their listens; every other user by the model alone.
/// </summary>
public sealed class SocialScorer : IArtistScorer
{
    private readonly FactorModel _model;
    private readonly SocialSignals _social;
    private readonly BlendWeights _weights;
    private readonly Interactions _listened;

    public SocialScorer(FactorModel model, SocialSignals social, BlendWeights weights)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(social);
        ArgumentNullException.ThrowIfNull(weights);
        if (social.UserCount != model.UserCount || social.ArtistCount != model.ArtistCount)
            throw new ArgumentException("The social signals do not match the model's users and artists.", nameof(social));
        _model = model;
        _social = social;
        _weights = weights;
        _listened = model.Listened ?? social.Listens;
    }

    public string Name => _model.Name + " + friends, tags";
    public int ArtistCount => _model.ArtistCount;

    /// <summary>The blend step a user gets, or null (warm, or no step).</summary>
    public BlendStep? StepFor(int user) => _weights.For(_listened.RowLength(user));

    public void ScoreAll(int user, Span<float> scores)
    {
        _model.ScoreAll(user, scores);
        Blend(user, scores);
    }

    /// <summary>Blends the model's scores of <paramref name="user"/> in place when the user is light.</summary>
    internal void Blend(int user, Span<float> scores)
    {
        if (StepFor(user) is { } step) SocialBlend.Apply(_model, _social, _listened.ArtistsOf(user), _social.FriendsOf(user), step, scores);
    }
}
