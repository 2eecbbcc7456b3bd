# Get-MfRecommendation, Get-MfSimilarArtist, Measure-MfModel and sweeps, driven the way a user drives them.
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
    $script:run = $split | Invoke-MfTraining -Objective Squared -Factors 8 -Epochs 5 -Seed 1
    $script:model = $run.Model
    # The artist names a user listened to in Train, by user id.
    function script:Get-TrainArtistIds([int] $UserId) {
        $u = $split.Train.Users.IndexOf($UserId)
        @($split.Train.Listens.GetArtists($u) | ForEach-Object { $split.Train.ArtistIds.IdOf($_) })
    }
}

Describe 'Get-MfRecommendation' {
    It 'gives Top rows per user, ranked, never an artist the user listened to' {
        $rows = Get-MfRecommendation -Model $run -UserId 2, 3 -Top 7
        $rows.Count | Should -Be 14
        $rows[0].PSObject.Properties.Name | Should -Be @('UserId', 'Rank', 'ArtistId', 'ArtistName', 'Score', 'Tags', 'Listened', 'Because')
        @($rows | Where-Object { $_.UserId -eq 2 } | ForEach-Object Rank) | Should -Be (1..7)
        foreach ($id in 2, 3) {
            $listened = Get-TrainArtistIds $id
            ($rows | Where-Object { $_.UserId -eq $id }).ArtistId | Where-Object { $_ -in $listened } | Should -BeNullOrEmpty
            $scores = ($rows | Where-Object { $_.UserId -eq $id }).Score
            $scores | Should -Be ($scores | Sort-Object -Descending)
        }
        $rows.Listened | Should -Not -Contain $true
    }

    It '-IncludeListened keeps listened artists and marks them' {
        $rows = Get-MfRecommendation -Model $run -UserId 2 -Top 200 -IncludeListened
        $listened = Get-TrainArtistIds 2
        $marked = @($rows | Where-Object { $_.Listened })
        $marked.Count | Should -BeGreaterThan 0
        $marked.ArtistId | ForEach-Object { $_ | Should -BeIn $listened }
        ($rows | Where-Object { -not $_.Listened }).ArtistId | Where-Object { $_ -in $listened } | Should -BeNullOrEmpty
    }

    It 'takes user ids by value and by property name (Import-Csv)' {
        $byValue = 2, 3 | Get-MfRecommendation -Model $run -Top 3
        $csv = Join-Path $TestDrive 'users.csv'
        [pscustomobject]@{ UserId = 2 }, [pscustomobject]@{ UserId = 3 } | Export-Csv $csv -NoTypeInformation
        $byName = Import-Csv $csv | Get-MfRecommendation -Model $run -Top 3
        ($byName | ConvertTo-Csv) | Should -Be ($byValue | ConvertTo-Csv)
        $byValue.Count | Should -Be 6
    }

    It 'recommends for every user when none is given, and for a piped run' {
        @(Get-MfRecommendation -Model $run -Top 2).Count | Should -Be (2 * $model.UserCount)
        @($run | Get-MfRecommendation -Top 1).Count | Should -Be $model.UserCount
    }

    It 'an unknown user id is a non-terminating error naming it, and the rest go on' {
        $rows = Get-MfRecommendation -Model $run -UserId 2, 999999, 3 -Top 2 -ErrorVariable bad -ErrorAction SilentlyContinue
        $rows.Count | Should -Be 4
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'UnknownUserId*'
        $bad[0].TargetObject | Should -Be 999999
        $bad[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $bad[0].Exception.Message | Should -Match '999999'
    }

    It '-Explain names listened artists after "because you listen to"' {
        $rows = Get-MfRecommendation -Model $run -UserId 2 -Explain -ExplainCount 2
        $names = @{}; $model.Artists | ForEach-Object { $names[$_.Id] = $_.Name }
        $listenedNames = (Get-TrainArtistIds 2) | ForEach-Object { $names[$_] }
        foreach ($r in $rows | Where-Object { $_.Because }) {
            $r.Because | Should -BeLike 'because you listen to *'
            $support = ($r.Because -replace '^because you listen to ', '') -split ', '
            $support.Count | Should -BeLessOrEqual 2
            $support | ForEach-Object { $_ | Should -BeIn $listenedNames }
        }
        @($rows | Where-Object { $_.Because }).Count | Should -BeGreaterThan 0
        (Get-MfRecommendation -Model $run -UserId 2)[0].Because | Should -Be ''
    }

    It 'folds in a new listener from names and ids, leaving out what they listen to' {
        $a, $b = $model.Artists[0], $model.Artists[5]
        $rows = Get-MfRecommendation -Model $run -Listens @{ $a.Name.ToUpper() = 120; $b.Id = 40 } -Explain
        $rows.Count | Should -Be 10
        $rows.UserId | ForEach-Object { $_ | Should -BeNullOrEmpty }
        $rows.ArtistId | Should -Not -Contain $a.Id
        $rows.ArtistId | Should -Not -Contain $b.Id
        ($rows | Where-Object { $_.Because }).Because | ForEach-Object { $_ | Should -Match ([regex]::Escape($a.Name) + '|' + [regex]::Escape($b.Name)) }
    }

    It 'folding in a user''s own train listens recommends much like that user''s own list' {
        $u = $split.Train.Users.IndexOf(2)
        $listens = @{}
        $artists = $split.Train.Listens.GetArtists($u); $plays = $split.Train.Listens.GetPlays($u)
        for ($i = 0; $i -lt $artists.Count; $i++) { $listens[$split.Train.ArtistIds.IdOf($artists[$i])] = $plays[$i] }
        $own = (Get-MfRecommendation -Model $run -UserId 2).ArtistId
        $folded = (Get-MfRecommendation -Model $run -Listens $listens).ArtistId
        @($folded | Where-Object { $_ -in $own }).Count | Should -BeGreaterOrEqual 7
    }

    It 'an unknown artist in -Listens is a non-terminating error; none known stops the command' {
        $rows = Get-MfRecommendation -Model $run -Listens @{ $model.Artists[0].Name = 5; 'No Such Band' = 3 } -ErrorVariable bad -ErrorAction SilentlyContinue
        $rows.Count | Should -Be 10
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'UnknownArtist*'
        $bad[0].TargetObject | Should -Be 'No Such Band'
        { Get-MfRecommendation -Model $run -Listens @{ 'No Such Band' = 3 } -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'NoKnownListens*'
    }

    It 'refuses something that is not a model' {
        { Get-MfRecommendation -Model 'not a model' -UserId 2 } | Should -Throw '*Expected a trained model*'
    }
}

Describe 'Get-MfSimilarArtist' {
    It 'never lists the query artist and ranks by the measure' {
        $name = $model.Artists[0].Name
        foreach ($m in 'Dot', 'Cosine') {
            $rows = Get-MfSimilarArtist $name -Model $run -Measure $m -Top 20
            $rows.Count | Should -Be 20
            $rows.ArtistName | Should -Not -Contain $name
            $rows.Measure | Select-Object -Unique | Should -Be $m
            $rows.Query | Select-Object -Unique | Should -Be $name
            $rows.Similarity | Should -Be ($rows.Similarity | Sort-Object -Descending)
        }
        (Get-MfSimilarArtist $name -Model $run -Measure Cosine)[0].Similarity | Should -BeLessOrEqual 1.0000001
    }

    It 'matches names case-insensitively, by id, and from the pipeline' {
        $a = $model.Artists[3]
        $byName = Get-MfSimilarArtist $a.Name.ToLower() -Model $run -Top 3
        $byId = Get-MfSimilarArtist "$($a.Id)" -Model $run -Top 3
        $piped = [pscustomobject]@{ Name = $a.Name } | Get-MfSimilarArtist -Model $run -Top 3
        $byId.ArtistId | Should -Be $byName.ArtistId
        $piped.ArtistId | Should -Be $byName.ArtistId
    }

    It 'an ambiguous name is an error that lists the candidates; the other artists are still answered' {
        # Sample names share words ("Sound", "Protocol"): find a word in at least two names.
        $word = $model.Artists.Name | ForEach-Object { $_ -split ' ' } | Where-Object { $_.Length -ge 4 } | Group-Object |
            Where-Object { $_.Count -ge 2 } | Select-Object -First 1 -ExpandProperty Name
        $matching = @($model.Artists.Name | Where-Object { $_ -like "*$word*" })
        $rows = Get-MfSimilarArtist $word, $model.Artists[0].Name -Model $run -Top 2 -ErrorVariable bad -ErrorAction SilentlyContinue
        $rows.Count | Should -Be 2
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'AmbiguousArtist*'
        $bad[0].TargetObject | Should -Be $word
        $bad[0].Exception.Message | Should -BeLike "*'$($matching[0])'*"
        $bad[0].Exception.Message | Should -BeLike "*'$($matching[1])'*"
        Get-MfSimilarArtist 'Nobody By This Name' -Model $run -ErrorVariable nf -ErrorAction SilentlyContinue
        $nf[0].FullyQualifiedErrorId | Should -BeLike 'UnknownArtist*'
    }

    It 'tab-completes artist names from the model' {
        $prefix = $model.Artists[0].Name.Substring(0, 4)
        $line = "Get-MfSimilarArtist -Model `$run -Artist $prefix"
        $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.ListItemText
        $names | Should -Contain $model.Artists[0].Name
        $names | ForEach-Object { $_ | Should -BeLike "*$prefix*" }
    }
}

Describe 'Measure-MfModel' {
    It 'writes the model and every baseline, with hyperparameter columns for a run' {
        $rows = Measure-MfModel -Model $run -TestData $split
        $rows.Model[0] | Should -BeLike 'Squared k=8 *seed=1 *'
        $rows.Model | Select-Object -Skip 1 | Should -Be @('Popularity', 'Random', 'UserArtistBias', 'GlobalMean')
        $rows[0].Factors | Should -Be 8
        $rows[0].Epochs | Should -Be 5
        $rows[0].Seed | Should -Be 1
        $rows[0].Rmse | Should -BeGreaterThan 0
        $rows[0].Ndcg | Should -BeGreaterThan 0
        $rows[0].Rmse | Should -BeLessThan $rows[4].Rmse   # the model beats the global mean on RMSE
        $rows[4].Ndcg | Should -BeNullOrEmpty
        $rows[1].Rmse | Should -BeNullOrEmpty
        $rows[1].Users | Should -Be $split.TestUserCount
        $rows.K | Select-Object -Unique | Should -Be 10
    }

    It 'gives the same numbers for the split and for its Test part' {
        $a = Measure-MfModel -Model $run -TestData $split -K 5 -NoBaseline
        $b = $run | Measure-MfModel -TestData $split.Test -K 5 -NoBaseline
        ($b | ConvertTo-Csv) | Should -Be ($a | ConvertTo-Csv)
        $a.K | Should -Be 5
    }

    It 'writes the baselines once for several piped models' {
        $other = $split | Invoke-MfTraining -Objective Squared -Factors 4 -Epochs 2 -Seed 2
        $rows = $run, $other | Measure-MfModel -TestData $split
        $rows.Count | Should -Be 6
        @($rows | Where-Object { $_.Kind -eq 'Model' }).Count | Should -Be 2
    }

    It 'keeps the hyperparameters of a model saved and imported with Export-MfModel / Import-MfModel' {
        $file = Join-Path $TestDrive 'model.lfmf'
        $run | Export-MfModel $file | Out-Null
        $saved = Import-MfModel $file
        $row = $saved | Measure-MfModel -TestData $split -NoBaseline
        $direct = Measure-MfModel -Model $run -TestData $split -NoBaseline
        ($row | ConvertTo-Csv) | Should -Be ($direct | ConvertTo-Csv)
        $row.Factors | Should -Be 8
        (Get-MfRecommendation -Model $saved -UserId 2 | ConvertTo-Csv) | Should -Be (Get-MfRecommendation -Model $run -UserId 2 | ConvertTo-Csv)
    }

    It 'refuses test data that is neither a split nor a dataset' {
        { Measure-MfModel -Model $run -TestData 42 } | Should -Throw -ErrorId 'InvalidTestData*'
    }
}

Describe 'Sweeps' {
    BeforeAll {
        function script:Invoke-Sweep([string] $Path) {
            $grid = foreach ($f in 4, 8) { foreach ($l in 1, 10) { @{ Factors = $f; Regularization = $l; Epochs = 3; Seed = 5 } } }
            $grid | ForEach-Object { $split | Invoke-MfTraining -Objective Squared @_ | Measure-MfModel -TestData $split -NoBaseline } |
                Sort-Object Ndcg -Descending | Export-Csv $Path -NoTypeInformation
        }
    }

    It 'a grid splatted into Invoke-MfTraining gives a complete CSV table, the same bytes every time' {
        $one = Join-Path $TestDrive 'sweep1.csv'; $two = Join-Path $TestDrive 'sweep2.csv'
        Invoke-Sweep $one
        Invoke-Sweep $two
        (Get-FileHash $one).Hash | Should -Be (Get-FileHash $two).Hash
        $table = Import-Csv $one
        $table.Count | Should -Be 4
        ($table | ForEach-Object { "$($_.Factors)/$($_.Regularization)" } | Sort-Object) | Should -Be @('4/1', '4/10', '8/1', '8/10')
        $table[0].PSObject.Properties.Name | Should -Contain 'Ndcg'
        $table[0].PSObject.Properties.Name | Should -Contain 'LearningRate'
        [double]$table[0].Ndcg | Should -BeGreaterOrEqual ([double]$table[3].Ndcg)
    }

    It 'ForEach-Object -Parallel over the module gives the same rows as a sequential loop' {
        $module = Join-Path (Get-Module LastFmMf).ModuleBase 'LastFmMf.psd1'
        $grid = @{ Factors = 4; Seed = 1 }, @{ Factors = 8; Seed = 1 }, @{ Factors = 4; Seed = 2 }
        $parallel = $grid | ForEach-Object -ThrottleLimit 2 -Parallel {
            Import-Module $using:module
            $p = $_
            $using:split | Invoke-MfTraining -Objective Squared @p -Epochs 3 | Measure-MfModel -TestData $using:split -NoBaseline
        } | Sort-Object Factors, Seed
        $sequential = $grid | ForEach-Object { $split | Invoke-MfTraining -Objective Squared @_ -Epochs 3 | Measure-MfModel -TestData $split -NoBaseline } |
            Sort-Object Factors, Seed
        $parallel.Count | Should -Be 3
        ($parallel | ConvertTo-Csv) | Should -Be ($sequential | ConvertTo-Csv)
    }
}

Describe 'The whole pipeline on the real data' -Skip:(-not $realData) {
    BeforeAll {
        $script:csv = Join-Path $TestDrive 'recommendations.csv'
        Import-LastFmData $realData -WarningAction SilentlyContinue | Split-LastFmData -TestFraction 0.2 -Seed 42 |
            Invoke-MfTraining -Objective Squared -ThreadCount 2 | Get-MfRecommendation -Explain | Export-Csv $csv -NoTypeInformation
        $script:back = Import-Csv $csv
    }

    It 'Import | Split | Train | Recommend | Export-Csv writes ten rows per user that read back' {
        $back.Count | Should -Be (1892 * 10)
        $back[0].PSObject.Properties.Name | Should -Be @('UserId', 'Rank', 'ArtistId', 'ArtistName', 'Score', 'Tags', 'Listened', 'Because')
        @($back | Group-Object UserId).Count | Should -Be 1892
        @($back | Where-Object { $_.UserId -eq '2' } | ForEach-Object Rank) | Should -Be @('1', '2', '3', '4', '5', '6', '7', '8', '9', '10')
        $back.Listened | Select-Object -Unique | Should -Be 'False'
        ($back | Where-Object { $_.ArtistName -eq '' }) | Should -BeNullOrEmpty
        @($back | Where-Object { $_.Because -like 'because you listen to *' }).Count | Should -BeGreaterThan 18000
    }

    It 'gives the evaluation table, the neighbours of Johnny Cash and Radiohead, and user 2''s explained top 10' {
        # The tables are checked, not printed: the test log keeps to results (FirstRun.Tests.ps1 checks their rendering).
        $split = Import-LastFmData $realData -WarningAction SilentlyContinue | Split-LastFmData -TestFraction 0.2 -Seed 42
        $run = $split | Invoke-MfTraining -Objective Squared -ThreadCount 2
        $table = Measure-MfModel -Model $run -TestData $split
        foreach ($a in 'Johnny Cash', 'Radiohead') {
            foreach ($m in 'Dot', 'Cosine') {
                $n = Get-MfSimilarArtist $a -Model $run -Measure $m
                $n.ArtistName | Should -Not -Contain $a
                $n.Count | Should -Be 10
            }
        }
        $top = Get-MfRecommendation -Model $run -UserId 2 -Explain
        $top.Count | Should -Be 10
        @($top | Where-Object Because -like 'because you listen to *').Count | Should -Be 10
        ($table | Where-Object { $_.Model -eq 'Popularity' }).Users | Should -BeGreaterThan 1800
        $table.Count | Should -Be 5
    }
}

Describe 'Measure-MfModel with models of different objectives' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Import-Module (Get-LastFmMfModulePath) -Force
        $sample = Join-Path (Split-Path (Get-LastFmMfModulePath)) 'data/sample'
        $script:split = Import-LastFmData $sample -WarningAction SilentlyContinue | Split-LastFmData -Seed 4
        $script:squared = $split | Invoke-MfTraining -Objective Squared -Factors 4 -Epochs 2
        $script:implicit = $split | Invoke-MfTraining -Objective Implicit -Factors 8 -Epochs 2
    }

    It 'writes the ranking baselines once, and error baselines only for the model that predicts play counts' {
        $rows = $squared, $implicit | Measure-MfModel -TestData $split
        ($rows | Where-Object Model -eq 'Popularity').Count | Should -Be 1
        ($rows | Where-Object Model -eq 'GlobalMean').Count | Should -Be 1
        ($rows | Where-Object { $_.Model -like 'Implicit*' }).Rmse | Should -BeNullOrEmpty
        ($rows | Where-Object { $_.Model -like 'Implicit*' }).Ndcg | Should -BeGreaterThan ($rows | Where-Object Model -eq 'Popularity').Ndcg
    }
}
