namespace LastFmMf.Tests.Support;

/// <summary>
/// A minimal valid HetRec folder in a temp directory (3 artists, 2 users), with any file replaced on demand,
/// so each bad-input test changes exactly one thing.
/// </summary>
public sealed class TempHetrecFolder : IDisposable
{
    public static readonly IReadOnlyDictionary<string, string> Valid = new Dictionary<string, string>
    {
        ["artists.dat"] = "id\tname\turl\tpictureURL\n1\tAlpha\thttp://a/1\thttp://p/1\n2\tBéta \"B\"\thttp://a/2\t\n5\tGamma\thttp://a/5\thttp://p/5\n",
        ["tags.dat"] = "tagID\ttagValue\r\n1\trock\r\n2\tjazz\r\n",
        ["user_artists.dat"] = "userID\tartistID\tweight\r\n2\t1\t10\r\n2\t2\t3\r\n7\t5\t100\r\n7\t1\t1\r\n",
        ["user_friends.dat"] = "userID\tfriendID\r\n2\t7\r\n7\t2\r\n",
        ["user_taggedartists.dat"] = "userID\tartistID\ttagID\tday\tmonth\tyear\r\n2\t1\t1\t1\t4\t2009\r\n7\t99\t2\t29\t2\t2008\r\n",
    };

    public string Path { get; } = Directory.CreateTempSubdirectory("lastfmmf-").FullName;

    public TempHetrecFolder(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        foreach (var (name, text) in Valid)
        {
            string? content = text;
            if (overrides is not null && overrides.TryGetValue(name, out var o)) content = o;
            if (content is not null) File.WriteAllText(System.IO.Path.Combine(Path, name), content);
        }
    }

    public static TempHetrecFolder With(string file, string? content) => new(new Dictionary<string, string?> { [file] = content });

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
