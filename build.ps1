<#
.SYNOPSIS
    The one entry point: Build | Test | Demo | Install | Bench | Sample | Clean.
.DESCRIPTION
    Build   publishes a loadable module folder to out/LastFmMf.
    Test    builds, runs the xunit projects and then Pester in a fresh pwsh, and ends with one line
            'N passed, N failed, N skipped'; exits 1 on any failure or when nothing passed.
    Demo    builds and runs the main job on the bundled sample in a fresh pwsh.
    Install builds and copies the module into the user's module path (the first entry of $env:PSModulePath), as
            LastFmMf/<version>, so that `Import-Module LastFmMf` works from any folder, in any pwsh.
    Bench   runs the benchmarks (never part of Test): BenchmarkDotNet's on the real data (e.g. Bench '--filter' '*Sgd*'),
            or with 'scale' the figures at Last.fm-360K size on a generated 17.5 M-row collection, one line per figure
            with the peak resident memory of each section (e.g. Bench scale --only sgd --libmf ~/libmf); with 'pipeline',
            the whole pwsh process's peak for a training run through the cmdlets (e.g. Bench pipeline --objectives Bpr).
    Sample  regenerates data/sample from its seed (the committed output must not change); with -Format Lastfm360K or
            Lastfm1K, writes a synthetic collection of that shape instead (-Rows, -Seed, -MalformedLines, -TarGz) to
            -Destination (default out/sample-<format>), for tests and benchmarks. Never commit those files.
    Clean   removes out/ and every bin/ and obj/.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
.EXAMPLE
    dotnet pwsh ./build.ps1 Sample -Format Lastfm360K -Rows 17500000 -Destination /tmp/lastfm-360k -TarGz
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Install', 'Bench', 'Sample', 'Clean')]
    [string] $Task = 'Build',

    # Sample only: the shape of the synthetic collection to write (omitted: the bundled HetRec sample).
    [ValidateSet('Lastfm360K', 'Lastfm1K')]
    [string] $Format,
    # Sample -Format only: data lines to write, the seed, malformed lines mixed in, the output folder, and a .tar.gz beside it.
    [long] $Rows = 100000,
    [int] $Seed = 1,
    [int] $MalformedLines = 0,
    [string] $Destination,
    [switch] $TarGz,

    # Extra arguments for the benchmark runner, e.g. '--filter *Import*'.
    [Parameter(Position = 1, ValueFromRemainingArguments = $true)]
    [string[]] $Arguments = @()
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = $PSScriptRoot
. (Join-Path $Root 'tools/PlainTextWhenRedirected.ps1')
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'LastFmMf'
$Results = Join-Path $Out 'test-results'

function Invoke-Native {
    # Runs a native command and stops the build when it fails, echoing what ran.
    param([string] $Command, [string[]] $Arguments)
    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor DarkGray
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-Version {
    ([xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))).Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1
}

function Invoke-Build {
    if (Test-Path $ModuleOut) { Remove-Item -Recurse -Force $ModuleOut }
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/LastFmMf.PowerShell'), '-c', 'Release', '-o', $ModuleOut, '--nologo', '-v', 'q')
    # The module never ships the compile-time PowerShell reference or debug files.
    Get-ChildItem $ModuleOut -Filter '*.pdb' | Remove-Item
    Get-ChildItem $ModuleOut -Filter '*.deps.json' | Remove-Item
    # The module stays portable (no -r): SkiaSharp/HarfBuzzSharp native libraries stay in runtimes/<rid>/native/, where
    # NativeLibraries.cs (an IModuleAssemblyInitializer) loads them from, since pwsh does not read deps.json. Keep the
    # RIDs that class lists; the other nine of the fifteen would add about 100 MB.
    $keep = 'linux-x64', 'linux-arm64', 'linux-musl-x64', 'osx', 'win-x64', 'win-arm64'
    Get-ChildItem (Join-Path $ModuleOut 'runtimes') -Directory -ErrorAction SilentlyContinue |
        Where-Object Name -NotIn $keep | Remove-Item -Recurse -Force
    Copy-Item (Join-Path $Root 'module/*.psd1'), (Join-Path $Root 'module/*.ps1xml') $ModuleOut -Force
    # About topics (Get-Help about_LastFmMf) beside the MAML help.
    New-Item -ItemType Directory -Force (Join-Path $ModuleOut 'en-US') | Out-Null
    Copy-Item (Join-Path $Root 'module/en-US/*.help.txt') (Join-Path $ModuleOut 'en-US') -Force
    $manifest = Join-Path $ModuleOut 'LastFmMf.psd1'
    (Get-Content -Raw $manifest) -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$(Get-Version)'" |
        Set-Content -NoNewline $manifest
    $sample = Join-Path $ModuleOut 'data/sample'
    New-Item -ItemType Directory -Force $sample | Out-Null
    Copy-Item (Join-Path $Root 'data/sample/*') $sample -Force
    # MAML help from module/help/*.psd1 plus the built cmdlets' metadata, in a fresh pwsh (binary modules can't be unloaded).
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/New-MamlHelp.ps1') -ModulePath $manifest `
        -HelpSource (Join-Path $Root 'module/help') -Destination (Join-Path $ModuleOut 'en-US/LastFmMf.PowerShell.dll-Help.xml')
    if ($LASTEXITCODE -ne 0) { throw 'Writing the help failed; see above.' }
    Write-Host "Module published to $ModuleOut"
}

function Get-PesterPath {
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/PesterRestore/PesterRestore.csproj'), '--nologo', '-v', 'q')
    $line = & dotnet nuget locals global-packages --list
    $packages = ($line -replace '^global-packages:\s*', '').Trim()
    $version = ([xml](Get-Content -Raw (Join-Path $Root 'tests/PesterRestore/PesterRestore.csproj'))).Project.ItemGroup.PackageDownload.Version.Trim('[', ']')
    $psd1 = Join-Path $packages "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path $psd1)) { throw "Pester $version was restored but $psd1 is missing." }
    $psd1
}

function Get-TrxCounts([string] $Folder) {
    # Count the results themselves: the TRX summary counters leave skipped tests out.
    $totals = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($trx in Get-ChildItem $Folder -Filter '*.trx' -ErrorAction SilentlyContinue) {
        foreach ($r in ([xml](Get-Content -Raw $trx.FullName)).TestRun.Results.UnitTestResult) {
            switch ($r.outcome) {
                'Passed' { $totals.Passed++ }
                { $_ -in 'Failed', 'Error', 'Timeout', 'Aborted' } { $totals.Failed++ }
                default { $totals.Skipped++ }
            }
        }
    }
    $totals
}

function Invoke-Test {
    Invoke-Build
    if (Test-Path $Results) { Remove-Item -Recurse -Force $Results }
    New-Item -ItemType Directory -Force $Results | Out-Null

    $xunitFailed = $false
    foreach ($project in Get-ChildItem (Join-Path $Root 'tests') -Recurse -Filter '*.Tests.csproj') {
        $name = $project.BaseName
        & dotnet test $project.FullName -c Release --nologo --logger "trx;LogFileName=$name.trx" --logger 'console;verbosity=minimal' --results-directory $Results
        if ($LASTEXITCODE -ne 0) { $xunitFailed = $true }
    }
    $xunit = Get-TrxCounts $Results

    $pester = Get-PesterPath
    $pesterJson = Join-Path $Results 'pester.json'
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Pester/Invoke-PesterSuite.ps1') `
        -PesterPath $pester -ModulePath (Join-Path $ModuleOut 'LastFmMf.psd1') -ResultPath $pesterJson
    $pesterExit = $LASTEXITCODE
    $p = if (Test-Path $pesterJson) { Get-Content -Raw $pesterJson | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }

    $passed = $xunit.Passed + $p.Passed
    $failed = $xunit.Failed + $p.Failed
    $skipped = $xunit.Skipped + $p.Skipped
    # A test project that crashed before writing its TRX, or Pester dying, still counts as a failure.
    if ($failed -eq 0 -and ($xunitFailed -or $pesterExit -ne 0)) { $failed = 1 }
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped; Pester: $($p.Passed) passed, $($p.Failed) failed, $($p.Skipped) skipped"
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Demo.ps1') -ModulePath (Join-Path $ModuleOut 'LastFmMf.psd1') -OutputFolder (Join-Path $Out 'demo')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Install {
    Invoke-Build
    $target = & (Join-Path $Root 'tools/Install-LastFmMf.ps1') -ModuleFolder $ModuleOut
    Write-Host "Module installed to $target; from any folder: Import-Module LastFmMf"
}

function Invoke-Bench {
    if ($Arguments.Count -gt 0 -and $Arguments[0] -eq 'pipeline') { Invoke-PipelineBench @($Arguments | Select-Object -Skip 1); return }
    $bench = @('run', '-c', 'Release', '--project', (Join-Path $Root 'tests/LastFmMf.Benchmarks'), '--')
    # 'Bench scale' runs the figures at Last.fm-360K size (tests/LastFmMf.Benchmarks/Scale); without --data it generates
    # the 17.5 M-row collection (seed 7, as docs/benchmarks.md and docs/scale.md measured) once into out/bench-lastfm360k
    # (about 1.5 GB) and reads that.
    if ($Arguments.Count -gt 0 -and $Arguments[0] -eq 'scale' -and $Arguments -notcontains '--data') {
        $data = Join-Path $Out 'bench-lastfm360k'
        if (-not (Test-Path (Join-Path $data 'usersha1-artmbid-artname-plays.tsv'))) {
            Invoke-Native dotnet @('run', '-c', 'Release', '--project', (Join-Path $Root 'tools/LastFmMf.SampleData'), '--',
                $data, '--format', 'Lastfm360K', '--rows', '17500000', '--seed', '7', '--malformed', '0')
        }
        $Arguments = @('scale', '--data', $data) + @($Arguments | Select-Object -Skip 1)
    }
    Invoke-Native dotnet ($bench + $Arguments)
}

# 'Bench pipeline [--data DIR] [--objectives Squared,Preference,Bpr,Implicit] [--forms Stages,Pipeline] [--factors 64]
# [--epochs 3]': the whole pwsh process's peak resident size (/usr/bin/time -v) for one training run through the cmdlets
# (tests/LastFmMf.Benchmarks/Pipeline/PipelineMemory.ps1), per objective and form; its stage lines, then one summary line.
function Invoke-PipelineBench([string[]] $Options) {
    $o = @{ data = (Join-Path $Out 'bench-lastfm360k'); objectives = 'Squared,Preference,Bpr,Implicit'; forms = 'Stages,Pipeline'; factors = '64'; epochs = '3' }
    for ($i = 0; $i -lt $Options.Count; $i += 2) {
        $name = $Options[$i] -replace '^--', ''
        if (-not $o.ContainsKey($name) -or $i + 1 -ge $Options.Count) { throw "Bench pipeline takes --data, --objectives, --forms, --factors and --epochs, each with a value; got '$($Options[$i])'." }
        $o[$name] = $Options[$i + 1]
    }
    if (-not (Test-Path /usr/bin/time)) { throw 'Bench pipeline reads the peak from /usr/bin/time -v (Debian package "time"), which is not installed.' }
    if (-not (Test-Path $o.data)) { throw "No data at $($o.data): run 'Bench scale' once (it generates out/bench-lastfm360k), or pass --data." }
    Invoke-Build
    $script = Join-Path $Root 'tests/LastFmMf.Benchmarks/Pipeline/PipelineMemory.ps1'
    foreach ($objective in $o.objectives -split ',') {
        foreach ($form in $o.forms -split ',') {
            $log = [IO.Path]::GetTempFileName()
            & /usr/bin/time -v -o $log dotnet pwsh -NoProfile -NonInteractive -File $script -ModulePath (Join-Path $ModuleOut 'LastFmMf.psd1') `
                -Path $o.data -Objective $objective -Form $form -Factors $o.factors -Epochs $o.epochs | ForEach-Object { "  $_" }
            $failed = $LASTEXITCODE
            $peak = [long]((Get-Content $log | Where-Object { $_ -match 'Maximum resident set size' }) -replace '\D', '')
            Remove-Item $log
            if ($failed -ne 0) { throw "The $objective $form run failed (exit $failed)." }
            Write-Host ("pipeline: {0} {1}, k={2}: peak {3:N0} KiB = {4:N3} x 10^9 bytes" -f $objective, $form, $o.factors, $peak, ($peak * 1024 / 1e9))
        }
    }
}

function Invoke-Sample {
    $project = @('run', '-c', 'Release', '--project', (Join-Path $Root 'tools/LastFmMf.SampleData'), '--')
    if (-not $Format) {
        foreach ($p in 'Rows', 'Seed', 'MalformedLines', 'Destination', 'TarGz') {
            if ($PSBoundParameters.ContainsKey($p)) { throw "-$p applies to Sample -Format Lastfm360K|Lastfm1K only; the bundled sample has a fixed seed and size." }
        }
        Invoke-Native dotnet ($project + (Join-Path $Root 'data/sample'))
        return
    }
    $folder = if ($Destination) { $Destination } else { Join-Path $Out "sample-$Format" }
    $extra = if ($TarGz) { @('--tar-gz') } else { @() }
    Invoke-Native dotnet ($project + @($folder, '--format', $Format, '--rows', $Rows, '--seed', $Seed, '--malformed', $MalformedLines) + $extra)
}

function Invoke-Clean {
    if (Test-Path $Out) { Remove-Item -Recurse -Force $Out }
    Get-ChildItem $Root -Recurse -Directory -Include 'bin', 'obj' | Remove-Item -Recurse -Force
}

Push-Location $Root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Install' { Invoke-Install }
        'Bench' { Invoke-Bench }
        'Sample' { Invoke-Sample }
        'Clean' { Invoke-Clean }
    }
}
finally {
    Pop-Location
}
