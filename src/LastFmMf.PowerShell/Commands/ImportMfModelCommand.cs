using System.Management.Automation;
using LastFmMf.Persistence;

namespace LastFmMf.PowerShell.Commands;

/// <summary>Reads a model file written by Export-MfModel, refusing damaged or newer-format files.</summary>
[Cmdlet(VerbsData.Import, "MfModel")]
[OutputType(typeof(SavedModel))]
public sealed class ImportMfModelCommand : PSCmdlet
{
    /// <summary>The model file.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    public string Path { get; set; } = null!;

    protected override void ProcessRecord()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var saved = ModelFile.Read(path);
            WriteVerbose($"Read {saved.Model} from {path} (checksum verified) in {clock.Elapsed.TotalSeconds:N2} s.");
            // The history rows get the flat columns a run's rows have (the learning rate, the RMSEs), for tables and CSV.
            foreach (var row in saved.History) FlatColumns.Attach(row, row.Columns());
            WriteObject(saved);
        }
        catch (FileNotFoundException e)
        {
            WriteError(new ErrorRecord(e, "ModelFileNotFound", ErrorCategory.ObjectNotFound, Path));
        }
        catch (ModelFileException e)
        {
            WriteError(new ErrorRecord(e, e.Error.ToString(), ErrorCategory.InvalidData, Path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(e, "ReadFailed", ErrorCategory.ReadError, Path));
        }
    }
}
