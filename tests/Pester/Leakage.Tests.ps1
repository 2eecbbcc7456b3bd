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
