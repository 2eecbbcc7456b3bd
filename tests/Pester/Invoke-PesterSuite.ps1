<#
.SYNOPSIS
    Runs every *.Tests.ps1 here against the published module, in this (fresh) pwsh, and writes the counts
    as JSON for build.ps1 to add up.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../../tools/PlainTextWhenRedirected.ps1')
Import-Module $PesterPath -Force
$env:LASTFMMF_MODULE_PATH = $ModulePath

$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
# Pester writes its own ANSI colours unless told otherwise.
if ([Console]::IsOutputRedirected) { $config.Output.RenderMode = 'Plaintext' }
$result = Invoke-Pester -Configuration $config

[ordered]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content $ResultPath
exit ([int]($result.Result -ne 'Passed'))
