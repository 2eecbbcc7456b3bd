using System.Collections;
using System.Management.Automation;
using LastFmMf.Charts;
using LastFmMf.Evaluation;
using LastFmMf.PowerShell.Charts;
using LastFmMf.Training;

namespace LastFmMf.PowerShell.Commands;

/// <summary>What Export-MfChart draws.</summary>
public enum ChartKind
{
    /// <summary>Objective, train/test RMSE and (when recorded) validation NDCG@10 per epoch, one line per run.</summary>
    LossCurve,
    /// <summary>Artist embedding norm against number of training listeners (log axis).</summary>
    NormByPopularity,
    /// <summary>A PCA projection of the artist embeddings, coloured by tag, the most listened artists named.</summary>
    ArtistMap,
    /// <summary>Bars of Measure-MfModel rows: the ranking measures at K, model against baselines.</summary>
    Metrics,
}

/// <summary>Writes a chart of training runs, a model's embeddings or evaluation rows to a PNG or SVG file, atomically.</summary>
[Cmdlet(VerbsData.Export, "MfChart", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportMfChartCommand : PSCmdlet
{
    private readonly CancellationTokenSource _stop = new();

    protected override void StopProcessing() => _stop.Cancel();

    private readonly List<object> _inputs = [];
    private string _path = null!;
    private ChartFormat _format;

    /// <summary>Runs (LossCurve), one run or model (NormByPopularity, ArtistMap) or Measure-MfModel rows (Metrics).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [Alias("Run", "Model")]
    [ValidateNotNull]
    public object InputObject { get; set; } = null!;

    /// <summary>What to draw.</summary>
    [Parameter(Mandatory = true)]
    public ChartKind Kind { get; set; }

    /// <summary>The file to write; .png or .svg decides the format.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Path { get; set; } = null!;

    /// <summary>Image width in pixels.</summary>
    [Parameter]
    [ValidateRange(200, 8000)]
    public int Width { get; set; } = 1200;

    /// <summary>Image height in pixels.</summary>
    [Parameter]
    [ValidateRange(150, 8000)]
    public int Height { get; set; } = 800;

    /// <summary>How many of the most listened artists to name (NormByPopularity: 8, ArtistMap: 15).</summary>
    [Parameter]
    [ValidateRange(0, 200)]
    public int? LabelCount { get; set; }

    /// <summary>ArtistMap: only artists with at least this many training listeners.</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int MinListeners { get; set; } = 5;

    /// <summary>ArtistMap: scale every artist vector to unit length before the projection (a map of directions, as cosine similarity sees them).</summary>
    [Parameter]
    public SwitchParameter Normalize { get; set; }

    /// <summary>Replace an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        _path = GetUnresolvedProviderPathFromPSPath(Path);
        if (ChartFile.FormatOf(_path) is not { } format)
        {
            ThrowTerminatingError(ErrorRecords.Argument("UnsupportedChartFormat",
                $"{_path} must end in .png or .svg: the extension decides the format.", Path));
            return;
        }
        _format = format;
        var folder = System.IO.Path.GetDirectoryName(_path)!;
        if (!Directory.Exists(folder))
            ThrowTerminatingError(ErrorRecords.NotFound("FolderNotFound", $"The folder {folder} does not exist; create it first.", _path));
        if (Directory.Exists(_path))
            ThrowTerminatingError(ErrorRecords.Argument("PathIsFolder", $"{_path} is a folder; give a file name ending in .png or .svg.", _path));
        if (File.Exists(_path) && !Force)
            ThrowTerminatingError(new ErrorRecord(new IOException($"{_path} already exists; use -Force to replace it."), "FileExists", ErrorCategory.ResourceExists, _path));
    }

    protected override void ProcessRecord()
    {
        var value = InputObject is PSObject ps ? ps.BaseObject : InputObject;
        if (value is IEnumerable items and not string)
            foreach (var item in items) { if (item is not null) _inputs.Add(item is PSObject p ? p.BaseObject : item); }
        else _inputs.Add(value);
    }

    protected override void EndProcessing()
    {
        if (_inputs.Count == 0)
            ThrowTerminatingError(ErrorRecords.Argument("NoChartInput", $"Nothing to draw: -Kind {Kind} needs {Needs(Kind)}.", null));
        if (ChartFonts.Configure() is { } warning) WriteWarning(warning);

        byte[] bytes;
        string what;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            (bytes, what) = Kind switch
            {
                ChartKind.LossCurve => Loss(),
                ChartKind.NormByPopularity => Norms(),
                ChartKind.ArtistMap => Map(),
                _ => Metrics(),
            };
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "InvalidChartInput", ErrorCategory.InvalidArgument, _inputs.Count == 1 ? _inputs[0] : _inputs.ToArray()));
            return;
        }

        if (!ShouldProcess(_path, $"Write {Kind} chart ({_format}, {Width}×{Height}) of {what}")) return;
        try
        {
            ChartFile.WriteAtomic(_path, bytes, overwrite: Force);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(e, "WriteFailed", ErrorCategory.WriteError, _path));
        }
        WriteVerbose($"Wrote the {Kind} chart of {what} to {_path} ({_format}, {Width}×{Height}, {bytes.Length:N0} bytes) in {clock.Elapsed.TotalSeconds:N2} s.");
        WriteObject(ProviderItem.Get(this, _path));
    }

    private (byte[], string) Loss()
    {
        var runs = new List<TrainingRun>();
        foreach (var item in _inputs)
        {
            if (item is TrainingRun run) runs.Add(run);
            else WriteError(ErrorRecords.Argument("NotATrainingRun",
                $"-Kind LossCurve draws TrainingRuns (from Invoke-MfTraining), which hold their history; {item.GetType().Name} was left out.", item));
        }
        if (runs.Count == 0)
            ThrowTerminatingError(ErrorRecords.Argument("NoChartInput", "Nothing to draw: -Kind LossCurve needs one or more TrainingRuns.", _inputs[0]));
        return (Stoppable.Run(() => ChartRenderer.Render(LossCurves.From(runs), Width, Height, _format), _stop.Token), runs.Count == 1 ? "1 run" : $"{runs.Count} runs");
    }

    private (FactorModel Model, string? TrainedOn) OneModel()
    {
        if (_inputs.Count > 1)
            ThrowTerminatingError(ErrorRecords.Argument("OneModelOnly",
                $"-Kind {Kind} draws one model; {_inputs.Count} were given. Pipe them one at a time (ForEach-Object) to chart each.", _inputs[1]));
        var item = _inputs[0];
        try
        {
            var model = ModelTransformationAttribute.ToModel(item);
            string? on = item switch
            {
                TrainingRun run => $"{run.Hyperparameters}, trained on {LossCurves.TrainedOn(run)}",
                _ when model.Origin is { } origin => $"{origin} ({model.UserCount:N0} users, {model.ArtistCount:N0} artists)",
                _ => null,
            };
            return (model, on);
        }
        catch (ArgumentTransformationMetadataException e)
        {
            ThrowTerminatingError(ErrorRecords.Argument("NotAModel", e.Message, item));
            throw;
        }
    }

    private (byte[], string) Norms()
    {
        var (model, on) = OneModel();
        var data = EmbeddingCharts.NormByPopularity(model, LabelCount ?? 8, on);
        return (Stoppable.Run(() => ChartRenderer.Render(data, Width, Height, _format), _stop.Token), model.ToString());
    }

    private (byte[], string) Map()
    {
        var (model, on) = OneModel();
        var data = EmbeddingCharts.ArtistMap(model, MinListeners, 8, LabelCount ?? 15, on, Normalize);
        return (Stoppable.Run(() => ChartRenderer.Render(data, Width, Height, _format), _stop.Token), model.ToString());
    }

    private (byte[], string) Metrics()
    {
        var rows = new List<EvaluationRow>();
        foreach (var item in _inputs)
        {
            if (item is EvaluationRow row) rows.Add(row);
            else WriteError(ErrorRecords.Argument("NotAnEvaluationRow",
                $"-Kind Metrics draws the rows of Measure-MfModel; {item.GetType().Name} was left out.", item));
        }
        if (rows.Count == 0)
            ThrowTerminatingError(ErrorRecords.Argument("NoChartInput", "Nothing to draw: -Kind Metrics needs rows from Measure-MfModel.", _inputs[0]));
        return (Stoppable.Run(() => ChartRenderer.Render(MetricBars.From(rows), Width, Height, _format), _stop.Token), $"{rows.Count} rows");
    }

    private static string Needs(ChartKind kind) => kind switch
    {
        ChartKind.LossCurve => "one or more TrainingRuns",
        ChartKind.Metrics => "rows from Measure-MfModel",
        _ => "a TrainingRun or a model",
    };
}
