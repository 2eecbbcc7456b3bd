using System.Security.Cryptography;

namespace LastFmMf.Data;

/// <summary>
/// A dataset as its publisher serves it: the archive's address and name, and how to verify it — the SHA-256 of the
/// archive (HetRec, which GroupLens does not checksum, so the module pins the archive it was written against), or the
/// MD5s of the files inside that the publisher's README gives (Last.fm-360K and -1K).
/// </summary>
public sealed record PublishedDataset(DatasetFormat Format, string Uri, string ArchiveName, string? ArchiveSha256, IReadOnlyDictionary<string, string> FileMd5)
{
    /// <summary>Where Save-LastFmDataset keeps it and Import-LastFmData -Name reads it: the per-user cache folder.</summary>
    public string CachedArchive() => Path.Combine(DataLocations.DefaultCacheFolder(), ArchiveName);
}

/// <summary>The three collections the module reads, as their publishers serve them.</summary>
public static class PublishedDatasets
{
    /// <summary>HetRec 2011 (GroupLens).</summary>
    public static readonly PublishedDataset Hetrec2011 = new(DatasetFormat.Hetrec2011, DataLocations.OfficialUri, DataLocations.ArchiveName,
        DataLocations.OfficialSha256, new Dictionary<string, string>());

    /// <summary>Last.fm-360K (Òscar Celma, Music Technology Group, UPF). The README gives the MD5 of the listens file only,
    /// so the profile file is not verified.</summary>
    public static readonly PublishedDataset Lastfm360K = new(DatasetFormat.Lastfm360K,
        "http://mtg.upf.edu/static/datasets/last.fm/lastfm-dataset-360K.tar.gz", "lastfm-dataset-360K.tar.gz", null,
        new Dictionary<string, string> { [LastfmFiles.Listens360K] = "be672526eb7c69495c27ad27803148f1" });

    /// <summary>Last.fm-1K (the same publisher).</summary>
    public static readonly PublishedDataset Lastfm1K = new(DatasetFormat.Lastfm1K,
        "http://mtg.upf.edu/static/datasets/last.fm/lastfm-dataset-1K.tar.gz", "lastfm-dataset-1K.tar.gz", null,
        new Dictionary<string, string>
        {
            [LastfmFiles.Scrobbles1K] = "64747b21563e3d2aa95751e0ddc46b68",
            [LastfmFiles.Profiles1K] = "c53608b6b445db201098c1489ea497df",
        });

    public static PublishedDataset Of(DatasetFormat format) => format switch
    {
        DatasetFormat.Hetrec2011 => Hetrec2011,
        DatasetFormat.Lastfm360K => Lastfm360K,
        DatasetFormat.Lastfm1K => Lastfm1K,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a published dataset."),
    };

    /// <summary>
    /// Streams a .tar.gz and compares the MD5 of each file named in <paramref name="expected"/> (file name → MD5, hex)
    /// with the one given; null when all match, else what differs or is missing. Nothing is unpacked.
    /// </summary>
    public static string? VerifyArchive(string tarGzPath, IReadOnlyDictionary<string, string> expected, CancellationToken cancel = default)
    {
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using (var tar = new LastfmSource.TarGz(tarGzPath))
            foreach (var f in tar.Files(cancel))
            {
                using var data = f.Data;
                if (!expected.ContainsKey(f.FileName)) continue;
                using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
                var buffer = new byte[1 << 16];
                int n;
                while ((n = data.Read(buffer)) > 0)
                {
                    md5.AppendData(buffer.AsSpan(0, n));
                    cancel.ThrowIfCancellationRequested();
                }
                found[f.FileName] = Convert.ToHexStringLower(md5.GetHashAndReset());
            }
        var problems = expected
            .Select(e => !found.TryGetValue(e.Key, out var md5) ? $"{e.Key} is not in the archive"
                : string.Equals(md5, e.Value, StringComparison.OrdinalIgnoreCase) ? null : $"{e.Key} has MD5 {md5}, not {e.Value.ToLowerInvariant()}")
            .Where(p => p is not null).ToList();
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
