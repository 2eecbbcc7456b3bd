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
# Each verdict is computed from the table: a model that does not beat a trivial answer says so, in yellow.
$verdicts = @(
    [pscustomobject]@{ Model = 'Preference'; Measure = 'NDCG@10'; Value = $row.Preference.Ndcg; Baseline = 'Popularity'; Theirs = $row.Popularity.Ndcg; HigherIsBetter = $true }
    [pscustomobject]@{ Model = 'Preference'; Measure = 'NDCG@10'; Value = $row.Preference.Ndcg; Baseline = 'Random'; Theirs = $row.Random.Ndcg; HigherIsBetter = $true }
    [pscustomobject]@{ Model = 'Squared'; Measure = 'RMSE'; Value = $row.Squared.Rmse; Baseline = 'GlobalMean'; Theirs = $row.GlobalMean.Rmse; HigherIsBetter = $false }
    [pscustomobject]@{ Model = 'Squared'; Measure = 'RMSE'; Value = $row.Squared.Rmse; Baseline = 'UserArtistBias'; Theirs = $row.UserArtistBias.Rmse; HigherIsBetter = $false }
)
foreach ($v in $verdicts) {
    $beats = if ($v.HigherIsBetter) { $v.Value -gt $v.Theirs } else { $v.Value -lt $v.Theirs }
    Write-Host ('{0} {1} {2:N4} {3} {4} ({5:N4}).' -f $v.Model, $v.Measure, $v.Value, ($beats ? 'beats' : 'does not beat'), $v.Baseline, $v.Theirs) -ForegroundColor ($beats ? 'Green' : 'Yellow')
    if (-not $beats -and $v.Baseline -eq 'UserArtistBias') {
        Write-Host ("  On this generated sample a play count is log-normal around its user's`n" +
            "  volume (sigma 1 on the log scale), with a small bonus for taste`n" +
            "  (data/sample/README.md): the user and artist levels leave the factors`n" +
            "  little to predict.") -ForegroundColor Yellow
    }
}

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
