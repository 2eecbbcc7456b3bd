# What a new user sees in the first hour: default views at 80 and 120 columns, pipelines between the cmdlets,
# quiet output, -Verbose that says what happened, similar artists not crowded by one-listener artists.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:realData = Get-RealDataPath
}

BeforeAll {
    # Most models here fit play counts on purpose; their warning (tested in DefaultObjective.Tests.ps1) stays out of the log.
    $script:PSDefaultParameterValues = @{ 'Get-MfRecommendation:WarningAction' = 'SilentlyContinue'; 'Get-MfSimilarArtist:WarningAction' = 'SilentlyContinue' }
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-LastFmMfModulePath) -Force
    $script:realData = Get-RealDataPath
    $script:sample = Join-Path (Split-Path (Get-LastFmMfModulePath)) 'data/sample'
    $script:split = Import-LastFmData $sample -WarningAction SilentlyContinue | Split-LastFmData -Seed 42
    $script:squared = $split | Invoke-MfTraining -Objective Squared -Factors 8 -Epochs 5 -Seed 1
    $script:implicit = $split | Invoke-MfTraining -Objective Implicit -Factors 8 -Epochs 3 -Seed 1
    # Renders as a terminal of the given width does; every line must fit it.
    function script:Out-Width($InputObject, [int] $Width) {
        $text = $InputObject | Out-String -Width $Width
        foreach ($line in $text -split "\r?\n") { $line.TrimEnd().Length | Should -BeLessOrEqual $Width -Because "'$line' is wider than $Width" }
        $text
    }
}

Describe 'Measure-MfModel''s default table' {
    It 'shows the ranking measures of a ranking model at <_> columns, no column blank in every row' -ForEach 80, 120 {
        $table = Get-RenderedTable (Out-Width (Measure-MfModel -Model $implicit -TestData $split) $_)
        $table.Header | Should -Be @('Model', 'K', 'NDCG', 'Precision', 'Recall', 'MAP', 'HitRate', 'Coverage')
        foreach ($c in $table) { ($c.Cells | Where-Object { $_ }) | Should -Not -BeNullOrEmpty -Because "column $($c.Header) is blank in every row" }
        $table[0].Cells | Should -Be @('Implicit k=8 λ=100', 'Popularity', 'Random')
    }

    It 'adds RMSE and MAE after the ranking measures for a model that predicts play counts, at <_> columns' -ForEach 80, 120 {
        $rows = Measure-MfModel -Model $squared -TestData $split
        $table = Get-RenderedTable (Out-Width $rows $_)
        $table.Header | Should -Be @('Model', 'K', 'NDCG', 'Precision', 'Recall', 'HitRate', 'Coverage', 'RMSE', 'MAE')
        foreach ($c in $table) { ($c.Cells | Where-Object { $_ }) | Should -Not -BeNullOrEmpty -Because "column $($c.Header) is blank in every row" }
        ($table | Where-Object Header -eq 'RMSE').Cells[0] | Should -Be ('{0:N4}' -f $rows[0].Rmse)
        $table[0].Cells[0] | Should -BeLike 'Squared k=8 λ=*'
    }

    It 'keeps the full row for Format-List and Export-Csv' {
        $row = Measure-MfModel -Model $squared -TestData $split -NoBaseline
        $row | Format-List | Out-String | Should -Match 'Users\s*:\s*\d+'
        $csv = $row | ConvertTo-Csv | ConvertFrom-Csv
        $csv.Model | Should -Be $row.Model
        $csv.PSObject.Properties.Name | Should -Contain 'Map'
        $csv.PSObject.Properties.Name | Should -Contain 'Rmse'
    }
}

Describe 'Views' {
    It 'a model shows a summary, not its id maps' {
        $text = Out-Width $squared.Model 80
        (Get-RenderedTable $text).Header | Should -Be @('Objective', 'k', 'Users', 'Artists', 'Epochs', 'Settings')
        $text | Should -Match 'Squared\s+8\s+300\s+400\s+\d+ \(kept \d+\)\s+η=0\.02'
        $list = $implicit.Model | Format-List | Out-String
        $list | Should -Match 'Objective\s*:\s*Implicit'
        $list | Should -Not -Match 'LastFmMf\.Data\.IdMap'
    }

    It 'Export-MfModel and Export-MfChart return the file as Get-Item does, with its size in the view' {
        $model = Join-Path $TestDrive 'view.lfmf'
        $chart = Join-Path $TestDrive 'view.svg'
        foreach ($item in ($squared | Export-MfModel $model), ($squared | Export-MfChart -Kind LossCurve $chart -WarningAction SilentlyContinue)) {
            $item.PSProvider.Name | Should -Be 'FileSystem'
            $item.PSPath | Should -Be (Get-Item $item.FullName).PSPath
            $item | Out-String | Should -Match "\s$($item.Length)\s+$([regex]::Escape($item.Name))"
        }
    }

    It '-Explain rows show Because whole at 120 columns and visibly at 80' {
        $rows = Get-MfRecommendation -Model $implicit -UserId 2 -Explain
        $wide = Out-Width $rows 120
        $narrow = Out-Width $rows 80
        (Get-RenderedTable $narrow).Header | Should -Contain 'Because you listen to'
        foreach ($r in $rows) {
            $because = $r.Because -replace '^because you listen to ', ''
            $because | Should -Not -BeNullOrEmpty
            $wide | Should -Match ([regex]::Escape($because))
            $narrow | Should -Match ([regex]::Escape(($because -split ', ')[0]))
        }
    }

    It 'rows without -Explain show Tags, not an empty Because column' {
        (Get-RenderedTable (Out-Width (Get-MfRecommendation -Model $implicit -UserId 2) 80)).Header |
            Should -Be @('UserId', 'Rank', 'ArtistName', 'Score', 'Tags')
    }
}

Describe 'Pipelines' {
    It 'recommendations pipe into Get-MfSimilarArtist by ArtistId' {
        $recs = Get-MfRecommendation -Model $implicit -UserId 2 -Top 2
        $rows = $recs | Get-MfSimilarArtist -Model $implicit -Top 3 -MinListeners 1
        $rows.Count | Should -Be 6
        @($rows.Query | Select-Object -Unique) | Should -Be @($recs.ArtistName)
    }

    It 'Measure-MfModel -Model takes several models, with the baselines once' {
        $rows = Measure-MfModel -Model $squared, $implicit -TestData $split
        $piped = $squared, $implicit | Measure-MfModel -TestData $split
        @($rows | Where-Object Kind -eq 'Model').Count | Should -Be 2
        @($rows | Where-Object Model -eq 'Popularity').Count | Should -Be 1
        ($rows | ConvertTo-Csv) | Should -Be ($piped | ConvertTo-Csv)
    }

    It 'a CSV column named <_> binds to -UserId' -ForEach 'User', 'user_id', 'userID' {
        $csv = Join-Path $TestDrive "users-$_.csv"
        "$_`n2`n3" | Set-Content $csv
        $rows = Import-Csv $csv | Get-MfRecommendation -Model $implicit -Top 2
        $rows.UserId | Should -Be @(2, 2, 3, 3)
    }
}

Describe '-Verbose says what each command did and how long it took' {
    BeforeAll {
        $script:file = Join-Path $TestDrive 'verbose.lfmf'
        $implicit | Export-MfModel $file | Out-Null
        function script:Get-VerboseLine([scriptblock] $Command) {
            @(& $Command 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        }
    }

    It 'Get-MfRecommendation' {
        Get-VerboseLine { Get-MfRecommendation -Model $implicit -UserId 2, 3 -Verbose } |
            Should -Match '^Recommended 20 artists to 2 listener\(s\) \(top 10\) in [\d.]+ s\.$'
    }

    It 'Get-MfSimilarArtist' {
        $name = $implicit.Model.Artists[0].Name
        Get-VerboseLine { Get-MfSimilarArtist $name -Model $implicit -Verbose } |
            Should -Match '^Found the 10 nearest artists \(Cosine, at least 5 training listener\(s\)\) of 1 artist\(s\) in [\d.]+ s\.$'
    }

    It 'Measure-MfModel' {
        Get-VerboseLine { Measure-MfModel -Model $implicit -TestData $split -Verbose } | Should -Match '^Measured 1 model\(s\) at K=10 in [\d.]+ s\.$'
    }

    It 'Import-MfModel' {
        Get-VerboseLine { Import-MfModel $file -Verbose } | Should -Match "^Read \w+ model: k=8, .* from $([regex]::Escape($file)) \(checksum verified\) in [\d.]+ s\.$"
    }

    It 'Export-MfChart' {
        $chart = Join-Path $TestDrive 'verbose.png'
        # (ShouldProcess writes its own 'Performing the operation' line first.)
        Get-VerboseLine { $implicit | Export-MfChart -Kind NormByPopularity $chart -WarningAction SilentlyContinue -Verbose } | Select-Object -Last 1 |
            Should -Match "^Wrote the NormByPopularity chart of .* to $([regex]::Escape($chart)) \(Png, 1200×800, [\d,]+ bytes\) in [\d.]+ s\.$"
    }
}

Describe 'Get-MfSimilarArtist -MinListeners' {
    It 'leaves out neighbours with fewer training listeners (default 5), and 1 keeps them' {
        $listeners = $implicit.Model.Listened.ListenerCounts()
        $query = $implicit.Model.Artists[0].Name
        $all = Get-MfSimilarArtist $query -Model $implicit -Top 400 -MinListeners 1
        $default = Get-MfSimilarArtist $query -Model $implicit -Top 400
        $default | ForEach-Object { $listeners[$implicit.Model.ArtistIds.IndexOf($_.ArtistId)] | Should -BeGreaterOrEqual 5 }
        $few = @($all | Where-Object { $listeners[$implicit.Model.ArtistIds.IndexOf($_.ArtistId)] -lt 5 })
        $few.Count | Should -BeGreaterThan 0
        $default.Count | Should -Be ($all.Count - $few.Count)
    }

    It 'refuses an explicit -MinListeners for a model without its training listens' {
        $bare = [LastFmMf.Training.FactorModel]::FromArrays(1, [float[]]@(1), [float[]]@(1, 2), [float[]]@(0), [float[]]@(0, 0), 0, $false,
            $implicit.Model.Transform, [LastFmMf.Data.IdMap]::FromIds([int[]]@(7)), [LastFmMf.Data.IdMap]::FromIds([int[]]@(1, 2)),
            [LastFmMf.Data.Artist[]]@([LastFmMf.Data.Artist]::new(1, 'A', '', ''), [LastFmMf.Data.Artist]::new(2, 'B', '', '')))
        (Get-MfSimilarArtist 'A' -Model $bare).ArtistName | Should -Be 'B'
        { Get-MfSimilarArtist 'A' -Model $bare -MinListeners 3 } | Should -Throw -ErrorId 'NoTrainingListens*'
    }
}

Describe 'Johnny Cash on the real data' -Skip:(-not $realData) {
    It 'his cosine neighbours keep to artists with at least 5 training listeners by default' {
        # A short Implicit run (the default one, 12 sweeps at k=128, lists The Novellos and JoMo with -MinListeners 1).
        $split = Import-LastFmData $realData -WarningAction SilentlyContinue | Split-LastFmData -Seed 42
        $run = $split | Invoke-MfTraining -Objective Implicit -Factors 64 -Epochs 4 -ThreadCount 2
        $listeners = $run.Model.Listened.ListenerCounts()
        $countOf = { param($row) $listeners[$run.Model.ArtistIds.IndexOf($row.ArtistId)] }
        $all = Get-MfSimilarArtist 'Johnny Cash' -Model $run -MinListeners 1
        @($all | Where-Object { (& $countOf $_) -lt 5 }).Count | Should -BeGreaterThan 0
        $default = Get-MfSimilarArtist 'Johnny Cash' -Model $run
        $default.Count | Should -Be 10
        $default | ForEach-Object { & $countOf $_ | Should -BeGreaterOrEqual 5 -Because "$($_.ArtistName) is a neighbour" }
        $default.ArtistName | Should -Contain 'Bob Dylan'
    }
}

Describe '-Transform Raw on the real data' -Skip:(-not $realData) {
    BeforeAll {
        $script:realSplit = Import-LastFmData $realData -WarningAction SilentlyContinue | Split-LastFmData -Seed 42
    }

    It 'trains at the default settings and fits the test plays better than the global mean' {
        # Unscaled counts (up to 352,698) diverged at the default learning rate and at every one the hint suggested.
        $run = $realSplit | Invoke-MfTraining -Objective Squared -Transform Raw -ThreadCount 2 -ErrorAction Stop
        $run.EpochsRun | Should -BeGreaterThan 1
        $rows = $run | Measure-MfModel -TestData $realSplit
        $model = $rows | Where-Object Kind -EQ 'Model'
        $mean = $rows | Where-Object Model -EQ 'GlobalMean'
        $model.Rmse | Should -BeLessThan $mean.Rmse
    }

    It 'follows the divergence hint from a learning rate far too high to one that trains' {
        $rate = 2.0
        $tries = foreach ($try in 1..6) {
            $run = $realSplit | Invoke-MfTraining -Objective Squared -Transform Raw -Epochs 5 -LearningRate $rate -ThreadCount 2 -ErrorVariable err -ErrorAction SilentlyContinue
            if ($run) { $rate; break }
            $err[0].FullyQualifiedErrorId | Should -BeLike 'TrainingDiverged,*'
            $err[0].Exception.Message -match 'e\.g\. to ([0-9.E+-]+)' | Should -BeTrue
            $rate = [double]$Matches[1]
        }
        @($tries).Count | Should -Be 1 -Because 'following the hint reaches a learning rate that trains within 6 tries'
    }
}

Describe 'Quiet output' {
    BeforeAll {
        # dotnet pwsh is a local tool of the repository: start it from there.
        Push-Location (Join-Path $PSScriptRoot '../..')
    }
    AfterAll { Pop-Location }

    It 'Import-LastFmData notes handled quirks verbosely, not as warnings' {
        $folder = Join-Path $TestDrive 'quirk'
        Copy-Item $sample $folder -Recurse
        # A tagging of an artist that artists.dat does not list: the quirk of the official files, in small.
        Add-Content (Join-Path $folder 'user_taggedartists.dat') "2`t999999`t1`t1`t1`t2008"
        $out = Import-LastFmData $folder -WarningVariable warn -WarningAction SilentlyContinue -Verbose 4>&1
        $warn | Should -BeNullOrEmpty
        $data = $out | Where-Object { $_ -is [LastFmMf.Data.LastFmDataset] }
        ($data.Notes -join "`n") | Should -Match '1 tagged artist ids \(1 rows\) are not in artists.dat'
        (@($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n") | Should -Match '1 tagged artist ids'
    }

    It 'a command run by Invoke-Hostless prints nothing, not even -WhatIf''s message' {
        $script = Join-Path $TestDrive 'hostless.ps1'
        @"
. '$(Join-Path $PSScriptRoot 'TestHelpers.ps1')'
`$env:LASTFMMF_MODULE_PATH = '$(Get-LastFmMfModulePath)'
`$r = Invoke-Hostless { New-Item (Join-Path '$TestDrive' 'never') -WhatIf; Write-Verbose 'epoch 1' -Verbose }
"@ | Set-Content $script
        $printed = & dotnet pwsh -NoProfile -NonInteractive -File $script 2>&1
        $printed | Should -BeNullOrEmpty
        Test-Path (Join-Path $TestDrive 'never') | Should -BeFalse
    }

    It 'the demo writes no ANSI colour codes when its output is redirected' {
        $demo = Join-Path $PSScriptRoot '../../tools/Demo.ps1'
        $log = & dotnet pwsh -NoProfile -NonInteractive -File $demo -ModulePath (Get-LastFmMfModulePath) -OutputFolder (Join-Path $TestDrive 'demo') 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0
        $log | Should -Match 'Measure-MfModel'
        $log | Should -Not -Match "`e\["
        # The verdicts against the trivial answers are computed and printed, whichever way they fall.
        $log | Should -Match 'Preference NDCG@10 \d\.\d{4} beats Popularity \(\d\.\d{4}\)\.'
        $log | Should -Match 'Squared RMSE \d\.\d{4} (beats|does not beat) UserArtistBias \(\d\.\d{4}\)\.'
    }

    It 'build.ps1 and the Pester runner render plain text when redirected' {
        $root = Join-Path $PSScriptRoot '../..'
        foreach ($f in 'build.ps1', 'tests/Pester/Invoke-PesterSuite.ps1', 'tools/Demo.ps1') {
            Get-Content -Raw (Join-Path $root $f) | Should -Match 'PlainTextWhenRedirected\.ps1' -Because "$f should dot-source it"
        }
        $probe = Join-Path $TestDrive 'probe.ps1'
        ". '$(Join-Path $root 'tools/PlainTextWhenRedirected.ps1')'; Write-Verbose 'v' -Verbose; Write-Warning 'w'" | Set-Content $probe
        $log = & dotnet pwsh -NoProfile -NonInteractive -File $probe 2>&1 | Out-String
        $log | Should -Match 'VERBOSE: v'
        $log | Should -Not -Match "`e\["
    }
}

Describe 'Using the module outside the repository' {
    It 'tools/Install-LastFmMf.ps1 (build.ps1 Install) puts it in the first PSModulePath entry, where Import-Module finds it by name' {
        $modules = Join-Path $TestDrive 'modules'
        $outside = Join-Path $TestDrive 'elsewhere'
        New-Item -ItemType Directory $outside | Out-Null
        $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $probe = Join-Path $TestDrive 'install.ps1'
        @'
param($Root, $Built, $Modules, $Outside)
$ErrorActionPreference = 'Stop'
$env:PSModulePath = $Modules + [IO.Path]::PathSeparator + $env:PSModulePath
$target = & (Join-Path $Root 'tools/Install-LastFmMf.ps1') -ModuleFolder $Built
Set-Location $Outside
Import-Module LastFmMf
$data = Import-LastFmData -WarningAction SilentlyContinue
[pscustomobject]@{ Target = $target; Base = (Get-Module LastFmMf).ModuleBase; Version = "$((Get-Module LastFmMf).Version)"; Users = $data.UserCount; About = [bool](Get-Help about_LastFmMf) } | ConvertTo-Json
'@ | Set-Content $probe
        # dotnet pwsh is a local tool of the repository: start it there; the probe then moves outside.
        Push-Location $root
        try { $json = & dotnet pwsh -NoProfile -NonInteractive -File $probe -Root $root -Built (Split-Path (Get-LastFmMfModulePath)) -Modules $modules -Outside $outside 2>&1 | Out-String }
        finally { Pop-Location }
        $result = $json | ConvertFrom-Json
        $version = (Import-PowerShellDataFile (Get-LastFmMfModulePath)).ModuleVersion
        $result.Target | Should -Be (Join-Path $modules "LastFmMf/$version")
        $result.Base | Should -Be $result.Target
        $result.Version | Should -Be $version
        $result.Users | Should -Be 300
        $result.About | Should -BeTrue
    }
}
