using System.Management.Automation;
using LastFmMf.Data;

namespace LastFmMf.PowerShell.Commands;

/// <summary>Reads HetRec 2011 (a folder or the official zip), Last.fm-360K or Last.fm-1K (a folder, a .tsv or the official
/// .tar.gz, streamed) into a LastFmDataset; the format is recognised, or checked against -Format.</summary>
[Cmdlet(VerbsData.Import, "LastFmData", DefaultParameterSetName = "Path")]
[OutputType(typeof(LastFmDataset))]
public sealed class ImportLastFmDataCommand : PSCmdlet
{
    /// <summary>A folder with the .dat files, or hetrec2011-lastfm-2k.zip. Omitted: LASTFMMF_DATA, then the cache, then the bundled sample.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "Path")]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>A dataset that Save-LastFmDataset -Name downloaded: read from the per-user cache.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Name")]
    public DatasetFormat Name { get; set; }

    /// <summary>The format the data must be; omitted, it is recognised from the files.</summary>
    [Parameter]
    public DatasetFormat? Format { get; set; }

    /// <summary>Last.fm-360K and -1K: skip lines that cannot be read, counting them in the dataset's Notes, instead of
    /// stopping at the first with its error.</summary>
    [Parameter]
    public SwitchParameter SkipMalformed { get; set; }

    private readonly CancellationTokenSource _stop = new();

    // Ctrl+C: the reader stops between two lines, nothing was written, so nothing is left behind.
    protected override void StopProcessing() => _stop.Cancel();

    protected override void EndProcessing() => _stop.Dispose();

    protected override void ProcessRecord()
    {
        string path;
        if (ParameterSetName == "Name")
        {
            path = PublishedDatasets.Of(Name).CachedArchive();
            if (!File.Exists(path))
            {
                WriteError(ErrorRecords.NotFound("CachedDatasetNotFound",
                    $"{Name} is not in the cache: {path} does not exist; run Save-LastFmDataset -Name {Name} first, or pass -Path.", Name));
                return;
            }
            Format ??= Name;
        }
        else if (Path is not null)
        {
            if (!FileSystemPaths.TryResolve(this, Path, out path, out var error))
            {
                WriteError(error!);
                return;
            }
        }
        else
        {
            (path, var origin) = DataLocations.ResolveDefault(ModulePaths.BundledSample);
            WriteWarning(origin switch
            {
                DataOrigin.EnvironmentVariable => $"No -Path given: reading {path} from ${DataLocations.EnvironmentVariable}.",
                DataOrigin.Cache => $"No -Path given: reading the downloaded archive {path}.",
                _ => $"No -Path given and no downloaded data: reading the small bundled SAMPLE (synthetic, not Last.fm) from {path}. " +
                     "Run Save-LastFmDataset to download the real HetRec data, or pass -Path to a folder or zip you have.",
            });
        }

        LastFmDataset data;
        try
        {
            var format = DatasetReader.Detect(path, Format);
            if (format == DatasetFormat.Hetrec2011 && SkipMalformed)
                ThrowTerminatingError(ErrorRecords.Argument("ParameterNotApplicable", DatasetReader.SkipMalformedNotApplicable + ".", nameof(SkipMalformed)));
            WriteVerbose($"Reading {format} data from {path}");
            data = DatasetReader.Read(path, format, SkipMalformed, _stop.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (DataFormatException e)
        {
            // One bad source is fatal for it, but further piped paths may still be read.
            WriteError(ErrorRecords.From(e, Path ?? path));
            return;
        }
        // Every note is a quirk that was handled and kept (the official files' 390 tagged artists missing from artists.dat,
        // Latin-1 lines): verbose, not a warning on every real import; the notes stay on the dataset's Notes.
        foreach (var note in data.Notes) WriteVerbose(note);
        // Skipped lines are data left out at the user's request: said once, loudly, with where to look.
        if (data.SkippedLines > 0)
            WriteWarning($"Skipped {data.SkippedLines:N0} malformed lines (-SkipMalformed); .Notes says which files, lines and errors.");
        WriteObject(data);
    }
}
