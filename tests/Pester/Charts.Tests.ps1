# Export-MfChart driven as a user does: real PNG/SVG files of the requested size, atomic writes, clear errors.
# The files' text depends on fonts the machine may lack, so nothing here looks at glyphs: only at formats and sizes
# (the data behind each chart is tested by xunit, in tests/LastFmMf.Core.Tests/Charts).
BeforeAll {
    # Most models here fit play counts on purpose; their warning (tested in DefaultObjective.Tests.ps1) stays out of the log.
    $script:PSDefaultParameterValues = @{ 'Get-MfRecommendation:WarningAction' = 'SilentlyContinue'; 'Get-MfSimilarArtist:WarningAction' = 'SilentlyContinue' }
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-LastFmMfModulePath) -Force
    $script:sample = Join-Path (Split-Path (Get-LastFmMfModulePath)) 'data/sample'
    $script:split = Import-LastFmData $sample -WarningAction SilentlyContinue | Split-LastFmData -Seed 42
    $script:run = $split | Invoke-MfTraining -Objective Squared -Factors 8 -Epochs 5
    $script:rows = Measure-MfModel -Model $run -TestData $split

    # Width and height from a PNG's IHDR chunk: 8-byte signature, then length, 'IHDR', width, height (big-endian).
    function Get-PngSize([string] $Path) {
        $b = [System.IO.File]::ReadAllBytes($Path)
        $signature = [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
        if ([System.Linq.Enumerable]::SequenceEqual([byte[]]$b[0..7], $signature) -eq $false) { throw "$Path is not a PNG" }
        if ([System.Text.Encoding]::ASCII.GetString($b, 12, 4) -ne 'IHDR') { throw "$Path has no IHDR first" }
        $w = ([int]$b[16] -shl 24) -bor ([int]$b[17] -shl 16) -bor ([int]$b[18] -shl 8) -bor $b[19]
        $h = ([int]$b[20] -shl 24) -bor ([int]$b[21] -shl 16) -bor ([int]$b[22] -shl 8) -bor $b[23]
        [pscustomobject]@{ Width = $w; Height = $h }
    }

    # Width and height from an SVG's root element (parsed as XML, so a truncated file fails).
    function Get-SvgSize([string] $Path) {
        $xml = [xml](Get-Content -Raw $Path)
        if ($xml.DocumentElement.LocalName -ne 'svg') { throw "$Path has no svg root" }
        [pscustomobject]@{ Width = [int]$xml.DocumentElement.width; Height = [int]$xml.DocumentElement.height }
    }
}

Describe 'Export-MfChart writes valid images of the requested size' {
    It '<Kind> as <Ext>, <Width>x<Height>' -ForEach @(
        @{ Kind = 'LossCurve'; Ext = 'png'; Width = 900; Height = 500 }
        @{ Kind = 'LossCurve'; Ext = 'svg'; Width = 1200; Height = 800 }
        @{ Kind = 'NormByPopularity'; Ext = 'png'; Width = 640; Height = 480 }
        @{ Kind = 'NormByPopularity'; Ext = 'svg'; Width = 700; Height = 700 }
        @{ Kind = 'ArtistMap'; Ext = 'png'; Width = 1000; Height = 1000 }
        @{ Kind = 'ArtistMap'; Ext = 'svg'; Width = 800; Height = 600 }
        @{ Kind = 'Metrics'; Ext = 'png'; Width = 1200; Height = 700 }
        @{ Kind = 'Metrics'; Ext = 'svg'; Width = 1000; Height = 600 }
    ) {
        $path = Join-Path $TestDrive "$Kind.$Ext"
        $inputs = if ($Kind -eq 'Metrics') { $rows } else { $run }
        $file = $inputs | Export-MfChart -Kind $Kind $path -Width $Width -Height $Height -WarningAction SilentlyContinue
        $file | Should -BeOfType System.IO.FileInfo
        $file.FullName | Should -Be $path
        $size = if ($Ext -eq 'png') { Get-PngSize $path } else { Get-SvgSize $path }
        $size.Width | Should -Be $Width
        $size.Height | Should -Be $Height
        (Get-Item $path).Length | Should -BeGreaterThan 2000
    }

    It 'uses 1200x800 by default and draws a sweep of piped runs' {
        $runs = foreach ($l in 1, 30) { $split | Invoke-MfTraining -Objective Squared -Factors 8 -Epochs 3 -Regularization $l }
        $path = Join-Path $TestDrive 'sweep.png'
        $runs | Export-MfChart -Kind LossCurve $path -WarningAction SilentlyContinue | Out-Null
        $size = Get-PngSize $path
        "$($size.Width)x$($size.Height)" | Should -Be '1200x800'
    }

    It 'names every model and baseline of a Metrics chart in its key' {
        # ScottPlot's legend inside the panel cut long labels and dropped the entries that did not fit (6 rows: 4 shown).
        $implicit = $split | Invoke-MfTraining -Objective Implicit -Factors 8 -Epochs 2
        $preference = $split | Invoke-MfTraining -Factors 8 -Epochs 2
        $all = $preference.Model, $run.Model, $implicit.Model | Measure-MfModel -TestData $split
        $path = Join-Path $TestDrive 'key.svg'
        $all | Export-MfChart -Kind Metrics $path | Out-Null
        $svg = [xml](Get-Content -Raw $path)
        $height = [int]$svg.DocumentElement.height
        # Each text's baseline (its y attribute lists one per glyph row: "716, "), by its text.
        $baseline = @{}
        foreach ($t in $svg.SelectNodes('//*[local-name()="text"]')) { $baseline[$t.InnerText.Trim()] = [double](($t.y -split ',')[0]) }
        $ranked = @($all | Where-Object { $null -ne $_.Ndcg })
        $ranked.Count | Should -BeGreaterOrEqual 6
        foreach ($row in $ranked) {
            $baseline.ContainsKey($row.Model) | Should -BeTrue -Because "the key should name $($row.Model)"
            $baseline[$row.Model] | Should -BeLessThan $height -Because "$($row.Model) should be inside the image"
        }
    }

    It 'draws the validation RMSE that chose the kept epoch beside the train and test RMSE' {
        $path = Join-Path $TestDrive 'rmse.svg'
        $run | Export-MfChart -Kind LossCurve $path | Out-Null
        $texts = ([xml](Get-Content -Raw $path)).SelectNodes('//*[local-name()="text"]') | ForEach-Object { $_.InnerText.Trim() }
        $texts | Should -Contain 'RMSE: train (dashed), validation (dotted), test (solid)'
        $texts | Should -Contain 'validation'
        $texts | Should -Contain 'test'
    }

    It 'draws a model read back from a model file' {
        $model = Join-Path $TestDrive 'm.lfmf'
        $run | Export-MfModel $model | Out-Null
        $path = Join-Path $TestDrive 'from-file.png'
        Import-MfModel $model | Export-MfChart -Kind ArtistMap $path -MinListeners 2 -WarningAction SilentlyContinue | Out-Null
        (Get-PngSize $path).Width | Should -Be 1200
    }
}

Describe 'Export-MfChart writes safely' {
    It 'leaves an existing file alone without -Force and replaces it with -Force, leaving no temporary file' {
        $folder = Join-Path $TestDrive 'safe'
        New-Item -ItemType Directory $folder | Out-Null
        $path = Join-Path $folder 'loss.png'
        Set-Content $path 'old'
        { $run | Export-MfChart -Kind LossCurve $path -ErrorAction Stop } | Should -Throw -ErrorId 'FileExists,LastFmMf.PowerShell.Commands.ExportMfChartCommand'
        Get-Content $path | Should -Be 'old'
        $run | Export-MfChart -Kind LossCurve $path -Force -WarningAction SilentlyContinue | Out-Null
        (Get-PngSize $path).Width | Should -Be 1200
        @(Get-ChildItem $folder -Force).Name | Should -Be @('loss.png')
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.svg'
        # Hostless: -WhatIf's message goes to the host, which would print it between the test results.
        Invoke-Hostless { param($run, $path) $run | Export-MfChart -Kind NormByPopularity $path -WhatIf -WarningAction SilentlyContinue } $run, $path |
            Should -BeNullOrEmpty
        Test-Path $path | Should -BeFalse
    }
}

Describe 'Export-MfChart errors' {
    It 'refuses a missing folder with FolderNotFound, naming the path' {
        $path = Join-Path $TestDrive 'no/such/folder/chart.png'
        $err = { $run | Export-MfChart -Kind LossCurve $path -ErrorAction Stop } | Should -Throw -ErrorId 'FolderNotFound,LastFmMf.PowerShell.Commands.ExportMfChartCommand' -PassThru
        $err.TargetObject | Should -Be $path
        $err.Exception.Message | Should -Match 'does not exist'
    }

    It 'reports an unwritable folder as WriteFailed' {
        # Even root cannot create files in /proc.
        $err = { $run | Export-MfChart -Kind LossCurve '/proc/lastfmmf-chart.png' -ErrorAction Stop -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'WriteFailed,LastFmMf.PowerShell.Commands.ExportMfChartCommand' -PassThru
        $err.TargetObject | Should -Be '/proc/lastfmmf-chart.png'
    } -Skip:(-not $IsLinux)

    It 'refuses an extension other than .png or .svg' {
        { $run | Export-MfChart -Kind LossCurve (Join-Path $TestDrive 'chart.jpg') -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnsupportedChartFormat,LastFmMf.PowerShell.Commands.ExportMfChartCommand'
    }

    It 'refuses input of the wrong kind, naming it' {
        $err = { $rows | Export-MfChart -Kind LossCurve (Join-Path $TestDrive 'x.png') -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotATrainingRun,LastFmMf.PowerShell.Commands.ExportMfChartCommand' -PassThru
        $err.TargetObject | Should -BeOfType LastFmMf.Evaluation.EvaluationRow
        { $run | Export-MfChart -Kind Metrics (Join-Path $TestDrive 'y.png') -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotAnEvaluationRow,LastFmMf.PowerShell.Commands.ExportMfChartCommand'
        { $run, $run | Export-MfChart -Kind ArtistMap (Join-Path $TestDrive 'z.png') -ErrorAction Stop } |
            Should -Throw -ErrorId 'OneModelOnly,LastFmMf.PowerShell.Commands.ExportMfChartCommand'
        Test-Path (Join-Path $TestDrive 'x.png'), (Join-Path $TestDrive 'y.png'), (Join-Path $TestDrive 'z.png') | Should -Not -Contain $true
    }
}

Describe 'Export-MfChart without fonts' {
    It 'warns that the text will be blank and still writes the chart' {
        # A private mount namespace hides /usr/share/fonts from one child pwsh only (root on Linux, as in CI).
        if (-not $IsLinux -or -not (Get-Command unshare -ErrorAction SilentlyContinue)) { Set-ItResult -Skipped -Because 'needs Linux and unshare'; return }
        & unshare -m true 2>$null
        if ($LASTEXITCODE -ne 0) { Set-ItResult -Skipped -Because 'this machine does not allow a private mount namespace'; return }
        $path = Join-Path $TestDrive 'nofont.png'
        $script = Join-Path $TestDrive 'nofont.ps1'
        @"
Import-Module '$(Get-LastFmMfModulePath)'
`$run = Import-LastFmData -WarningAction SilentlyContinue | Split-LastFmData -Seed 1 | Invoke-MfTraining -Objective Squared -Factors 4 -Epochs 2
`$run | Export-MfChart -Kind LossCurve '$path' 3>&1 | ForEach-Object { "`$_" }
"@ | Set-Content $script
        $root = Resolve-Path (Join-Path $PSScriptRoot '../..')
        Push-Location $root
        try { $out = & unshare -m sh -c "{ [ ! -d /usr/share/fonts ] || mount -t tmpfs none /usr/share/fonts; } && dotnet pwsh -NoProfile -NonInteractive -File '$script'" 2>&1 }
        finally { Pop-Location }
        ($out -join "`n") | Should -Match 'No font files were found'
        (Get-PngSize $path).Width | Should -Be 1200
    }
}

Describe 'Export-MfChart on the real data' {
    BeforeAll { $script:real = Get-RealDataPath }

    It 'draws the artist map of a real run' {
        if (-not $real) { Set-ItResult -Skipped -Because 'the real HetRec data is not beside the repository'; return }
        $realRun = Import-LastFmData $real -WarningAction SilentlyContinue | Split-LastFmData -Seed 42 | Invoke-MfTraining -Objective Squared -Factors 16 -Epochs 3 -ThreadCount 2
        $path = Join-Path $TestDrive 'real-map.png'
        $realRun | Export-MfChart -Kind ArtistMap $path -WarningAction SilentlyContinue | Out-Null
        (Get-PngSize $path).Width | Should -Be 1200
    }
}
