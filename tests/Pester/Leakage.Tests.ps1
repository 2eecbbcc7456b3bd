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
