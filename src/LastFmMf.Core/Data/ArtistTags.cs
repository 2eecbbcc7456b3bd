namespace LastFmMf.Data;

/// <summary>Each artist's most used tags, so a recommendation can say what kind of music it is.</summary>
public static class ArtistTags
{
    /// <summary>
    /// For every artist (dense index), the names of its <paramref name="count"/> most often assigned tags, most
    /// used first; ties go to the lower tag id. Artists nobody tagged get an empty array.
    /// </summary>
    public static string[][] Top(LastFmDataset data, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(data);
        var tagName = data.Tags.ToDictionary(t => t.Id, t => t.Name);
        var perArtist = new Dictionary<int, int>[data.ArtistCount];
        foreach (var t in data.TagAssignments)
        {
            if (!t.ArtistKnown) continue;
            int a = data.ArtistIds.IndexOf(t.ArtistId);
            if (a < 0 || !tagName.ContainsKey(t.TagId)) continue;
            var counts = perArtist[a] ??= [];
            counts[t.TagId] = counts.GetValueOrDefault(t.TagId) + 1;
        }
        var result = new string[data.ArtistCount][];
        for (int a = 0; a < result.Length; a++)
        {
            result[a] = perArtist[a] is { } counts
                ? counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(count).Select(kv => tagName[kv.Key]).ToArray()
                : [];
        }
        return result;
    }
}
