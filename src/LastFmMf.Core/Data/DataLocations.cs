namespace LastFmMf.Data;

/// <summary>Which data a plain <c>Import-LastFmData</c> reads, and why.</summary>
public enum DataOrigin { Explicit, EnvironmentVariable, Cache, Bundled }

/// <summary>
/// Where the data lives when the user names no path: the LASTFMMF_DATA variable, then the cache that
/// Save-LastFmDataset fills, then the small sample bundled with the module.
/// </summary>
public static class DataLocations
{
    public const string EnvironmentVariable = "LASTFMMF_DATA";
    public const string ArchiveName = "hetrec2011-lastfm-2k.zip";
    public const string OfficialUri = "https://files.grouplens.org/datasets/hetrec2011/hetrec2011-lastfm-2k.zip";
    public const string OfficialSha256 = "6738f48195667ff03caaab4d32ca9a3133d8cc026b7c3cdaf6ce1010e913c59c";

    /// <summary>The per-user cache folder: $XDG_CACHE_HOME/LastFmMf, ~/.cache/LastFmMf, or %LOCALAPPDATA%\LastFmMf.</summary>
    public static string DefaultCacheFolder()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg)) return Path.Combine(xdg, "LastFmMf");
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "LastFmMf");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "LastFmMf");
    }

    /// <summary>The archive that Save-LastFmDataset writes into the default cache.</summary>
    public static string CachedArchive() => Path.Combine(DefaultCacheFolder(), ArchiveName);

    /// <summary>Picks the data to read when no path is given.</summary>
    public static (string Path, DataOrigin Origin) ResolveDefault(string bundledFolder)
    {
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) return (env, DataOrigin.EnvironmentVariable);
        var cached = CachedArchive();
        if (File.Exists(cached)) return (cached, DataOrigin.Cache);
        return (bundledFolder, DataOrigin.Bundled);
    }
}
