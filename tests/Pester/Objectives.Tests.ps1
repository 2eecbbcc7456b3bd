# One shape for every objective: each reads only its own settings, refuses the others', and shows only its own
# settings and measures; what made a model survives a save and a load.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-LastFmMfModulePath) -Force
    $script:sample = Join-Path (Split-Path (Get-LastFmMfModulePath)) 'data/sample'
    $script:split = Import-LastFmData $sample -WarningAction SilentlyContinue | Split-LastFmData -Seed 42
    $script:quick = @{ Squared = @{ Factors = 4; Epochs = 8 }; Bpr = @{ Factors = 4; Epochs = 8 }; Implicit = @{ Factors = 4; Epochs = 2 } }
    $script:qs = $quick.Squared; $script:qb = $quick.Bpr; $script:qi = $quick.Implicit
}

Describe 'Invoke-MfTraining refuses what the objective does not read' {
    It '-Objective <Objective> -<Name> is ParameterNotApplicable, naming the objectives that read it' -TestCases @(
        @{ Objective = 'Implicit'; Name = 'LearningRate'; Parameter = @{ LearningRate = 0.5 }; ReadBy = 'Squared, Preference, Bpr' }
        @{ Objective = 'Implicit'; Name = 'Gravity'; Parameter = @{ Gravity = 3 }; ReadBy = 'Squared, Preference' }
        @{ Objective = 'Implicit'; Name = 'LearningRateDecay'; Parameter = @{ LearningRateDecay = 0.5 }; ReadBy = 'Squared, Preference, Bpr' }
        @{ Objective = 'Implicit'; Name = 'Transform'; Parameter = @{ Transform = 'Raw' }; ReadBy = 'Squared' }
        @{ Objective = 'Implicit'; Name = 'NoBiases'; Parameter = @{ NoBiases = $true }; ReadBy = 'Squared, Bpr' }
        @{ Objective = 'Squared'; Name = 'Alpha'; Parameter = @{ Alpha = 40 }; ReadBy = 'Preference, Implicit' }
        @{ Objective = 'Squared'; Name = 'NegativeSampling'; Parameter = @{ NegativeSampling = 'Popularity' }; ReadBy = 'Bpr' }
        @{ Objective = 'Bpr'; Name = 'Gravity'; Parameter = @{ Gravity = 1 }; ReadBy = 'Squared, Preference' }
    ) {
        param($Objective, $Name, $Parameter, $ReadBy)
        $p = $Parameter
        $err = $null
        try { $split | Invoke-MfTraining -Objective $Objective @p -Epochs 1 -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterNotApplicable,*'
        $err.Exception.Message | Should -BeLike "-$Name is not a parameter of -Objective $Objective*the objectives that read it: $ReadBy."
    }

    It 'refuses a setting that has no effect with the others' {
        { $split | Invoke-MfTraining -Objective Bpr -NegativeSamplingExponent 1 -Epochs 1 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterNotApplicable,*'
        { $split | Invoke-MfTraining -Objective Implicit -Confidence Linear -Epsilon 2 -Epochs 1 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterNotApplicable,*'
        { $split | Invoke-MfTraining -Objective Implicit -Solver Cholesky -CgSteps 5 -Epochs 1 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterNotApplicable,*'
        { $split | Invoke-MfTraining -Objective Squared -Solver Cholesky -Epochs 1 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterNotApplicable,*'
        ($split | Invoke-MfTraining -Objective Bpr -NegativeSampling Popularity -NegativeSamplingExponent 1 -Factors 4 -Epochs 1).NegativeSamplingExponent | Should -Be 1
    }

    It 'solves Implicit rows by conjugate gradient by default, and exactly with -Solver Cholesky' {
        $cg = $split | Invoke-MfTraining -Objective Implicit -CgSteps 2 @qi
        ($cg.Solver, $cg.CgSteps) | Should -Be @('ConjugateGradient', 2)
        $exact = $split | Invoke-MfTraining -Objective Implicit -Solver Cholesky @qi
        $exact.Solver | Should -Be 'Cholesky'
        $exact.Hyperparameters.ToString() | Should -Match 'solver=Cholesky'
    }

    It 'walks SGD blocks Grouped by default, and as before with -Order Shuffled; Implicit refuses -Order' {
        $grouped = $split | Invoke-MfTraining -Objective Squared @qs
        $shuffled = $split | Invoke-MfTraining -Objective Squared -Order Shuffled @qs
        ($grouped.Order, $shuffled.Order) | Should -Be @('Grouped', 'Shuffled')
        (Compare-Object $grouped.Model.CopyUserFactors() $shuffled.Model.CopyUserFactors() -SyncWindow 0).Count | Should -BeGreaterThan 0
        { $split | Invoke-MfTraining -Objective Implicit -Order Shuffled -Epochs 1 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterNotApplicable,*'
    }

    It 'takes every setting of every objective as a parameter (Preference''s GravitySteps, the shared ValidationUsers)' {
        $run = $split | Invoke-MfTraining -Objective Preference -GravitySteps 2 -ValidationUsers 50 -Factors 4 -Epochs 2
        $run.GravitySteps | Should -Be 2
        $run.ValidationUsers | Should -Be 50
        { $split | Invoke-MfTraining -Objective Squared -GravitySteps 2 -Epochs 1 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterNotApplicable,*'
        $settings = [LastFmMf.Training.HyperparameterOverrides]::Names
        $parameters = (Get-Command Invoke-MfTraining).Parameters.Keys
        foreach ($name in $settings) { if ($name -ne 'UseBiases') { $parameters | Should -Contain $name } }
    }

    It 'refuses an unknown objective, and completes the known ones' {
        { $split | Invoke-MfTraining -Objective Cubic -ErrorAction Stop } | Should -Throw -ErrorId 'UnknownObjective,*'
        $line = 'Invoke-MfTraining -Objective '
        $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $names | Should -Be @('Squared', 'Preference', 'Bpr', 'Implicit')
    }
}

Describe 'Runs show their own objective''s settings and measures' {
    BeforeAll {
        $script:implicit = $split | Invoke-MfTraining -Objective Implicit @qi
    }

    It 'an Implicit run has no learning rate, gravity, transform or RMSE, in Format-List or in its history CSV' {
        $list = $implicit | Format-List | Out-String -Width 200
        foreach ($word in 'LearningRate', 'Gravity', 'Transform', 'Rmse', 'Eta', 'BlockCount') { $list | Should -Not -Match $word }
        $list | Should -Match 'Alpha\s+: 4'
        $csv = Join-Path $TestDrive 'implicit-history.csv'
        $implicit.History | Export-Csv $csv
        (Import-Csv $csv)[0].PSObject.Properties.Name | Should -Be @('Epoch', 'Loss', 'ValidationNdcg', 'Seconds')
    }

    It 'a Squared run has its learning rate and RMSEs, per epoch and for the kept model' {
        $squared = $split | Invoke-MfTraining -Objective Squared @qs
        $squared.History[0].PSObject.Properties.Name | Select-Object -First 6 | Should -Be @('Epoch', 'Loss', 'LearningRate', 'TrainRmse', 'ValidationRmse', 'TestRmse')
        $squared.TestRmse | Should -BeGreaterThan 0
        $squared.PSObject.Properties.Name | Should -Not -Contain 'Alpha'
    }

    It 'a sweep over Alpha writes an Alpha column, and one over NegativeSampling a NegativeSampling column' {
        $alpha = foreach ($a in 1, 4) { $split | Invoke-MfTraining -Objective Implicit -Alpha $a @qi }
        $csv = Join-Path $TestDrive 'alpha.csv'
        $alpha | Export-Csv $csv
        (Import-Csv $csv).Alpha | Should -Be @('1', '4')
        $bpr = foreach ($n in 'Uniform', 'Popularity') { $split | Invoke-MfTraining -Objective Bpr -NegativeSampling $n @qb }
        $csv = Join-Path $TestDrive 'negatives.csv'
        $bpr | Export-Csv $csv
        $back = Import-Csv $csv
        $back.NegativeSampling | Should -Be @('Uniform', 'Popularity')
        $back[0].PSObject.Properties.Name | Should -Contain 'Patience'
        $back[0].PSObject.Properties.Name | Should -Contain 'ValidationFraction'
        $back[0].PSObject.Properties.Name | Should -Not -Contain 'Alpha'
    }

    It 'a sweep grid may mix objectives, each hashtable naming its own' {
        $grid = (@{ Objective = 'Implicit'; Alpha = 2 } + $qi), (@{ Objective = 'Bpr'; NegativeSampling = 'Popularity' } + $qb)
        $runs = foreach ($hp in $grid) { $split | Invoke-MfTraining @hp }
        $runs.Objective | Should -Be @('Implicit', 'Bpr')
    }
}

Describe 'What made a model survives a save and a load' {
    It '<Objective>: EpochsRun, BestEpoch and every setting are the same after Export-MfModel and Import-MfModel' -TestCases @(
        @{ Objective = 'Squared' }, @{ Objective = 'Bpr' }, @{ Objective = 'Implicit' }
    ) {
        param($Objective)
        $q = $quick[$Objective]
        $run = $split | Invoke-MfTraining -Objective $Objective @q -Patience 1
        $path = Join-Path $TestDrive "$Objective.lfmf"
        $run | Export-MfModel $path | Out-Null
        $back = Import-MfModel $path
        $back.Origin.EpochsRun | Should -Be $run.EpochsRun
        $back.Origin.BestEpoch | Should -Be $run.BestEpoch
        $back.Origin.ToString() | Should -Be $run.Model.Origin.ToString()
        ($back.Model.Origin.Columns() | ForEach-Object { "$($_.Key)=$($_.Value)" }) | Should -Be ($run.Model.Origin.Columns() | ForEach-Object { "$($_.Key)=$($_.Value)" })
    }
}

Describe 'Resume keeps the objective' {
    It 'refuses to go on as another objective' {
        $run = $split | Invoke-MfTraining @qs
        { Invoke-MfTraining -Resume $run -Objective Implicit -Epochs 1 -ErrorAction Stop } | Should -Throw -ErrorId 'ResumeChangesObjective,*'
    }

    It 'starts a new learning rate at the first resumed epoch' {
        $run = $split | Invoke-MfTraining -Factors 4 -Epochs 3 -Patience 0
        $more = Invoke-MfTraining -Resume $run -Epochs 2 -LearningRate 0.005 -Patience 0
        $more.History[3].LearningRate | Should -Be 0.005
        $more.History[4].LearningRate | Should -BeLessThan 0.005
        $more.EpochsRun | Should -Be 5
    }

    It 'refuses a changed setting that shapes the state, naming it' {
        $run = $split | Invoke-MfTraining @qs
        $err = $null
        try { Invoke-MfTraining -Resume $run -Epochs 1 -Gravity 2 -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'CannotResume,*'
        $err.Exception.Message | Should -Match 'Gravity'
    }
}

Describe 'Resume a saved model' {
    It 'goes on from the saved model exactly as the run would, with its history' {
        $first = $split | Invoke-MfTraining -Objective Squared -Factors 4 -Epochs 3 -ValidationFraction 0 -Seed 3
        $path = Join-Path $TestDrive 'resume.lfmf'
        $first | Export-MfModel $path | Out-Null
        $saved = Import-MfModel $path
        $saved.Origin.History.Count | Should -Be 3
        # The same rows as the run's, flat columns and all (TrainRmse, LearningRate, ...), in a table and in a CSV.
        ($saved.History | ConvertTo-Csv) | Should -Be ($first.History | ConvertTo-Csv)
        ($saved.History | Format-Table | Out-String) | Should -Be ($first.History | Format-Table | Out-String)
        $saved.History.ToString() | Should -Be '3 epochs'
        $fromFile = Invoke-MfTraining -Resume $saved -Epochs 2 -ThreadCount 1
        $fromRun = Invoke-MfTraining -Resume $first -Epochs 2 -ThreadCount 1
        $fromFile.EpochsRun | Should -Be 5
        $fromFile.History[0].Loss | Should -Be $first.History[0].Loss
        [System.Linq.Enumerable]::SequenceEqual([float[]]$fromFile.Model.CopyArtistFactors(), [float[]]$fromRun.Model.CopyArtistFactors()) | Should -BeTrue
    }

    It 'refuses a model with no run behind it' {
        $bare = [LastFmMf.Training.FactorModel]::FromArrays(1, [float[]]@(1), [float[]]@(1, 2), [float[]]@(0), [float[]]@(0, 0), 0, $false,
            [LastFmMf.Scoring.TargetTransform]::new('Log', 1, 2), [LastFmMf.Data.IdMap]::FromIds([int[]]@(1)), [LastFmMf.Data.IdMap]::FromIds([int[]]@(1, 2)),
            [LastFmMf.Data.Artist[]]@([LastFmMf.Data.Artist]::new(1, 'a', '', ''), [LastFmMf.Data.Artist]::new(2, 'b', '', '')))
        { Invoke-MfTraining -Resume $bare -Epochs 1 -ErrorAction Stop } | Should -Throw -ErrorId 'CannotResume,*'
    }
}
