using System.Management.Automation;
using LastFmMf.Ranking;
using LastFmMf.Training;

namespace LastFmMf.PowerShell.Commands;

/// <summary>The nearest artists to an artist in the model's embedding space.</summary>
[Cmdlet(VerbsCommon.Get, "MfSimilarArtist")]
[OutputType(typeof(SimilarArtist))]
public sealed class GetMfSimilarArtistCommand : PSCmdlet
{

    /// <summary>Artist names (case-insensitive; exact, else a unique substring) or ids.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Artist { get; set; } = [];

    /// <summary>A TrainingRun from Invoke-MfTraining or a model.</summary>
    [Parameter(Mandatory = true)]
    [ModelTransformation]
    [ValidateNotNull]
    public FactorModel Model { get; set; } = null!;

    /// <summary>Neighbours per artist.</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int Top { get; set; } = 10;

    /// <summary>Dot or Cosine.</summary>
    [Parameter]
    public SimilarityMeasure Measure { get; set; } = SimilarityMeasure.Cosine;

    private readonly PlayCountWarning _playCounts = new();

    protected override void ProcessRecord()
    {
        _playCounts.WriteOnce(this, Model, "similar artists");
        var lookup = Model.GetArtistLookup();
        foreach (var text in Artist)
        {
            var match = lookup.Resolve(text);
            if (!match.Found)
            {
                WriteError(ErrorRecords.From(match, text));
                continue;
            }
            foreach (var row in SimilarArtists.Find(Model, match.Index, Top, Measure)) WriteObject(row);
        }
    }
}
