using System.Net;
using System.Security.Cryptography;

namespace LastFmMf.Data;

/// <summary>How far a download has got: bytes received so far, and the total when the server said it.</summary>
public readonly record struct DownloadProgress(long BytesReceived, long? TotalBytes)
{
    /// <summary>0–100 when the total is known, else null.</summary>
    public int? Percent => TotalBytes is > 0 ? (int)Math.Min(100, BytesReceived * 100 / TotalBytes.Value) : null;
}

/// <summary>A verified download: where it is, how big, and its SHA-256 (lower-case hex).</summary>
public sealed record DownloadResult(string Path, long Bytes, string Sha256);

/// <summary>Stable identifiers of why a download failed; the module turns them into ErrorIds.</summary>
public enum DownloadError
{
    /// <summary>The server answered with a status other than 2xx.</summary>
    HttpStatus,
    /// <summary>The connection ended before the announced Content-Length arrived.</summary>
    Truncated,
    /// <summary>The request could not be sent or the response could not be read (DNS, refused, reset, timeout).</summary>
    Network,
    /// <summary>The bytes arrived but their SHA-256 is not the expected one.</summary>
    ChecksumMismatch,
    /// <summary>The final file already exists and overwriting was not asked for.</summary>
    DestinationExists,
}

/// <summary>A download that failed; nothing is left under the final name, and no partial file is left behind.</summary>
public class DownloadException : Exception
{
    public DownloadException(DownloadError error, Uri uri, string message, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
        Uri = uri;
    }

    public DownloadError Error { get; }
    public Uri Uri { get; }
    /// <summary>The HTTP status, when the failure is <see cref="DownloadError.HttpStatus"/>.</summary>
    public HttpStatusCode? StatusCode { get; init; }
}

/// <summary>The downloaded bytes do not have the expected SHA-256; the file was deleted.</summary>
public sealed class ChecksumMismatchException(Uri uri, string path, string expected, string actual, long bytes)
    : DownloadException(DownloadError.ChecksumMismatch, uri,
        $"{uri}: the {bytes:N0} bytes downloaded have SHA-256 {actual}, not the expected {expected}; the file was deleted and {path} was not written")
{
    /// <summary>The final path that was not written.</summary>
    public string Path { get; } = path;
    /// <summary>The expected SHA-256, lower-case hex.</summary>
    public string Expected { get; } = expected;
    /// <summary>The SHA-256 of what arrived, lower-case hex.</summary>
    public string Actual { get; } = actual;
}

/// <summary>
/// Downloads a file and verifies its SHA-256 while it streams. The bytes go to a uniquely named temporary file
/// beside the destination (<c>&lt;name&gt;.partial-&lt;guid&gt;</c>); only a complete file with the right hash is renamed
/// to the final name. On any failure or cancellation the temporary file is deleted, so the final name never holds
/// a partial or unverified file.
/// </summary>
public static class DatasetDownloader
{
    private const int BufferSize = 81920;

    /// <summary>True when <paramref name="sha256"/> is 64 hexadecimal digits (either case).</summary>
    public static bool IsValidSha256(string? sha256) =>
        sha256 is { Length: 64 } && sha256.All(char.IsAsciiHexDigit);

    /// <summary>The SHA-256 of a file, lower-case hex.</summary>
    public static string ComputeSha256(string path)
    {
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }

    /// <summary>True when the file's SHA-256 equals <paramref name="expectedSha256"/> (hex, either case).</summary>
    public static bool HashMatches(string path, string expectedSha256) =>
        string.Equals(ComputeSha256(path), expectedSha256, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Downloads <paramref name="uri"/> to <paramref name="destinationFile"/> (its folder is created if needed) and
    /// checks that its SHA-256 is <paramref name="expectedSha256"/>.
    /// </summary>
    /// <param name="client">The client to use; tests pass one that talks to a loopback server.</param>
    /// <param name="uri">An absolute http or https URI.</param>
    /// <param name="destinationFile">The final path; written only when the download is complete and verified.</param>
    /// <param name="expectedSha256">64 hex digits, either case; checked before anything is sent.</param>
    /// <param name="overwrite">Replace an existing file at <paramref name="destinationFile"/>; otherwise that is a <see cref="DownloadError.DestinationExists"/>.</param>
    /// <param name="progress">Told the bytes received after every chunk, from the thread that runs the download.</param>
    /// <param name="cancellationToken">Stops the download; the temporary file is deleted and an <see cref="OperationCanceledException"/> thrown.</param>
    /// <exception cref="ArgumentException">The expected hash is not 64 hex digits, or the URI is not absolute http(s).</exception>
    /// <exception cref="ChecksumMismatchException">The bytes arrived but their hash differs.</exception>
    /// <exception cref="DownloadException">HTTP status, dropped connection, network failure, or an existing destination.</exception>
    public static async Task<DownloadResult> DownloadAsync(
        HttpClient client, Uri uri, string destinationFile, string expectedSha256, bool overwrite = false,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentException.ThrowIfNullOrEmpty(destinationFile);
        if (!IsValidSha256(expectedSha256))
            throw new ArgumentException($"'{expectedSha256}' is not a SHA-256; expected 64 hexadecimal digits.", nameof(expectedSha256));
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"'{uri}' is not an absolute http or https URI.", nameof(uri));

        var expected = expectedSha256.ToLowerInvariant();
        return await DownloadCoreAsync(client, uri, destinationFile, overwrite, progress, cancellationToken,
            (temp, final, bytes, actual, _) => string.Equals(actual, expected, StringComparison.Ordinal)
                ? null : new ChecksumMismatchException(uri, final, expected, actual, bytes)).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads <paramref name="uri"/> like <see cref="DownloadAsync"/>, but lets <paramref name="verify"/> judge the
    /// complete temporary file (for archives whose publisher gives checksums of the files inside, not of the archive):
    /// it returns null to accept, or the reason to refuse, which becomes a <see cref="DownloadError.ChecksumMismatch"/>
    /// and deletes the file.
    /// </summary>
    public static async Task<DownloadResult> DownloadVerifiedAsync(
        HttpClient client, Uri uri, string destinationFile, Func<string, CancellationToken, string?> verify, bool overwrite = false,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(verify);
        ArgumentException.ThrowIfNullOrEmpty(destinationFile);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"'{uri}' is not an absolute http or https URI.", nameof(uri));
        return await DownloadCoreAsync(client, uri, destinationFile, overwrite, progress, cancellationToken,
            (temp, final, bytes, _, ct) => verify(temp, ct) is { } why
                ? new DownloadException(DownloadError.ChecksumMismatch, uri, $"{uri}: the {bytes:N0} bytes downloaded were refused: {why}; the file was deleted and {final} was not written")
                : null).ConfigureAwait(false);
    }

    // Fetches to a temporary file beside the destination, asks check (temp, final, bytes, SHA-256, token) for an error,
    // and renames only an accepted file to the final name; on any failure the temporary file is deleted.
    private static async Task<DownloadResult> DownloadCoreAsync(HttpClient client, Uri uri, string destinationFile, bool overwrite,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken, Func<string, string, long, string, CancellationToken, Exception?> check)
    {
        var final = Path.GetFullPath(destinationFile);
        var folder = Path.GetDirectoryName(final)!;
        if (!overwrite && File.Exists(final)) throw Exists(uri, final);
        Directory.CreateDirectory(folder);

        var temp = Path.Combine(folder, $"{Path.GetFileName(final)}.partial-{Guid.NewGuid():N}");
        var done = false;
        try
        {
            var (bytes, actual) = await FetchAsync(client, uri, temp, progress, cancellationToken).ConfigureAwait(false);
            if (check(temp, final, bytes, actual, cancellationToken) is { } refused) throw refused;
            try
            {
                File.Move(temp, final, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(final))
            {
                // Someone else wrote the final name while we downloaded.
                throw Exists(uri, final);
            }
            done = true;
            return new DownloadResult(final, bytes, actual);
        }
        finally
        {
            if (!done) TryDelete(temp);
        }
    }

    private static async Task<(long Bytes, string Sha256)> FetchAsync(
        HttpClient client, Uri uri, string temp, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        using var response = await Network(uri, ct,
            () => client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct)).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new DownloadException(DownloadError.HttpStatus, uri,
                $"{uri}: the server answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd())
            { StatusCode = response.StatusCode };

        var total = response.Content.Headers.ContentLength;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long received = 0;
        await using var body = await Network(uri, ct, () => response.Content.ReadAsStreamAsync(ct)).ConfigureAwait(false);
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
        {
            var buffer = new byte[BufferSize];
            progress?.Report(new DownloadProgress(0, total));
            while (true)
            {
                int n;
                try
                {
                    n = await body.ReadAsync(buffer, ct).ConfigureAwait(false);
                }
                catch (HttpIOException e) when (e.HttpRequestError == HttpRequestError.ResponseEnded)
                {
                    throw Truncated(uri, received, total, e);
                }
                catch (Exception e) when (IsNetworkFailure(e, ct))
                {
                    throw new DownloadException(DownloadError.Network, uri,
                        $"{uri}: the download failed after {received:N0} bytes: {e.Message}", e);
                }
                if (n == 0) break;
                hash.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                received += n;
                progress?.Report(new DownloadProgress(received, total));
            }
            await file.FlushAsync(ct).ConfigureAwait(false);
        }
        // HttpClient already refuses a body shorter than Content-Length; this keeps that promise whatever the handler.
        if (total is { } t && received != t) throw Truncated(uri, received, total, null);
        return (received, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<T> Network<T>(Uri uri, CancellationToken ct, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (IsNetworkFailure(e, ct))
        {
            var why = e is TaskCanceledException ? "the request timed out" : e.Message;
            throw new DownloadException(DownloadError.Network, uri, $"{uri}: {why}", e);
        }
    }

    // A cancellation that the caller did not ask for is HttpClient's timeout, hence a network failure.
    private static bool IsNetworkFailure(Exception e, CancellationToken ct) =>
        e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested);

    private static DownloadException Truncated(Uri uri, long received, long? total, Exception? inner) =>
        new(DownloadError.Truncated, uri,
            $"{uri}: the connection closed after {received:N0} of {(total is { } t ? t.ToString("N0") : "an unknown number of")} bytes; nothing was saved",
            inner);

    private static DownloadException Exists(Uri uri, string final) =>
        new(DownloadError.DestinationExists, uri, $"{final} already exists; pass overwrite to replace it");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a temporary file that cannot be deleted must not hide the real error.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
