namespace LastFmMf.Tests.Support;

/// <summary>The repository root, found by walking up from the test binaries to LastFmMf.sln, so tests can
/// compare committed files (data/sample) wherever the repository is cloned.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Folder = new(Locate);

    public static string Path => Folder.Value;

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "LastFmMf.sln"))) return dir.FullName;
        throw new InvalidOperationException($"LastFmMf.sln was not found above {AppContext.BaseDirectory}; the tests must run inside the repository.");
    }
}
