BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-LastFmMfModulePath) -Force
    $script:sample = Join-Path (Split-Path (Get-LastFmMfModulePath)) 'data/sample'
    $script:data = Import-LastFmData $sample -WarningAction SilentlyContinue
    $script:split = $data | Split-LastFmData -Seed 42
    $script:small = @{ Factors = 8; Epochs = 4 }
}

Describe 'Split-LastFmData' {
    It 'gives the same split for the same seed and another for another seed' {
        $again = $data | Split-LastFmData -Seed 42
        $other = $data | Split-LastFmData -Seed 43
        $again.TestCount | Should -Be $split.TestCount
        foreach ($u in 0..($data.UserCount - 1)) { ($again.Test.Listens.GetArtists($u) -join ',') | Should -Be ($split.Test.Listens.GetArtists($u) -join ',') }
        $rows = 0..($data.UserCount - 1) | Where-Object { ($other.Test.Listens.GetArtists($_) -join ',') -ne ($split.Test.Listens.GetArtists($_) -join ',') }
        @($rows).Count | Should -BeGreaterThan 0
    }

    It 'keeps every listen in exactly one part and holds out about the fraction' {
        $split.TrainCount + $split.TestCount | Should -Be $data.ListenCount
        $split.TestCount / $data.ListenCount | Should -BeGreaterThan 0.18
        $split.TestCount / $data.ListenCount | Should -BeLessThan 0.22
        $split.TestPairsWithUnseenArtist | Should -BeGreaterOrEqual 0
    }

    It 'supports the course''s random split' {
        $r = $data | Split-LastFmData -Method Random -TestFraction 0.1 -Seed 1
        $r.Method | Should -Be 'Random'
        $r.TestCount | Should -Be ([math]::Round($data.ListenCount * 0.1, [MidpointRounding]::AwayFromZero))
    }

    It 'refuses a fraction out of range, naming it' {
        { $data | Split-LastFmData -TestFraction 1.5 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSplitParameter,*'
        try { $data | Split-LastFmData -TestFraction 1.5 -ErrorAction Stop } catch { $_.Exception.Message | Should -Match 'TestFraction' }
    }

    It 'shows the counts in its default view' {
        ($split | Out-String) | Should -Match 'UnseenArtistPairs'
    }
}

Describe 'Invoke-MfTraining' {
    BeforeAll { $script:run = $split | Invoke-MfTraining -Objective Squared @small -Seed 3 }

    It 'returns a run with flat hyperparameters, metrics, a history and a model' {
        $run | Should -BeOfType 'LastFmMf.Training.TrainingRun'
        $run.Factors | Should -Be 8
        $run.EpochsRun | Should -Be 4
        $run.History.Count | Should -Be 4
        $run.TestRmse | Should -BeGreaterThan 0
        $run.Model.Factors | Should -Be 8
    }

    It 'learns: test RMSE falls below the first epoch''s' {
        $run.History[-1].TestRmse | Should -BeLessThan $run.History[0].TestRmse
    }

    It 'exports a sweep as a clean CSV: one column per hyperparameter, no type names' {
        $runs = foreach ($hp in @{ Factors = 4; Epochs = 2 }, @{ Factors = 6; Epochs = 2; Regularization = 1 }) { $split | Invoke-MfTraining -Objective Squared @hp }
        $csv = Join-Path $TestDrive 'sweep.csv'
        $runs | Export-Csv $csv
        $back = Import-Csv $csv
        $back.Count | Should -Be 2
        foreach ($col in 'Objective', 'Factors', 'Regularization', 'LearningRate', 'Seed', 'TestRmse', 'ValidationRmse', 'History', 'Model') {
            $back[0].PSObject.Properties.Name | Should -Contain $col
        }
        (Get-Content -Raw $csv) | Should -Not -Match 'System\.|LastFmMf\.'
        $back[1].Regularization | Should -Be '1'
        $back[0].History | Should -Be '2 epochs'
    }

    It 'exports the history as a loss curve' {
        $csv = Join-Path $TestDrive 'loss.csv'
        $run.History | Export-Csv $csv
        $rows = Import-Csv $csv
        $rows.Count | Should -Be 4
        $rows[0].PSObject.Properties.Name | Should -Be @('Epoch', 'Loss', 'LearningRate', 'TrainRmse', 'ValidationRmse', 'TestRmse', 'ValidationNdcg', 'Seconds')
    }

    It 'gives bit-identical factors for 1, 2 and 4 threads' {
        # The comma keeps each float[] whole instead of letting the pipeline unroll it.
        $f = foreach ($t in 1, 2, 4) { , ($split | Invoke-MfTraining -Objective Squared @small -Seed 3 -ThreadCount $t).Model.CopyArtistFactors() }
        $f.Count | Should -Be 3
        [System.Linq.Enumerable]::SequenceEqual([float[]]$f[0], [float[]]$f[1]) | Should -BeTrue
        [System.Linq.Enumerable]::SequenceEqual([float[]]$f[0], [float[]]$f[2]) | Should -BeTrue
    }

    It 'writes one verbose line per epoch' {
        $verbose = $split | Invoke-MfTraining -Objective Squared @small -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^epoch \d+/4' }
        @($verbose).Count | Should -Be 4
    }

    It 'trains on a whole dataset too' {
        ($data | Invoke-MfTraining -Objective Squared -Factors 4 -Epochs 1).TestRmse | Should -BeNullOrEmpty
    }

    It 'refuses a hyperparameter out of range with its name and range' {
        { $split | Invoke-MfTraining -Objective Squared -Factors 0 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidHyperparameter,*'
        try { $split | Invoke-MfTraining -Objective Squared -LearningRate -1 -ErrorAction Stop } catch { $_.Exception.Message | Should -Match 'LearningRate must be greater than 0' }
    }

    It 'refuses input that is not data' {
        'hello' | Invoke-MfTraining -Objective Squared -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTrainingInput,*'
    }

    It 'stops a diverging run with an error naming the learning rate, and returns no model' {
        $out = $split | Invoke-MfTraining -Objective Squared -Factors 8 -Epochs 5 -LearningRate 9 -InitStdDev 1 -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'TrainingDiverged,*'
        $err[0].Exception.Message | Should -Match 'LearningRate 9'
    }

    It 'resumes a run for more epochs' {
        $more = Invoke-MfTraining -Resume $run -Epochs 3 -Patience 0
        $more.EpochsRun | Should -Be 7
        $more.History[0].Epoch | Should -Be 1
        $more.History[-1].Epoch | Should -Be 7
    }

    It 'resuming continues exactly where an uninterrupted run would be' {
        $straight = $split | Invoke-MfTraining -Objective Squared -Factors 8 -Epochs 6 -Seed 3 -Patience 0
        $first = $split | Invoke-MfTraining -Objective Squared -Factors 8 -Epochs 3 -Seed 3 -Patience 0
        $resumed = Invoke-MfTraining -Resume $first -Epochs 3
        [System.Linq.Enumerable]::SequenceEqual([float[]]$straight.FinalState.Model.CopyUserFactors(), [float[]]$resumed.FinalState.Model.CopyUserFactors()) | Should -BeTrue
    }

    It 'refuses to resume without -Epochs or with another shape' {
        { Invoke-MfTraining -Resume $run -ErrorAction Stop } | Should -Throw -ErrorId 'EpochsRequired,*'
        Invoke-MfTraining -Resume $run -Epochs 1 -Factors 9 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CannotResume,*'
    }

    It 'stops between epochs on Ctrl+C and returns nothing' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $sample)
                Import-Module $module
                Import-LastFmData $sample -WarningAction SilentlyContinue | Invoke-MfTraining -Objective Squared -Factors 32 -Epochs 100000 -Patience 0
            }).AddArgument((Get-LastFmMfModulePath)).AddArgument($sample)
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ($ps.Streams.Progress.Count -lt 2 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $ps.Streams.Progress.Count | Should -BeGreaterOrEqual 2 -Because 'training should have reported a few epochs'
        $ps.Stop()
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $stopped = try { $ps.EndInvoke($async); $false } catch { $_.Exception.InnerException -is [System.Management.Automation.PipelineStoppedException] }
        $stopped | Should -BeTrue
        $output.Count | Should -Be 0
        $ps.Dispose()
    }

    It 'shows a table by default: the objective, the measure it was chosen by, and its own settings' {
        $text = $run | Out-String -Width 200
        $text | Should -Match 'Objective\s+k\s+Epochs\s+Best\s+Result'
        $text | Should -Match 'Squared\s+8\s'
        $text | Should -Match 'valid RMSE \d\.\d{4}, test RMSE \d\.\d{4}'
        $text | Should -Match 'η=0\.02'
    }

    It 'shows its history as a table of the measures by name, and briefly in a list of the run' {
        $table = $run.History | Out-String -Width 80
        $table | Should -Match 'Measures \(η: learning rate\)'
        $table | Should -Match 'η=[\d.]+ RMSE train [\d.]+ valid [\d.]+ test [\d.]+'
        ($table -split "`n" | Measure-Object -Maximum Length).Maximum | Should -BeLessOrEqual 80
        $list = $run | Format-List | Out-String -Width 120
        $list | Should -Match 'History\s+: \{epoch 1: loss [\d.]+, epoch 2: loss'
        $list | Should -Not -Match 'EpochRecord'
    }
}

Describe 'Export-MfModel and Import-MfModel' {
    BeforeAll {
        $script:run = $split | Invoke-MfTraining -Objective Squared -Factors 8 -Epochs 3
        $script:file = Join-Path $TestDrive 'model.lfmf'
        $run | Export-MfModel $file
    }

    It 'round-trips bit for bit, with the hyperparameters' {
        $back = Import-MfModel $file
        $back.Hyperparameters.Factors | Should -Be 8
        [System.Linq.Enumerable]::SequenceEqual([float[]]$back.Model.CopyArtistFactors(), [float[]]$run.Model.CopyArtistFactors()) | Should -BeTrue
        $back.Model.Predict(3, 7) | Should -Be $run.Model.Predict(3, 7)
    }

    It 'does not replace a file without -Force, and -WhatIf writes nothing' {
        { $run | Export-MfModel $file -ErrorAction Stop } | Should -Throw -ErrorId 'FileExists,*'
        $other = Join-Path $TestDrive 'whatif.lfmf'
        Invoke-Hostless { param($run, $other) $run | Export-MfModel $other -WhatIf } $run, $other | Should -BeNullOrEmpty
        Test-Path $other | Should -BeFalse
        $run | Export-MfModel $file -Force | Should -BeOfType System.IO.FileInfo
        @(Get-ChildItem $TestDrive -Filter '*.tmp' -Force).Count | Should -Be 0
    }

    It 'refuses a missing folder' {
        { $run | Export-MfModel (Join-Path $TestDrive 'no/such/m.lfmf') -ErrorAction Stop } | Should -Throw -ErrorId 'FolderNotFound,*'
    }

    It 'refuses <Case> files with <Id>' -ForEach @(
        @{ Case = 'truncated'; Id = 'Truncated'; Damage = { param($b) $b[0..([int]($b.Length / 2))] } }
        @{ Case = 'corrupted'; Id = 'Corrupted'; Damage = { param($b) $b[$b.Length - 100] = $b[$b.Length - 100] -bxor 1; $b } }
        @{ Case = 'future-version'; Id = 'UnsupportedVersion'; Damage = { param($b) $b[8] = 7; $b } }
        @{ Case = 'foreign'; Id = 'NotAModelFile'; Damage = { param($b) [byte[]][char[]]'PK.. not a model at all' } }
    ) {
        $bytes = [System.IO.File]::ReadAllBytes($file)
        $bad = Join-Path $TestDrive "$Case.lfmf"
        [System.IO.File]::WriteAllBytes($bad, [byte[]](& $Damage $bytes))
        Import-MfModel $bad -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $err[0].Exception.Message | Should -Match ([regex]::Escape($bad))
    }

    It 'reports a missing file and goes on with the next' {
        $out = (Join-Path $TestDrive 'nope.lfmf'), $file | Import-MfModel -ErrorVariable err -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ModelFileNotFound,*'
    }
}
