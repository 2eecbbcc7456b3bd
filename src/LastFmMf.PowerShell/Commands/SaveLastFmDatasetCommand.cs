using System.Management.Automation;
using LastFmMf.Data;

namespace LastFmMf.PowerShell.Commands;

/// <summary>
/// Downloads a published dataset (HetRec 2011 by default; -Name Lastfm360K or Lastfm1K) into a per-user cache,
/// verifies it (the HetRec zip's SHA-256; the MD5s of the files inside the Last.fm archives) and returns the file.
/// A file that fails is deleted; a partial download never appears under the final name.
/// </summary>
[Cmdlet(VerbsData.Save, "LastFmDataset", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class SaveLastFmDatasetCommand : PSCmdlet, IDisposable
{
    private const int ProgressId = 1;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan CleanupWait = TimeSpan.FromSeconds(10);

    // One client for the session, as HttpClient is meant to be used. Timeout bounds the wait for the headers.
    private static readonly Lazy<HttpClient> Client = new(() =>
    {
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"LastFmMf/{typeof(SaveLastFmDatasetCommand).Assembly.GetName().Version}");
        return client;
    });

    private readonly CancellationTokenSource _stop = new();

    /// <summary>The folder to save the zip into. Omitted: the per-user cache ($XDG_CACHE_HOME/LastFmMf,
    /// ~/.cache/LastFmMf or %LOCALAPPDATA%\LastFmMf), where Import-LastFmData looks when given no -Path.
    /// Created if missing.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>Which dataset: Hetrec2011 (default), Lastfm360K or Lastfm1K.</summary>
    [Parameter]
    public DatasetFormat Name { get; set; } = DatasetFormat.Hetrec2011;

    /// <summary>Where to download from: the publisher's URI for -Name, or a mirror. The file is named after the
    /// URI's last segment (hetrec2011-lastfm-2k.zip for the official one).</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Uri { get; set; }

    /// <summary>Hetrec2011: the SHA-256 the file must have, 64 hexadecimal digits in either case. Defaults to the
    /// official archive's; pass another for a mirror that serves different bytes.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Sha256 { get; set; } = DataLocations.OfficialSha256;

    /// <summary>Lastfm360K and Lastfm1K: the MD5 each file inside the archive must have (file name → hex). Defaults
    /// to the publisher's README.</summary>
    [Parameter]
    [ValidateNotNull]
    public System.Collections.Hashtable? FileMd5 { get; set; }

    private PublishedDataset Published => PublishedDatasets.Of(Name);
    private IReadOnlyDictionary<string, string> ExpectedMd5 =>
        FileMd5 is null ? Published.FileMd5 : FileMd5.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => FileMd5[k]!.ToString()!);

    /// <summary>Download again and replace an existing file, even one that already verifies.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        bool hetrec = Name == DatasetFormat.Hetrec2011;
        // Each dataset is verified one way; the other way's parameter would change nothing, so it is refused.
        if (!hetrec && MyInvocation.BoundParameters.ContainsKey(nameof(Sha256)))
            ThrowTerminatingError(ErrorRecords.Argument("ParameterNotApplicable",
                $"-Sha256 has no effect with -Name {Name}: its publisher gives the MD5s of the files inside the archive, which are checked instead (-FileMd5).", nameof(Sha256)));
        if (hetrec && FileMd5 is not null)
            ThrowTerminatingError(ErrorRecords.Argument("ParameterNotApplicable",
                "-FileMd5 has no effect with -Name Hetrec2011: the zip itself is verified by its SHA-256 (-Sha256).", nameof(FileMd5)));
        Uri ??= new Uri(Published.Uri);
        if (!DatasetDownloader.IsValidSha256(Sha256))
            ThrowTerminatingError(ErrorRecords.Argument("InvalidSha256",
                $"-Sha256 '{Sha256}' is not a SHA-256; expected 64 hexadecimal digits, such as {DataLocations.OfficialSha256}.", Sha256));
        if (!Uri.IsAbsoluteUri || (Uri.Scheme != Uri.UriSchemeHttp && Uri.Scheme != Uri.UriSchemeHttps))
            ThrowTerminatingError(ErrorRecords.Argument("InvalidUri",
                $"-Uri '{Uri}' is not an absolute http or https address.", Uri));
        var fileName = Path.GetFileName(Uri.UnescapeDataString(Uri.AbsolutePath));
        if (string.IsNullOrWhiteSpace(fileName) || fileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            ThrowTerminatingError(ErrorRecords.Argument("InvalidUri",
                $"-Uri '{Uri}' does not end in a file name to save under, such as {DataLocations.ArchiveName}.", Uri));

        var folder = Destination is null ? DataLocations.DefaultCacheFolder() : GetUnresolvedProviderPathFromPSPath(Destination);
        if (File.Exists(folder))
            ThrowTerminatingError(ErrorRecords.Argument("DestinationNotAFolder",
                $"-Destination '{folder}' is a file; expected a folder to save {fileName} into.", Destination ?? folder));
        var target = Path.Combine(folder, fileName);

        if (File.Exists(target) && !Force)
        {
            WriteVerbose($"{target} exists; checking its SHA-256.");
            string? refused = null;
            try
            {
                refused = Refusal(target, _stop.Token);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(e, "DestinationUnreadable", ErrorCategory.ReadError, target));
            }
            if (refused is null)
            {
                WriteVerbose($"{target} is already downloaded, verified ({Check}).");
                WriteObject(ProviderItem.Get(this, target));
                return;
            }
            ThrowTerminatingError(new ErrorRecord(
                new IOException($"{target} already exists and does not verify ({refused}); use -Force to download it again and replace it."),
                "DestinationExists", ErrorCategory.ResourceExists, target));
        }

        if (!ShouldProcess(target, $"Download {Uri} and verify {Check}"))
            return;

        WriteVerbose($"Downloading {Uri} to {target}");
        var result = Download(target, fileName);
        WriteVerbose($"Saved {result.Bytes:N0} bytes to {result.Path}; verified ({Check}).");
        WriteObject(ProviderItem.Get(this, result.Path));
    }

    // What is checked, for messages.
    private string Check => Name == DatasetFormat.Hetrec2011
        ? $"SHA-256 {Sha256.ToLowerInvariant()}"
        : "MD5 " + string.Join(", ", ExpectedMd5.Select(e => $"{e.Key} {e.Value.ToLowerInvariant()}"));

    // Null when the file at path is the dataset asked for, else why not. A Last.fm archive is streamed and the MD5 of
    // each file inside compared, nothing unpacked; an archive that cannot be read is refused with the reader's words.
    private string? Refusal(string path, CancellationToken cancel)
    {
        if (Name == DatasetFormat.Hetrec2011)
            return DatasetDownloader.HashMatches(path, Sha256) ? null : $"its SHA-256 is not {Sha256.ToLowerInvariant()}";
        try
        {
            return PublishedDatasets.VerifyArchive(path, ExpectedMd5, cancel);
        }
        catch (DataFormatException e)
        {
            return e.Message;
        }
    }

    /// <summary>Ctrl+C: cancels the download, which deletes its partial file.</summary>
    protected override void StopProcessing() => _stop.Cancel();

    public void Dispose() => _stop.Dispose();

    /// <summary>Runs the download as a task and writes its progress from this, the pipeline thread.</summary>
    private DownloadResult Download(string target, string fileName)
    {
        var progress = new LatestProgress();
        var task = Name == DatasetFormat.Hetrec2011
            ? DatasetDownloader.DownloadAsync(Client.Value, Uri!, target, Sha256, Force.IsPresent, progress, _stop.Token)
            : DatasetDownloader.DownloadVerifiedAsync(Client.Value, Uri!, target, Refusal, Force.IsPresent, progress, _stop.Token);
        var activity = $"Save-LastFmDataset: {fileName}";
        try
        {
            while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(PollInterval))
            {
                if (progress.Latest is not { } p) continue;
                // A new record each time: a host may keep the records it is given.
                WriteProgress(new ProgressRecord(ProgressId, activity, p.TotalBytes is { } total
                    ? $"{Megabytes(p.BytesReceived)} of {Megabytes(total)} MB from {Uri!.Host}"
                    : $"{Megabytes(p.BytesReceived)} MB from {Uri!.Host}")
                {
                    PercentComplete = p.Percent ?? -1,
                });
            }
        }
        catch (PipelineStoppedException)
        {
            // Stopped while writing progress: let the download delete its partial file before the cmdlet ends.
            _stop.Cancel();
            ((IAsyncResult)task).AsyncWaitHandle.WaitOne(CleanupWait);
            throw;
        }
        WriteProgress(new ProgressRecord(ProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });

        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (DownloadException e) when (e.Error == DownloadError.ChecksumMismatch)
        {
            ThrowTerminatingError(new ErrorRecord(e, "ChecksumMismatch", ErrorCategory.InvalidData, Uri));
        }
        catch (DownloadException e) when (e.Error == DownloadError.DestinationExists)
        {
            ThrowTerminatingError(new ErrorRecord(e, "DestinationExists", ErrorCategory.ResourceExists, target));
        }
        catch (DownloadException e)
        {
            var category = e.StatusCode == System.Net.HttpStatusCode.NotFound ? ErrorCategory.ObjectNotFound : ErrorCategory.ConnectionError;
            ThrowTerminatingError(new ErrorRecord(e, "DownloadFailed", category, Uri));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(e, "DestinationNotWritable", ErrorCategory.WriteError, target));
        }
        throw new InvalidOperationException("unreachable: ThrowTerminatingError returned");
    }

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Keeps only the latest report; the download thread writes it, the pipeline thread reads it.</summary>
    private sealed class LatestProgress : IProgress<DownloadProgress>
    {
        private volatile Box? _latest;
        public DownloadProgress? Latest => _latest?.Value;
        public void Report(DownloadProgress value) => _latest = new Box(value);
        private sealed record Box(DownloadProgress Value);
    }
}
