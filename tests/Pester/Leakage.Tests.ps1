# Measuring a model on data it was trained on, or on other data, must not report figures silently.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-LastFmMfModulePath) -Force
    $script:sample = Join-Path (Split-Path (Get-LastFmMfModulePath)) 'data/sample'
    $script:data = Import-LastFmData $sample -WarningAction SilentlyContinue
    $script:split = $data | Split-LastFmData -Seed 42
    $script:run = $split | Invoke-MfTraining -Objective Implicit -Factors 4 -Epochs 2
}

Describe 'Measure-MfModel and leakage' {
    It 'warns with the overlap when the test listens are training listens' {
        $rows = Measure-MfModel -Model $run -TestData $split.Train -NoBaseline -WarningVariable w -WarningAction SilentlyContinue
        $rows | Should -Not -BeNullOrEmpty
        @($w).Count | Should -Be 1
        $w[0].Message | Should -BeLike "TestOverlapsTraining: $($split.TrainCount.ToString('N0')) of the $($split.TrainCount.ToString('N0')) held-out listens*"
    }

    It 'warns when measured on the test part of another split' {
        $other = $data | Split-LastFmData -Seed 7
        Measure-MfModel -Model $run -TestData $other.Test -NoBaseline -WarningVariable w -WarningAction SilentlyContinue | Out-Null
        $w[0].Message | Should -BeLike 'TestOverlapsTraining: *'
    }

    It 'says nothing on its own split' {
        Measure-MfModel -Model $run -TestData $split -NoBaseline -WarningVariable w | Out-Null
        @($w).Count | Should -Be 0
    }
}

Describe 'Fold-in never leaks an exception' {
    BeforeAll {
        $script:squared = $split | Invoke-MfTraining -Objective Squared -Factors 8 -Epochs 2
        $script:preference = $split | Invoke-MfTraining -Factors 8 -Epochs 2
    }

    It '-Regularization 0 with fewer listens than factors still recommends (<Name>)' -TestCases @(@{ Name = 'Squared' }, @{ Name = 'Preference' }) {
        param($Name)
        $m = if ($Name -eq 'Squared') { $squared } else { $preference }
        $rows = Get-MfRecommendation -Model $m -Listens @{ 1 = 10 } -Regularization 0 -WarningAction SilentlyContinue
        @($rows).Count | Should -Be 10
        $rows | ForEach-Object { [double]::IsFinite($_.Score) | Should -BeTrue }
    }

    It 'refuses -Regularization 0 for an Implicit model with a clean error' {
        { Get-MfRecommendation -Model $run -Listens @{ 1 = 10 } -Regularization 0 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidFoldIn,*'
    }

    It 'refuses a play count that does not fit a float' {
        Get-MfRecommendation -Model $run -Listens @{ 1 = 1e39; 2 = 5 } -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidPlayCount,*'
    }
}

Describe 'Degenerate input is said, not silently degraded' {
    BeforeAll {
        function New-Bare([float[]] $ArtistFactors) {
            [LastFmMf.Training.FactorModel]::FromArrays(1, [float[]]@(1), $ArtistFactors, [float[]]@(0), [float[]]@(0, 0, 0), 0, $false,
                [LastFmMf.Scoring.TargetTransform]::new('Log', 1, 2), [LastFmMf.Data.IdMap]::FromIds([int[]]@(1)), [LastFmMf.Data.IdMap]::FromIds([int[]]@(1, 2, 3)),
                [LastFmMf.Data.Artist[]]@([LastFmMf.Data.Artist]::new(1, 'a', '', ''), [LastFmMf.Data.Artist]::new(2, 'b', '', ''), [LastFmMf.Data.Artist]::new(3, 'c', '', '')))
        }
    }

    It 'an artist without training listens has no similar artists, and a warning says why' {
        $m = New-Bare ([float[]]@(1, 0, 2))
        $out = Get-MfSimilarArtist -Model $m -ArtistId 2 3>&1
        $warnings = @($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] -and $_.Message -like 'NoTrainingListens:*' })
        $warnings.Count | Should -Be 1
        @($out | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] }).Count | Should -Be 0
        @(Get-MfSimilarArtist -Model $m -ArtistId 1 -WarningAction SilentlyContinue).Count | Should -BeGreaterThan 0
    }

    It 'a model with NaN factors is not exported' {
        $m = New-Bare ([float[]]@(1, [float]::NaN, 2))
        $path = Join-Path $TestDrive 'nan.lfmf'
        { $m | Export-MfModel $path -ErrorAction Stop } | Should -Throw -ErrorId 'NotFiniteModel,*'
        Test-Path $path | Should -BeFalse
    }
}
