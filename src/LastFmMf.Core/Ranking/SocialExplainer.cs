using LastFmMf.Data;
using LastFmMf.Training;

namespace LastFmMf.Ranking;

/// <summary>
/// Why the blend recommends an artist to a light listener, in the words of the signals it added: the friends who play it
/// ("3 of your friends play Radiohead", "your friend 275 plays Radiohead") when the step weighs friends, else the tag it
/// shares with the known listens ("tagged indie, like Muse") when the step weighs tags, else "close to your friends' taste" when
/// the step weighs the friends' mean vector; then the model's own reason
/// (<see cref="Explainer"/>). Only a signal the step uses is named, so the sentence never credits what did not count.
/// </summary>
public static class SocialExplainer
{
    /// <summary>The sentence for <paramref name="artist"/>; <paramref name="modelReason"/> is the model's own (may be empty).</summary>
    public static string Sentence(FactorModel model, SocialSignals social, BlendStep step, ReadOnlySpan<int> known, ReadOnlySpan<int> friends,
        int artist, string modelReason)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(social);
        ArgumentNullException.ThrowIfNull(step);
        var parts = new List<string>();
        string name = model.Artists[artist].Name;
        if (step.Friends > 0 && social.FriendsPlaying(friends, artist) is { Count: > 0 } f)
            parts.Add(f.Count == 1 ? $"your friend {model.Users.IdOf(f.First)} plays {name}" : $"{f.Count} of your friends play {name}");
        else if (step.Tags > 0 && social.SharedTag(known, artist) is { } t)
            parts.Add($"tagged {t.Tag}, like {model.Artists[t.Artist].Name}");
        else if (step.Taste > 0 && friends.Length > 0)
            parts.Add("close to your friends' taste");
        if (modelReason.Length > 0) parts.Add(modelReason);
        return string.Join("; ", parts);
    }
}
