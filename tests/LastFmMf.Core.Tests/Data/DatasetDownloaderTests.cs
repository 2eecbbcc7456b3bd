using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using LastFmMf.Data;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Data;

/// <summary>
/// DatasetDownloader against a loopback HTTP server in this process: no internet, every wait bounded.
/// </summary>
[Collection(BoundedWaits.Name)]
public sealed class DatasetDownloaderTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(20) };

    public void Dispose()
    {
        _client.Dispose();
        _folder.Dispose();
    }

    private static byte[] Payload(int length)
    {
        var bytes = new byte[length];
        new Random(20111).NextBytes(bytes);
        return bytes;
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private string Target => _folder.File(DataLocations.ArchiveName);

    private Task<DownloadResult> Download(Uri uri, string sha, bool overwrite = false,
        IProgress<DownloadProgress>? progress = null, CancellationToken ct = default) =>
        DatasetDownloader.DownloadAsync(_client, uri, Target, sha, overwrite, progress, ct).WaitAsync(Bound);

    [SkippableFact]
    public async Task Downloads_the_real_zip_verifies_it_and_it_reads_as_the_dataset()
    {
        var zipFolder = new TempFolder();
        try
        {
            var zipPath = zipFolder.File("served.zip");
            ZipFile.CreateFromDirectory(RealData.Path, zipPath);
            var bytes = await File.ReadAllBytesAsync(zipPath);
            using var server = new LoopbackServer(Reply.Ok(bytes));
            var seen = new List<DownloadProgress>();

            var result = await Download(server.UriOf("/datasets/" + DataLocations.ArchiveName), Sha(bytes).ToUpperInvariant(),
                progress: new SyncProgress(seen.Add));

            Assert.Equal(Target, result.Path);
            Assert.Equal(bytes.Length, result.Bytes);
            Assert.Equal(Sha(bytes), result.Sha256);
            Assert.Equal([DataLocations.ArchiveName], _folder.FileNames());
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Target));
            Assert.Equal(new DownloadProgress(bytes.Length, bytes.Length), seen[^1]);
            Assert.All(seen, p => Assert.Equal(bytes.Length, p.TotalBytes));
            Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.BytesReceived <= p.Second.BytesReceived));

            var data = HetrecReader.Read(result.Path);
            Assert.Equal(1892, data.UserCount);
            Assert.Equal(17632, data.ArtistCount);
            Assert.Equal(92834, data.ListenCount);
        }
        finally
        {
            zipFolder.Dispose();
        }
    }

    [Fact]
    public async Task A_wrong_checksum_throws_with_both_hashes_and_leaves_nothing()
    {
        var bytes = Payload(300_000);
        using var server = new LoopbackServer(Reply.Ok(bytes));
        var wrong = new string('a', 64);

        var e = await Assert.ThrowsAsync<ChecksumMismatchException>(() => Download(server.UriOf("/x.zip"), wrong));

        Assert.Equal(DownloadError.ChecksumMismatch, e.Error);
        Assert.Equal(wrong, e.Expected);
        Assert.Equal(Sha(bytes), e.Actual);
        Assert.Equal(Target, e.Path);
        Assert.Contains(Sha(bytes), e.Message);
        Assert.Empty(_folder.FileNames());
    }

    [Fact]
    public async Task A_dropped_connection_is_an_error_not_a_short_file()
    {
        var bytes = Payload(400_000);
        using var server = new LoopbackServer(Reply.Dropped(bytes, sendOnly: 150_000));

        var e = await Assert.ThrowsAsync<DownloadException>(() => Download(server.UriOf("/x.zip"), Sha(bytes)));

        Assert.Equal(DownloadError.Truncated, e.Error);
        Assert.Contains("400,000", e.Message);
        Assert.Empty(_folder.FileNames());
    }

    [Fact]
    public async Task A_dropped_connection_does_not_replace_an_existing_file_even_with_overwrite()
    {
        var bytes = Payload(200_000);
        await File.WriteAllTextAsync(Target, "old");
        using var server = new LoopbackServer(Reply.Dropped(bytes, sendOnly: 1000));

        await Assert.ThrowsAsync<DownloadException>(() => Download(server.UriOf("/x.zip"), Sha(bytes), overwrite: true));

        Assert.Equal([DataLocations.ArchiveName], _folder.FileNames());
        Assert.Equal("old", await File.ReadAllTextAsync(Target));
    }

    [Fact]
    public async Task Http_404_is_an_error_naming_the_status_and_the_uri()
    {
        using var server = new LoopbackServer(Reply.NotFound());
        var uri = server.UriOf("/missing.zip");

        var e = await Assert.ThrowsAsync<DownloadException>(() => Download(uri, new string('0', 64)));

        Assert.Equal(DownloadError.HttpStatus, e.Error);
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Equal(uri, e.Uri);
        Assert.Contains("404", e.Message);
        Assert.Contains(uri.ToString(), e.Message);
        Assert.Empty(_folder.FileNames());
    }

    [Fact]
    public async Task A_refused_connection_is_a_network_error()
    {
        // A port that was free a moment ago: nothing listens there now.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var e = await Assert.ThrowsAsync<DownloadException>(() => Download(new Uri($"http://127.0.0.1:{port}/x.zip"), new string('0', 64)));

        Assert.Equal(DownloadError.Network, e.Error);
        Assert.Empty(_folder.FileNames());
    }

    [Fact]
    public async Task Cancelling_midway_leaves_nothing()
    {
        var bytes = Payload(500_000);
        using var server = new LoopbackServer(Reply.Stalled(bytes, sendOnly: 100_000));
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p => { if (p.BytesReceived > 0) cts.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Download(server.UriOf("/x.zip"), Sha(bytes), progress: progress, ct: cts.Token));

        Assert.Empty(_folder.FileNames());
    }

    [Fact]
    public async Task An_existing_file_is_kept_without_overwrite_and_replaced_with_it()
    {
        var bytes = Payload(50_000);
        await File.WriteAllTextAsync(Target, "old");
        using var server = new LoopbackServer(Reply.Ok(bytes));

        var e = await Assert.ThrowsAsync<DownloadException>(() => Download(server.UriOf("/x.zip"), Sha(bytes)));
        Assert.Equal(DownloadError.DestinationExists, e.Error);
        Assert.Equal(0, server.Requests);
        Assert.Equal("old", await File.ReadAllTextAsync(Target));

        await Download(server.UriOf("/x.zip"), Sha(bytes), overwrite: true);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Target));
        Assert.Equal([DataLocations.ArchiveName], _folder.FileNames());
    }

    [Fact]
    public async Task Creates_a_missing_destination_folder()
    {
        var bytes = Payload(10_000);
        using var server = new LoopbackServer(Reply.Ok(bytes));
        var nested = Path.Combine(_folder.Path, "a", "b", "data.zip");

        var result = await DatasetDownloader.DownloadAsync(_client, server.UriOf("/data.zip"), nested, Sha(bytes)).WaitAsync(Bound);

        Assert.Equal(nested, result.Path);
        Assert.True(File.Exists(nested));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("6738f48195667ff03caaab4d32ca9a3133d8cc026b7c3cdaf6ce1010e913c59")]
    [InlineData("6738f48195667ff03caaab4d32ca9a3133d8cc026b7c3cdaf6ce1010e913c59cc")]
    [InlineData("g738f48195667ff03caaab4d32ca9a3133d8cc026b7c3cdaf6ce1010e913c59c")]
    public async Task An_invalid_expected_hash_is_refused_before_any_request(string sha)
    {
        using var server = new LoopbackServer(Reply.Ok(Payload(10)));

        var e = await Assert.ThrowsAsync<ArgumentException>(() => Download(server.UriOf("/x.zip"), sha));

        Assert.Equal("expectedSha256", e.ParamName);
        Assert.Equal(0, server.Requests);
        Assert.Empty(_folder.FileNames());
    }

    [Fact]
    public void Sha256_validation_accepts_either_case()
    {
        Assert.True(DatasetDownloader.IsValidSha256(DataLocations.OfficialSha256));
        Assert.True(DatasetDownloader.IsValidSha256(DataLocations.OfficialSha256.ToUpperInvariant()));
        Assert.False(DatasetDownloader.IsValidSha256(null));
        Assert.False(DatasetDownloader.IsValidSha256(" " + DataLocations.OfficialSha256[1..]));
    }

    [Fact]
    public async Task HashMatches_checks_a_file_on_disk()
    {
        var bytes = Payload(1234);
        await File.WriteAllBytesAsync(Target, bytes);
        Assert.True(DatasetDownloader.HashMatches(Target, Sha(bytes).ToUpperInvariant()));
        Assert.False(DatasetDownloader.HashMatches(Target, new string('f', 64)));
    }

    /// <summary>Reports on the calling thread, unlike Progress&lt;T&gt; which posts to a context.</summary>
    private sealed class SyncProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
