# The whole pipeline on a Last.fm-360K file of about two million rows, generated on the fly: import, split, train,
# recommend, evaluate with the baselines. Small settings (-Factors 8, -Epochs 2) keep it within a minute on a two-core
# machine; what is checked is that every step takes the previous one's output and gives sane results, not speed.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-LastFmMfModulePath) -Force
    $script:folder = Join-Path $TestDrive 'lastfm-360k'
    $script:summary = [LastFmMf.Data.Lastfm360KSampleWriter]::Write($folder, 360, [LastFmMf.Data.LastfmSampleOptions]@{ Rows = 2000000 })
}

Describe 'Last.fm-360K, two million rows, end to end' {
    It 'imports, splits, trains, recommends and evaluates' {
        $data = Import-LastFmData $folder
        $data.ListenCount | Should -Be 2000000
        $data.UserCount | Should -Be $summary.Users

        $split = $data | Split-LastFmData -Seed 1 -TestFraction 0.1
        $split.TestCount | Should -BeGreaterThan 150000

        $run = $split | Invoke-MfTraining -Factors 8 -Epochs 2 -Patience 0 -ValidationUsers 500 -Seed 1
        $run.Model.ArtistCount | Should -Be $data.ArtistCount

        $user = $data.Users.IdOf(0)
        $recs = @(Get-MfRecommendation -Model $run -UserId $user -Top 5)
        $recs.Count | Should -Be 5
        $recs.ArtistName | Should -Not -Contain $null
        $listened = $split.Train.Listens.GetArtists(0) | ForEach-Object { $data.ArtistIds.IdOf($_) }
        $recs.ArtistId | Where-Object { $_ -in $listened } | Should -BeNullOrEmpty

        # The model beside every baseline, as a user runs it: ranking ~33,000 artists for ~41,000 users, a random order
        # scores an NDCG@10 of about 0.0003; the planted Zipf popularity alone gives far more.
        $eval = @(Measure-MfModel -Model $run -TestData $split)
        $eval.Model | Select-Object -Skip 1 | Should -Be @('Popularity', 'Random')
        $eval[0].Users | Should -BeGreaterThan 30000
        $eval[0].Ndcg | Should -BeGreaterThan 0.05
        $eval[1].Ndcg | Should -BeGreaterThan 0.05
        $eval[2].Ndcg | Should -BeLessThan 0.005
    }
}
