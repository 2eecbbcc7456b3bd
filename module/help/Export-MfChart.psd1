@{
    Synopsis    = 'Draws loss curves, embedding norms, an artist map or metric bars to a PNG or SVG file, atomically.'
    Description = @'
Four pictures for judging a training run and an embedding space by looking, drawn with ScottPlot 5 (SkiaSharp):

-Kind LossCurve: from one TrainingRun or many piped runs (a sweep), the objective J, the train RMSE (dashed) and the
test RMSE (solid; the validation RMSE when the run had no test part) per epoch, and the validation NDCG@10 in a third
panel when the history records it (the ranking objectives do). One colour per run, labelled by the hyperparameters
that differ between the runs; a dotted line marks the epoch whose model was kept.

-Kind NormByPopularity: every artist with at least one training listener, its embedding norm ‖q_a‖ against its number
of training listeners on a log axis, with Spearman's rank correlation; the most listened artists are named. It shows
how popularity drives the dot-product scores of a model.

-Kind ArtistMap: the artist embeddings of artists with at least -MinListeners training listeners, projected on their
first two principal axes (PCA by MathNet.Numerics' SVD of the centred embeddings' scatter matrix; the axis titles give
the share of variance each explains). Points are coloured by each artist's most frequent tag among the eight tags most
common in the plotted artists' top tags ("other" and "untagged" in grey); the most listened artists are named.

-Kind Metrics: bars of Measure-MfModel rows at K — Precision, Recall, NDCG, MAP, HitRate and Coverage — one colour per
model or baseline. Rows with no ranking measure (the error-only baselines) are left out.

The title says what was trained on what (hyperparameters, split and data source). The file format is chosen by the
extension (.png or .svg); -Width and -Height set the size in pixels. The file is written to a temporary name in the
same folder and renamed when complete; an existing file is replaced only with -Force. Text needs a font: on a machine
with no font files the cmdlet warns that the chart's text will be blank. ErrorIds: UnsupportedChartFormat,
FolderNotFound, PathIsFolder, FileExists, NoChartInput, NotATrainingRun, NotAModel, OneModelOnly,
NotAnEvaluationRow, InvalidChartInput, WriteFailed.
'@
    Parameters  = @{
        InputObject  = 'What to draw, from the pipeline or as an array: TrainingRuns (LossCurve), one TrainingRun, SavedModel or FactorModel (NormByPopularity, ArtistMap; the model must carry its training listens, as a run''s or a model file''s does), or rows of Measure-MfModel (Metrics).'
        Kind         = 'The chart: LossCurve, NormByPopularity, ArtistMap or Metrics.'
        Path         = 'The file to write, ending in .png or .svg. Its folder must exist.'
        Width        = 'Image width in pixels, 200 to 8000. Default 1200.'
        Height       = 'Image height in pixels, 150 to 8000. Default 800.'
        LabelCount   = 'How many of the most listened artists to name on NormByPopularity (default 8) and ArtistMap (default 15); 0 names none.'
        MinListeners = 'ArtistMap only: draw (and fit the projection on) the artists with at least this many training listeners. Default 5.'
        Normalize    = 'ArtistMap only: scale every artist vector to unit length before the projection, so the map shows directions (what Get-MfSimilarArtist -Measure Cosine compares) instead of being stretched by the large norms of popular artists.'
        Force        = 'Replace an existing file.'
    }
    Inputs      = @('LastFmMf.Training.TrainingRun', 'LastFmMf.Persistence.SavedModel', 'LastFmMf.Training.FactorModel', 'LastFmMf.Evaluation.EvaluationRow')
    Examples    = @(
        @{
            Title   = 'The four charts of one run'
            Code    = '$split = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42
$run = $split | Invoke-MfTraining -Factors 16 -Epochs 10
$run | Export-MfChart -Kind LossCurve ./loss.png -Force
$run | Export-MfChart -Kind NormByPopularity ./norms.png -Force
$run | Export-MfChart -Kind ArtistMap ./map.svg -Width 1000 -Height 1000 -Force
Measure-MfModel -Model $run -TestData $split | Export-MfChart -Kind Metrics ./metrics.png -Force'
            Remarks = 'Writes loss.png, norms.png, map.svg and metrics.png and returns their FileInfo objects.'
        }
        @{
            Title   = 'Loss curves of a sweep, one line per run'
            Code    = '$split = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42
$runs = foreach ($l in 1, 10, 30) { $split | Invoke-MfTraining -Factors 16 -Epochs 8 -Regularization $l }
$runs | Export-MfChart -Kind LossCurve ./sweep.svg -Force'
            Remarks = 'The runs differ only in λ, so the legend reads λ=1, λ=10, λ=30.'
        }
    )
    Links       = @('Invoke-MfTraining', 'Measure-MfModel', 'Export-MfModel')
}
