using System.Management.Automation;
using LastFmMf.Ranking;
using LastFmMf.Training;

namespace LastFmMf.PowerShell.Commands;

/// <summary>The nearest artists to an artist in the model's embedding space.</summary>
// Id is the default set so that a piped row with both ArtistId and ArtistName (Get-MfRecommendation's, this cmdlet's own)
// binds the id, which is exact; an object with only a name, or a string, binds -Artist.
[Cmdlet(VerbsCommon.Get, "MfSimilarArtist", DefaultParameterSetName = IdSet)]
[OutputType(typeof(SimilarArtist))]
public sealed class GetMfSimilarArtistCommand : PSCmdlet
{
    private const string NameSet = "Name", IdSet = "Id";
    /// <summary>Below this many training listeners an artist's vector mostly copies its one or two listeners'; see SimilarArtists.Find.</summary>
    private const int DefaultMinListeners = 5;
    private readonly System.Diagnostics.Stopwatch _clock = new();
    private int _queries, _minListeners = DefaultMinListeners;

    /// <summary>Artist names (case-insensitive; exact, else a unique substring) or ids.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet)]
    [Alias("Name", "ArtistName")]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Artist { get; set; } = [];

    /// <summary>Artist ids, by property name from piped rows (Get-MfRecommendation, Get-MfSimilarArtist).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
    public int[] ArtistId { get; set; } = [];

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

    /// <summary>Only neighbours with at least this many training listeners; 1 keeps every artist.</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int MinListeners { get; set; } = DefaultMinListeners;

    private readonly PlayCountWarning _playCounts = new();

    protected override void ProcessRecord()
    {
        _clock.Start();
        _playCounts.WriteOnce(this, Model, "similar artists");
        int minListeners = MinListeners;
        if (Model.Listened is null && minListeners > 1)
        {
            // A model without its training listens cannot count listeners: the default quietly becomes 1, a given value is an error.
            if (MyInvocation.BoundParameters.ContainsKey(nameof(MinListeners)))
                ThrowTerminatingError(ErrorRecords.Argument("NoTrainingListens",
                    "The model carries no training listens, so -MinListeners cannot count an artist's listeners; leave it out or use -MinListeners 1.", MinListeners));
            minListeners = 1;
        }
        _minListeners = minListeners;
        var lookup = Model.GetArtistLookup();
        var matches = ParameterSetName == IdSet
            ? ArtistId.Select(id => (Match: lookup.ById(id), Target: (object)id))
            : Artist.Select(text => (Match: lookup.Resolve(text), Target: (object)text));
        foreach (var (match, target) in matches)
        {
            if (!match.Found)
            {
                WriteError(ErrorRecords.From(match, target));
                continue;
            }
            _queries++;
            // An artist nobody listened to in training keeps its initial zero vector: every similarity to it is 0.
            if (!Model.ArtistVector(match.Index).ContainsAnyExcept(0f))
            {
                WriteWarning($"NoTrainingListens: {Model.Artists[match.Index].Name} has no listens in the model's training data, so the model knows nothing about it and no artist is similar to it.");
                continue;
            }
            foreach (var row in SimilarArtists.Find(Model, match.Index, Top, Measure, minListeners)) WriteObject(row);
        }
        _clock.Stop();
    }

    protected override void EndProcessing() =>
        WriteVerbose($"Found the {Top} nearest artists ({Measure}, at least {_minListeners} training listener(s)) of {_queries} artist(s) in {_clock.Elapsed.TotalSeconds:N2} s.");
}
