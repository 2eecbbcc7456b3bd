using System.Management.Automation;
using LastFmMf.Persistence;
using LastFmMf.Training;

namespace LastFmMf.PowerShell.Commands;

/// <summary>Writes a model to a versioned, checksummed file, atomically.</summary>
[Cmdlet(VerbsData.Export, "MfModel", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportMfModelCommand : PSCmdlet
{
    /// <summary>A TrainingRun (its hyperparameters are saved too), a SavedModel or a FactorModel.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [Alias("Run")]
    public object Model { get; set; } = null!;

    /// <summary>The file to write.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Path { get; set; } = null!;

    /// <summary>Replace an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var value = Model is PSObject ps ? ps.BaseObject : Model;
        SavedModel saved;
        try
        {
            saved = value switch
            {
                SavedModel s => s,
                _ => new SavedModel(ModelTransformationAttribute.ToModel(value), DateTimeOffset.UtcNow),
            };
        }
        catch (ArgumentTransformationMetadataException e)
        {
            WriteError(ErrorRecords.Argument("NotAModel", e.Message, value));
            return;
        }

        var path = GetUnresolvedProviderPathFromPSPath(Path);
        var folder = System.IO.Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
            ThrowTerminatingError(ErrorRecords.NotFound("FolderNotFound", $"The folder {folder} does not exist; create it first.", path));
        if (File.Exists(path) && !Force)
            ThrowTerminatingError(new ErrorRecord(new IOException($"{path} already exists; use -Force to replace it."), "FileExists", ErrorCategory.ResourceExists, path));
        if (!ShouldProcess(path, $"Write model ({saved.Model})")) return;
        try
        {
            ModelFile.Write(path, saved, overwrite: Force);
        }
        catch (InvalidDataException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "NotFiniteModel", ErrorCategory.InvalidData, value));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(e, "WriteFailed", ErrorCategory.WriteError, path));
        }
        WriteObject(ProviderItem.Get(this, path));
    }
}
