namespace LastFmMf.Data;

/// <summary>
/// What a dataset knows about listeners beyond their listens, indexed once for scoring: the friends graph
/// (user_friends.dat, dense indices) over the training listens, and the artists' tag profiles (user_taggedartists.dat).
/// Immutable; every score is a pure function of it and its arguments.
/// </summary>
/// <remarks>
/// <para><b>Friends.</b> The friend score of an artist is the share of the listener's friends who listen to it in the
/// training listens (a friend with no training listens still counts in the denominator: they are a friend who plays
/// nothing we know of).</para>
/// <para><b>Tags.</b> An artist's tag profile t_a counts how many assignments put each tag on it, scaled to unit length; a
/// listener's profile is Σ over their known listens j of t_j (each listen counted once, so one heavily played artist does
/// not drown the others); the tag score of artist a is the cosine of the two.</para>
/// </remarks>
public sealed class SocialSignals
{
    private readonly int[] _friendStart, _friends;          // CSR: user → friends
    private readonly Interactions _listens;
    private readonly int[] _tagStart, _tagOf;               // CSR: artist → tags (ascending tag index)
    private readonly float[] _tagWeight;                    // aligned with _tagOf, unit length per artist
    private readonly int[] _artistStart, _artistOf;         // CSR: tag → artists
    private readonly float[] _artistWeight;
    private readonly string[] _tagNames;

    private SocialSignals(int[] friendStart, int[] friends, Interactions listens, int[] tagStart, int[] tagOf, float[] tagWeight, string[] tagNames)
    {
        _friendStart = friendStart;
        _friends = friends;
        _listens = listens;
        _tagStart = tagStart;
        _tagOf = tagOf;
        _tagWeight = tagWeight;
        _tagNames = tagNames;
        // The transpose, so a listener's profile scores every artist by walking only the tags it holds.
        int tags = tagNames.Length;
        _artistStart = new int[tags + 1];
        foreach (var t in tagOf) _artistStart[t + 1]++;
        for (int t = 0; t < tags; t++) _artistStart[t + 1] += _artistStart[t];
        _artistOf = new int[tagOf.Length];
        _artistWeight = new float[tagOf.Length];
        var next = (int[])_artistStart.Clone();
        for (int a = 0; a + 1 < tagStart.Length; a++)
            for (int i = tagStart[a]; i < tagStart[a + 1]; i++)
            {
                int at = next[tagOf[i]]++;
                _artistOf[at] = a;
                _artistWeight[at] = tagWeight[i];
            }
    }

    /// <summary>
    /// Indexes the friendships and tag assignments of <paramref name="data"/> over <paramref name="listens"/> (the training
    /// listens a model knows; default the data's own). Friendships with a user outside the data, and tag assignments of artists
    /// outside it, are left out.
    /// </summary>
    public static SocialSignals From(LastFmDataset data, Interactions? listens = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        listens ??= data.Listens;
        if (listens.UserCount != data.UserCount || listens.ArtistCount != data.ArtistCount)
            throw new ArgumentException("The listens do not match the data's users and artists.", nameof(listens));
        var friendSets = new SortedSet<int>?[data.UserCount];
        foreach (var f in data.Friendships)
        {
            int u = data.Users.IndexOf(f.UserId), v = data.Users.IndexOf(f.FriendId);
            if (u < 0 || v < 0 || u == v) continue;
            // The real file lists both directions; a file that lists one still gives a symmetric graph.
            (friendSets[u] ??= []).Add(v);
            (friendSets[v] ??= []).Add(u);
        }
        var friendStart = new int[data.UserCount + 1];
        for (int u = 0; u < data.UserCount; u++) friendStart[u + 1] = friendStart[u] + (friendSets[u]?.Count ?? 0);
        var friends = friendSets.SelectMany(s => s ?? Enumerable.Empty<int>()).ToArray();

        var tagIndex = new Dictionary<int, int>();
        var names = new List<string>();
        foreach (var t in data.Tags)
            if (tagIndex.TryAdd(t.Id, names.Count)) names.Add(t.Name);
        var counts = new SortedDictionary<int, int>?[data.ArtistCount];
        foreach (var t in data.TagAssignments)
        {
            int a = t.ArtistKnown ? data.ArtistIds.IndexOf(t.ArtistId) : -1;
            if (a < 0 || !tagIndex.TryGetValue(t.TagId, out var ti)) continue;
            var c = counts[a] ??= [];
            c[ti] = c.GetValueOrDefault(ti) + 1;
        }
        var tagStart = new int[data.ArtistCount + 1];
        var tagOf = new List<int>();
        var weight = new List<float>();
        for (int a = 0; a < data.ArtistCount; a++)
        {
            if (counts[a] is { } c)
            {
                double norm = Math.Sqrt(c.Values.Sum(x => (double)x * x));
                foreach (var (t, n) in c)
                {
                    tagOf.Add(t);
                    weight.Add((float)(n / norm));
                }
            }
            tagStart[a + 1] = tagOf.Count;
        }
        return new SocialSignals(friendStart, friends, listens, tagStart, tagOf.ToArray(), weight.ToArray(), names.ToArray());
    }

    /// <summary>M, the users it knows.</summary>
    public int UserCount => _friendStart.Length - 1;

    /// <summary>N, the artists it scores.</summary>
    public int ArtistCount => _tagStart.Length - 1;

    /// <summary>The training listens the friend scores read.</summary>
    public Interactions Listens => _listens;

    /// <summary>The friends of a user of the data (dense indices, ascending).</summary>
    public ReadOnlySpan<int> FriendsOf(int user) => _friends.AsSpan(_friendStart[user], _friendStart[user + 1] - _friendStart[user]);

    /// <summary>A copy of <see cref="FriendsOf"/> as an array, for PowerShell (which cannot call methods returning spans).</summary>
    public int[] GetFriends(int user) => FriendsOf(user).ToArray();

    /// <summary>Writes the share of <paramref name="friends"/> (dense indices) who listen to each artist; all 0 without friends.</summary>
    public void FriendShare(ReadOnlySpan<int> friends, Span<float> scores)
    {
        CheckLength(scores);
        scores.Clear();
        if (friends.Length == 0) return;
        float each = 1f / friends.Length;
        foreach (var f in friends)
            foreach (var a in _listens.ArtistsOf(f)) scores[a] += each;
    }

    /// <summary>How many of <paramref name="friends"/> listen to <paramref name="artist"/>, and the first of them (−1 for none).</summary>
    public (int Count, int First) FriendsPlaying(ReadOnlySpan<int> friends, int artist)
    {
        int count = 0, first = -1;
        foreach (var f in friends)
        {
            if (!_listens.Contains(f, artist)) continue;
            if (count++ == 0) first = f;
        }
        return (count, first);
    }

    /// <summary>Writes the cosine of the tag profile of <paramref name="known"/> (artist indices) with each artist's; all 0 when
    /// none of them is tagged.</summary>
    public void TagMatch(ReadOnlySpan<int> known, Span<float> scores)
    {
        CheckLength(scores);
        scores.Clear();
        var profile = Profile(known);
        double norm = Math.Sqrt(profile.Values.Sum(x => x * x));
        if (norm == 0) return;
        foreach (var (t, w) in profile)
        {
            float x = (float)(w / norm);
            for (int i = _artistStart[t]; i < _artistStart[t + 1]; i++) scores[_artistOf[i]] += x * _artistWeight[i];
        }
    }

    /// <summary>The tag that contributes most to the match of <paramref name="artist"/> with the profile of <paramref name="known"/>
    /// (ties to the lower tag index), and the first known artist carrying it; null when they share no tag.</summary>
    public (string Tag, int Artist)? SharedTag(ReadOnlySpan<int> known, int artist)
    {
        var profile = Profile(known);
        int best = -1;
        double bestValue = 0;
        for (int i = _tagStart[artist]; i < _tagStart[artist + 1]; i++)
        {
            double v = profile.GetValueOrDefault(_tagOf[i]) * _tagWeight[i];
            if (v > bestValue) (best, bestValue) = (_tagOf[i], v);
        }
        if (best < 0) return null;
        foreach (var j in known)
            if (_tagOf.AsSpan(_tagStart[j], _tagStart[j + 1] - _tagStart[j]).BinarySearch(best) >= 0) return (_tagNames[best], j);
        return null;
    }

    private SortedDictionary<int, double> Profile(ReadOnlySpan<int> known)
    {
        var profile = new SortedDictionary<int, double>();
        foreach (var j in known)
        {
            if ((uint)j >= (uint)ArtistCount) throw new ArgumentOutOfRangeException(nameof(known), j, "Artist index out of range.");
            for (int i = _tagStart[j]; i < _tagStart[j + 1]; i++) profile[_tagOf[i]] = profile.GetValueOrDefault(_tagOf[i]) + _tagWeight[i];
        }
        return profile;
    }

    private void CheckLength(Span<float> scores)
    {
        if (scores.Length != ArtistCount) throw new ArgumentException($"scores must have {ArtistCount} entries.", nameof(scores));
    }
}
