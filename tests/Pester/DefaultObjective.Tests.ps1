# The first thing a user types trains a model that recommends well; a model fitted to play counts says so when it ranks.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-LastFmMfModulePath) -Force
    $script:sample = Join-Path (Split-Path (Get-LastFmMfModulePath)) 'data/sample'
    $script:split = Import-LastFmData $sample -WarningAction SilentlyContinue | Split-LastFmData -Seed 42
    $script:default = $split | Invoke-MfTraining
    $script:squared = $split | Invoke-MfTraining -Objective Squared -Factors 8 -Epochs 5
}

Describe 'The default Invoke-MfTraining' {
    It 'trains a ranking objective that beats Popularity on NDCG@10 and coverage' {
        $default.Objective | Should -Not -Be 'Squared'
        $rows = Measure-MfModel -Model $default -TestData $split
        $model = $rows | Where-Object Kind -eq 'Model'
        $popularity = $rows | Where-Object Model -eq 'Popularity'
        $model.Ndcg | Should -BeGreaterThan ($popularity.Ndcg * 1.2)
        $model.Coverage | Should -BeGreaterThan $popularity.Coverage
    }
}

Describe 'Ranking with a model fitted to play counts' {
    It '<Name> warns once for a Squared model, naming the better choice' -TestCases @(
        @{ Name = 'Get-MfRecommendation'; Call = { param($m) Get-MfRecommendation -Model $m -UserId 2, 3 } }
        @{ Name = 'Get-MfRecommendation -Listens'; Call = { param($m) Get-MfRecommendation -Model $m -Listens @{ 1 = 10 } } }
        @{ Name = 'Get-MfSimilarArtist'; Call = { param($m) Get-MfSimilarArtist -Model $m -ArtistId 1, 2 } }
    ) {
        param($Name, $Call)
        $w = @(& { & $Call $squared } 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $w.Count | Should -Be 1
        $w[0].Message | Should -BeLike '*fitted to play counts*-Objective Implicit*'
        $w = @(& { & $Call $default } 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $w.Count | Should -Be 0
    }

    It 'is quiet with -WarningAction SilentlyContinue' {
        $out = Get-MfRecommendation -Model $squared -UserId 2 -WarningAction SilentlyContinue 3>&1
        @($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -Be 0
    }
}
