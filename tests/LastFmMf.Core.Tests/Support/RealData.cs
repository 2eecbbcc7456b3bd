namespace LastFmMf.Tests.Support;

/// <summary>
/// Finds the real HetRec data at ../shared/data/hetrec2011-lastfm-2k beside the repository (or at
/// LASTFMMF_REAL_DATA). On a user's clone without it, real-data tests skip and say why; under CI
/// (CI=true) its absence fails them, so a broken path can never pass silently.
/// </summary>
public static class RealData
{
    private static readonly Lazy<string?> Folder = new(Locate);
    private static readonly Lazy<LastFmMf.Data.LastFmDataset> Cached = new(() => LastFmMf.Data.HetrecReader.Read(Path!));

    /// <summary>The folder, after skipping or failing the calling test when it is absent.</summary>
    public static string Path
    {
        get
        {
            if (Folder.Value is { } p) return p;
            var why = $"The real HetRec data was not found (looked for LASTFMMF_REAL_DATA and ../shared/data/hetrec2011-lastfm-2k above {AppContext.BaseDirectory}).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException(why + " CI=true, so this is a failure, not a skip.");
            throw new Xunit.SkipException(why);
        }
    }

    /// <summary>The real dataset, read once per test run.</summary>
    public static LastFmMf.Data.LastFmDataset Dataset { get { _ = Path; return Cached.Value; } }

    private static string? Locate()
    {
        var env = Environment.GetEnvironmentVariable("LASTFMMF_REAL_DATA");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? env : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "LastFmMf.sln"))) continue;
            var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data", "hetrec2011-lastfm-2k"));
            return Directory.Exists(candidate) ? candidate : null;
        }
        return null;
    }
}
