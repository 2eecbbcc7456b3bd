<#
.SYNOPSIS
    The main job on the bundled sample: import, split, train, recommend, evaluate; writes CSVs and the four charts
    of the run (PNG) to -OutputFolder.
    Run by `build.ps1 Demo` in a fresh pwsh, after the module is built.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputFolder
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
New-Item -ItemType Directory -Force $OutputFolder | Out-Null

Write-Host "`n== Import-LastFmData (no -Path: the bundled sample) ==" -ForegroundColor Cyan
$data = Import-LastFmData
$data | Format-List | Out-Host

Write-Host "== The ten artists with the most listeners ==" -ForegroundColor Cyan
$listeners = $data.Listens.ListenerCounts()
$top = 0..($data.ArtistCount - 1) | Sort-Object { $listeners[$_] } -Descending | Select-Object -First 10 |
    ForEach-Object { [pscustomobject]@{ ArtistId = $data.Artists[$_].Id; Name = $data.Artists[$_].Name; Listeners = $listeners[$_] } }
$top | Format-Table -AutoSize | Out-Host
$top | Export-Csv (Join-Path $OutputFolder 'popular-artists.csv') -NoTypeInformation

Write-Host "== Split-LastFmData -Seed 42 (20% of each user's artists held out) ==" -ForegroundColor Cyan
$split = $data | Split-LastFmData -Seed 42
$split | Format-Table | Out-Host

Write-Host "== Invoke-MfTraining (defaults; early stopping on a validation set carved from Train) ==" -ForegroundColor Cyan
$run = $split | Invoke-MfTraining
$run | Format-Table | Out-Host
$run.History | Select-Object -Last 5 | Format-Table | Out-Host
$run.History | Export-Csv (Join-Path $OutputFolder 'loss-curve.csv') -NoTypeInformation
$run | Export-MfModel (Join-Path $OutputFolder 'model.lfmf') -Force | Out-Null

Write-Host "== Measure-MfModel: the model beside the trivial answers ==" -ForegroundColor Cyan
$table = Measure-MfModel -Model $run -TestData $split
$table | Format-Table -AutoSize | Out-String -Width 250 | Out-Host
$table | Export-Csv (Join-Path $OutputFolder 'evaluation.csv') -NoTypeInformation

Write-Host "== Export-MfChart: the run in pictures ==" -ForegroundColor Cyan
$charts = @(
    $run | Export-MfChart -Kind LossCurve (Join-Path $OutputFolder 'loss-curve.png') -Force
    $run | Export-MfChart -Kind NormByPopularity (Join-Path $OutputFolder 'norm-by-popularity.png') -Force
    # Unit-length vectors: the norm chart already shows popularity; the map shows directions (what cosine similarity sees).
    $run | Export-MfChart -Kind ArtistMap (Join-Path $OutputFolder 'artist-map.png') -Width 1200 -Height 900 -Normalize -Force
    $table | Export-MfChart -Kind Metrics (Join-Path $OutputFolder 'metrics.png') -Force
)
$charts | ForEach-Object { Write-Host "  $($_.FullName)" }

Write-Host "== Get-MfRecommendation -UserId 2 -Explain ==" -ForegroundColor Cyan
Get-MfRecommendation -Model $run -UserId 2 -Explain | Format-Table -AutoSize | Out-String -Width 250 | Out-Host
Get-MfRecommendation -Model $run | Export-Csv (Join-Path $OutputFolder 'recommendations.csv') -NoTypeInformation

$first = $run.Model.Artists[0].Name
Write-Host "== Get-MfSimilarArtist '$first' (Cosine) ==" -ForegroundColor Cyan
Get-MfSimilarArtist $first -Model $run -Top 5 | Format-Table -AutoSize | Out-String -Width 250 | Out-Host

Write-Host "Demo output (CSVs, model.lfmf and the charts listed above) written to $OutputFolder" -ForegroundColor Green
