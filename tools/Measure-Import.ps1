<#
.SYNOPSIS
    Times Import-LastFmData (and optionally a split and a training run) on one dataset, in this process, for the
    import benchmarks in docs/benchmarks.md. Run it under /usr/bin/time -v to get the whole process's peak RSS:
        /usr/bin/time -v dotnet pwsh -NoProfile -File tools/Measure-Import.ps1 -Path /tmp/lastfm-360k
    Never part of the test run.
#>
param(
    [Parameter(Mandatory)] [string] $Path,
    # The module to measure (another build, e.g. of an older commit, for a before/after).
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/LastFmMf/LastFmMf.psd1'),
    # Also split (PerUser 0.2, seed 1) and train this many epochs (0: import only).
    [int] $Epochs = 0,
    [int] $Factors = 64,
    [string] $Objective = 'Preference',
    [switch] $SkipMalformed
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$clock = [Diagnostics.Stopwatch]::StartNew()
$import = @{ Path = $Path }
if ($SkipMalformed) { $import.SkipMalformed = $true }
$data = Import-LastFmData @import -WarningAction SilentlyContinue
$imported = $clock.Elapsed.TotalSeconds
"import: {0:F2} s, {1:N0} users, {2:N0} artists, {3:N0} listens" -f $imported, $data.UserCount, $data.ArtistCount, $data.ListenCount
if ($Epochs -gt 0) {
    $clock.Restart()
    $split = $data | Split-LastFmData -Seed 1
    "split: {0:F2} s" -f $clock.Elapsed.TotalSeconds
    $clock.Restart()
    $run = $split | Invoke-MfTraining -Objective $Objective -Factors $Factors -Epochs $Epochs -Patience 0 -ValidationUsers 500 -Seed 1
    "train ($Objective, k=$Factors, $Epochs epochs): {0:F2} s" -f $clock.Elapsed.TotalSeconds
}
"managed heap after: {0:N0} MB" -f ([GC]::GetTotalMemory($false) / 1MB)
