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
. (Join-Path $PSScriptRoot 'PlainTextWhenRedirected.ps1')
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

Write-Host "== Invoke-MfTraining: the default (Preference: the course's squared loss and gravity on preferences, by SGD; early stopping on validation NDCG@10) ==" -ForegroundColor Cyan
$implicit = $split | Invoke-MfTraining
$implicit | Format-Table | Out-Host
$implicit.History | Select-Object -Last 3 | Format-Table | Out-Host
$implicit.History | Export-Csv (Join-Path $OutputFolder 'loss-curve.csv') -NoTypeInformation
$implicit | Export-MfModel (Join-Path $OutputFolder 'model.lfmf') -Force | Out-Null

Write-Host "== Invoke-MfTraining -Objective Squared (fits play counts: where RMSE is the point) ==" -ForegroundColor Cyan
$run = $split | Invoke-MfTraining -Objective Squared
$run | Format-Table | Out-Host

Write-Host "== Measure-MfModel: both models beside the trivial answers (K = 10) ==" -ForegroundColor Cyan
$table = $implicit, $run | Measure-MfModel -TestData $split
$table | Format-Table -AutoSize | Out-String -Width 250 | Out-Host
$table | Export-Csv (Join-Path $OutputFolder 'evaluation.csv') -NoTypeInformation
$row = @{}; $table | ForEach-Object { $row[($_.Model -split ' ')[0]] = $_ }
Write-Host ("Preference NDCG@10 {0:N4} against Popularity {1:N4} and Random {2:N4}; Squared RMSE {3:N4} against GlobalMean {4:N4} and UserArtistBias {5:N4}." -f
    $row.Preference.Ndcg, $row.Popularity.Ndcg, $row.Random.Ndcg, $row.Squared.Rmse, $row.GlobalMean.Rmse, $row.UserArtistBias.Rmse) -ForegroundColor Green

Write-Host "== Export-MfChart: the runs in pictures ==" -ForegroundColor Cyan
$charts = @(
    $implicit, $run | Export-MfChart -Kind LossCurve (Join-Path $OutputFolder 'loss-curve.png') -Force
    $implicit | Export-MfChart -Kind NormByPopularity (Join-Path $OutputFolder 'norm-by-popularity.png') -Force
    # Unit-length vectors: the norm chart already shows popularity; the map shows directions (what cosine similarity sees).
    $implicit | Export-MfChart -Kind ArtistMap (Join-Path $OutputFolder 'artist-map.png') -Width 1200 -Height 900 -Normalize -Force
    $table | Export-MfChart -Kind Metrics (Join-Path $OutputFolder 'metrics.png') -Force
)
$charts | ForEach-Object { Write-Host "  $($_.FullName)" }

Write-Host "== Get-MfRecommendation -UserId 2 -Explain (the default model) ==" -ForegroundColor Cyan
Get-MfRecommendation -Model $implicit -UserId 2 -Explain | Format-Table -AutoSize | Out-String -Width 250 | Out-Host
Get-MfRecommendation -Model $implicit | Export-Csv (Join-Path $OutputFolder 'recommendations.csv') -NoTypeInformation

$first = $implicit.Model.Artists[0].Name
Write-Host "== Get-MfSimilarArtist '$first' (Cosine) ==" -ForegroundColor Cyan
Get-MfSimilarArtist $first -Model $implicit -Top 5 | Format-Table -AutoSize | Out-String -Width 250 | Out-Host

Write-Host "Demo output (CSVs, model.lfmf and the charts listed above) written to $OutputFolder" -ForegroundColor Green
