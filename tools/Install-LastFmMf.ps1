<#
.SYNOPSIS
    Copies a built module folder (out/LastFmMf) into a module path, as <Destination>/LastFmMf/<version>, so that
    `Import-Module LastFmMf` works from any folder and in any pwsh, not only `dotnet pwsh` inside the repository.
.DESCRIPTION
    Run by `build.ps1 Install` after the build. The destination defaults to the first entry of $env:PSModulePath, which
    is the current user's module folder (~/.local/share/powershell/Modules on Linux and macOS,
    Documents\PowerShell\Modules on Windows). An installed copy of the same version is replaced; other versions stay.
    Writes the folder it installed to.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleFolder,
    [string] $Destination = (($env:PSModulePath -split [System.IO.Path]::PathSeparator | Where-Object { $_ }) | Select-Object -First 1)
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$manifest = Join-Path $ModuleFolder 'LastFmMf.psd1'
if (-not (Test-Path $manifest)) { throw "No built module at $ModuleFolder (expected LastFmMf.psd1); run build.ps1 Build first." }
if (-not $Destination) { throw 'PSModulePath is empty; pass -Destination.' }
$version = (Import-PowerShellDataFile $manifest).ModuleVersion
$target = Join-Path $Destination "LastFmMf/$version"
# A loaded copy of the same version can't be overwritten file by file on Windows; replacing the folder says so clearly.
if (Test-Path $target) { Remove-Item -Recurse -Force $target }
New-Item -ItemType Directory -Force $target | Out-Null
Copy-Item (Join-Path $ModuleFolder '*') $target -Recurse -Force
$target
