<#
.SYNOPSIS
    One training run through the module's cmdlets, for `build.ps1 Bench pipeline`, which runs this script under
    /usr/bin/time -v and reads the whole process's peak resident size.
.DESCRIPTION
    -Form Stages assigns each stage to a variable (import, split, drop the import, train) and prints the process's peak
    (VmHWM) and live managed size after each. -Form Pipeline is the README's one pipeline,
    Import-LastFmData | Split-LastFmData | Invoke-MfTraining, where the import stays alive until the pipeline ends.
    Either way: split PerUser with seed 1, then -Epochs epochs of -Objective at -Factors, -Patience 0. The peak counter is
    never reset (no writes to /proc/self/clear_refs), so /usr/bin/time's maximum is the whole run's.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Path,
    [string] $Objective = 'Squared',
    [ValidateSet('Stages', 'Pipeline')] [string] $Form = 'Stages',
    [int] $Factors = 64,
    [int] $Epochs = 3
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

function Write-Stage([string] $Stage) {
    $status = Get-Content /proc/self/status
    $kib = { param($name) [long](($status | Where-Object { $_ -like "$($name):*" }) -replace '\D', '') }
    "{0,-26} peak {1,6:N0} MB, now {2,6:N0} MB, live {3,6:N0} MB" -f $Stage, ((& $kib VmHWM) / 1KB), ((& $kib VmRSS) / 1KB),
        ([GC]::GetTotalMemory($true) / 1MB)
}

$train = @{ Objective = $Objective; Factors = $Factors; Epochs = $Epochs; Patience = 0 }
if ($Form -eq 'Stages') {
    Write-Stage 'module loaded'
    $data = Import-LastFmData $Path -WarningAction SilentlyContinue
    Write-Stage 'import'
    $split = Split-LastFmData -Data $data -Seed 1
    Remove-Variable data
    Write-Stage 'split (import dropped)'
    $run = Invoke-MfTraining $split @train
    Write-Stage 'train'
}
else {
    $run = Import-LastFmData $Path -WarningAction SilentlyContinue | Split-LastFmData -Seed 1 | Invoke-MfTraining @train
    Write-Stage 'pipeline done'
}
"best epoch {0}; epochs {1}" -f $run.BestEpoch, (($run.History | ForEach-Object { '{0:F2} s' -f $_.Seconds }) -join ', ')
