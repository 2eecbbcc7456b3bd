# The cold-start protocol and the blend with friends and tags, driven the way a user drives them (issue 15).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-LastFmMfModulePath) -Force
    $script:sample = Join-Path (Split-Path (Get-LastFmMfModulePath)) 'data/sample'
    $script:data = Import-LastFmData $sample -WarningAction SilentlyContinue
    $script:cold = $data | Split-LastFmData -Seed 42 -ColdStartUsers 40
    $script:run = $cold | Invoke-MfTraining -Objective Implicit -Factors 8 -Epochs 4
}

Describe 'Split-LastFmData -ColdStartUsers' {
    It 'takes the sampled users out of Train and carries the sample' {
        $cold.ColdStart.UserCount | Should -Be 40
        foreach ($u in $cold.ColdStart.Users) { $cold.Train.Listens.RowLength($u) | Should -Be 0 }
        $plain = $data | Split-LastFmData -Seed 42
        $cold.Train.ListenCount | Should -Be ($plain.Train.ListenCount - $cold.ColdStart.Original.Count)
        $cold.Test.ListenCount | Should -Be $plain.Test.ListenCount
    }

    It '-LightListens keeps that many listens of each sampled user' {
        $light = $data | Split-LastFmData -Seed 42 -ColdStartUsers 10 -LightListens 3
        foreach ($u in $light.ColdStart.Users) { $light.Train.Listens.RowLength($u) | Should -Be 3 }
    }

    It 'refuses cold-start parameters without -ColdStartUsers (ParameterNotApplicable)' {
        { $data | Split-LastFmData -Seed 42 -LightListens 3 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterNotApplicable,*'
        { $data | Split-LastFmData -Seed 42 -ColdStartSeed 3 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterNotApplicable,*'
    }

    It 'refuses a LightListens that leaves nothing hidden' {
        { $data | Split-LastFmData -Seed 42 -ColdStartUsers 5 -LightListens 20 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSplitParameter,*'
    }
}

Describe 'Measure-MfModel -ColdStart' {
    It 'writes Popularity, Random, Friends, Model and Blend rows by n' {
        $rows = Measure-MfModel -Model $run -TestData $cold -ColdStart 1, 3
        $rows.Count | Should -Be 10
        @($rows | Where-Object Revealed -eq 1).Scorer | Should -Be @('Popularity', 'Random', 'Friends', 'Model', 'Blend')
        $rows.Users | Sort-Object -Unique | Should -Be 40
        $rows.Protocol | Sort-Object -Unique | Should -Be 'FoldIn'
        ($rows | Where-Object { $_.Revealed -eq 1 -and $_.Scorer -eq 'Model' }).Ndcg |
            Should -BeGreaterThan ($rows | Where-Object { $_.Revealed -eq 1 -and $_.Scorer -eq 'Random' }).Ndcg
        @(Measure-MfModel -Model $run -TestData $cold -ColdStart 1 -NoBaseline).Scorer | Should -Be @('Model', 'Blend')
    }

    It 'gives the same table twice' {
        (Measure-MfModel -Model $run -TestData $cold -ColdStart 3 | ConvertTo-Csv) | Should -Be (Measure-MfModel -Model $run -TestData $cold -ColdStart 3 | ConvertTo-Csv)
    }

    It 'refuses a model trained on the hidden listens (ColdStartLeak) and a plain split (NotAColdStartSplit)' {
        $plain = $data | Split-LastFmData -Seed 42
        $leaky = $plain | Invoke-MfTraining -Objective Implicit -Factors 8 -Epochs 2
        $err = $null
        $null = Measure-MfModel -Model $leaky -TestData $cold -ColdStart 1 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ColdStartLeak,*'
        { Measure-MfModel -Model $run -TestData $plain -ColdStart 1 -ErrorAction Stop } | Should -Throw -ErrorId 'NotAColdStartSplit,*'
    }

    It 'measures light users in training with the blend as the default' {
        $light = $data | Split-LastFmData -Seed 42 -ColdStartUsers 40 -LightListens 2
        $lightRun = $light | Invoke-MfTraining -Objective Implicit -Factors 8 -Epochs 4
        $rows = Measure-MfModel -Model $lightRun -TestData $light -ColdStart 2
        $rows.Protocol | Sort-Object -Unique | Should -Be 'Light'
        $err = $null
        $null = Measure-MfModel -Model $lightRun -TestData $light -ColdStart 3 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidColdStart,*'
    }
}

Describe 'Get-MfRecommendation with friends' {
    It '-Friends blends in what the friends play and -Explain names them' {
        $u = $cold.ColdStart.Users[0]
        $friends = @($run.Model.Social.GetFriends($u) | ForEach-Object { $run.Model.Users.IdOf($_) })
        $friends.Count | Should -BeGreaterThan 0
        $known = $cold.ColdStart.Reveal($u, 1).Item1[0]
        $listens = @{ [int]$run.Model.ArtistIds.IdOf($known) = 10 }
        $alone = Get-MfRecommendation -Model $run -Listens $listens -NoSocial -Explain
        $with = Get-MfRecommendation -Model $run -Listens $listens -Friends $friends -Explain
        ($with.ArtistId -join ',') | Should -Not -Be ($alone.ArtistId -join ',')
        @($with.Because | Where-Object { $_ -match 'friends? (\d+ )?plays?' }).Count | Should -BeGreaterThan 0
        @($alone.Because | Where-Object { $_ -match 'friend' }).Count | Should -Be 0
    }

    It 'refuses -Friends with -NoSocial, for a listener with many listens, and on a model read from a file' {
        $first = $run.Model.Artists[0].Name
        { Get-MfRecommendation -Model $run -Listens @{ $first = 1 } -Friends 2 -NoSocial -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterNotApplicable,*'
        $many = @{}; foreach ($a in $run.Model.Artists[0..11]) { $many[$a.Id] = 5 }
        { Get-MfRecommendation -Model $run -Listens $many -Friends 2 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterNotApplicable,*'
        $path = Join-Path $TestDrive 'm.lfmf'
        $run | Export-MfModel $path
        $loaded = Import-MfModel $path
        { Get-MfRecommendation -Model $loaded -Listens @{ $first = 1 } -Friends 2 -ErrorAction Stop } | Should -Throw -ErrorId 'NoSocialData,*'
    }

    It 'blends a light user of the data automatically, and -NoSocial turns it off' {
        $light = $data | Split-LastFmData -Seed 42 -ColdStartUsers 10 -LightListens 1
        $lightRun = $light | Invoke-MfTraining -Objective Implicit -Factors 8 -Epochs 4
        $id = $lightRun.Model.Users.IdOf($light.ColdStart.Users[0])
        $auto = Get-MfRecommendation -Model $lightRun -UserId $id -Explain
        $off = Get-MfRecommendation -Model $lightRun -UserId $id -NoSocial -Explain
        ($auto.ArtistId -join ',') | Should -Not -Be ($off.ArtistId -join ',')
        @($off.Because | Where-Object { $_ -match 'friend|tagged' }).Count | Should -Be 0
    }
}
