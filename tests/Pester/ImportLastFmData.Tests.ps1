BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:realData = Get-RealDataPath
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-LastFmMfModulePath) -Force
    $script:realData = Get-RealDataPath
    $script:sample = Join-Path (Split-Path (Get-LastFmMfModulePath)) 'data/sample'
}

Describe 'Import-LastFmData' {
    It 'reads the bundled sample by default and warns that it did' {
        $saved = $env:LASTFMMF_DATA; $env:LASTFMMF_DATA = $null
        $savedCache = $env:XDG_CACHE_HOME; $env:XDG_CACHE_HOME = Join-Path $TestDrive 'empty-cache'
        try {
            $data = Import-LastFmData -WarningVariable warn -WarningAction SilentlyContinue
        }
        finally { $env:LASTFMMF_DATA = $saved; $env:XDG_CACHE_HOME = $savedCache }
        $data | Should -BeOfType 'LastFmMf.Data.LastFmDataset'
        $data.UserCount | Should -BeGreaterThan 0
        ($warn -join "`n") | Should -Match 'bundled SAMPLE'
        ($warn -join "`n") | Should -Match 'Save-LastFmDataset'
    }

    It 'reads the folder named by LASTFMMF_DATA and says so' {
        $saved = $env:LASTFMMF_DATA; $env:LASTFMMF_DATA = $sample
        try { $data = Import-LastFmData -WarningVariable warn -WarningAction SilentlyContinue }
        finally { $env:LASTFMMF_DATA = $saved }
        $data.Source | Should -Be (Resolve-Path $sample).Path
        ($warn -join "`n") | Should -Match 'LASTFMMF_DATA'
    }

    It 'takes folders from Get-Item on the pipeline' {
        $data = Get-Item $sample | Import-LastFmData -WarningAction SilentlyContinue
        $data.Source | Should -Be (Get-Item $sample).FullName
    }

    It 'resolves a relative path against the PowerShell location' {
        Push-Location (Split-Path $sample)
        try { $data = Import-LastFmData ./sample -WarningAction SilentlyContinue }
        finally { Pop-Location }
        $data.Source | Should -Be (Get-Item $sample).FullName
    }

    It 'gives a non-terminating PathNotFound error naming the path, and goes on with the next path' {
        $results = @((Join-Path $TestDrive 'nowhere'), $sample) | Import-LastFmData -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        @($results).Count | Should -Be 1
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be (Join-Path $TestDrive 'nowhere')
    }

    It 'names file, line and value for a malformed line' {
        $bad = Join-Path $TestDrive 'bad'
        Copy-Item $sample $bad -Recurse
        Add-Content (Join-Path $bad 'user_artists.dat') "2`tnot-an-id`t5"
        $lines = (Get-Content (Join-Path $bad 'user_artists.dat')).Count
        Import-LastFmData $bad -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NotANumber,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].Exception.Message | Should -BeLike "*user_artists.dat, line $lines*'not-an-id'*whole number*"
    }

    It 'refuses a file that is not a zip with BadArchive' {
        $fake = Join-Path $TestDrive 'fake.zip'
        Set-Content $fake 'not a zip'
        Import-LastFmData $fake -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'BadArchive,*'
    }

    It 'shows counts and the source in the default view' {
        $text = Import-LastFmData $sample -WarningAction SilentlyContinue | Out-String
        $text | Should -Match 'Source\s*:'
        $text | Should -Match 'Listens\s*:\s*[\d,]+'
        $text | Should -Match 'Artists\s*:\s*[\d,]+'
    }
}

Describe 'Import-LastFmData on the real data' -Skip:(-not $realData) {
    BeforeAll {
        $all = Import-LastFmData $realData -WarningVariable script:warn -WarningAction SilentlyContinue -Verbose 4>&1
        $script:data = $all | Where-Object { $_ -is [LastFmMf.Data.LastFmDataset] }
        $script:verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
    }

    It 'has the published counts' {
        $data.UserCount | Should -Be 1892
        $data.ArtistCount | Should -Be 17632
        $data.ListenCount | Should -Be 92834
        $data.TagCount | Should -Be 11946
        $data.TagAssignmentCount | Should -Be 186479
        $data.FriendshipCount | Should -Be 25434
    }

    It 'notes the 390 tagged artists missing from artists.dat, verbosely and in .Notes, without a warning' {
        # A documented, handled quirk of the official files: no WARNING on every real import.
        $warn | Should -BeNullOrEmpty
        ($data.Notes -join "`n") | Should -Match '390 tagged artist ids \(1,538 rows\)'
        ($verbose -join "`n") | Should -Match '390 tagged artist ids \(1,538 rows\)'
    }

    It 'lets users filter artists by name' {
        $cash = $data.Artists | Where-Object Name -like '*Cash*'
        $cash.Name | Should -Contain 'Johnny Cash'
    }

    It 'reads Latin-1 tag names' {
        ($data.Tags | Where-Object Id -eq 2863).Name | Should -Be 'tropicália'
    }

    It 'refuses a path of another provider (env:HOME) with NotAFileSystemPath' {
        Import-LastFmData -Path env:HOME -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NotAFileSystemPath,*'
        $err[0].Exception.Message | Should -Match 'Environment provider'
    }

    It 'refuses a FIFO at once with NotARegularFile, without hanging' -Skip:$IsWindows {
        $bad = Join-Path $TestDrive 'fifo'
        Copy-Item $sample $bad -Recurse
        Remove-Item (Join-Path $bad 'user_artists.dat')
        & mkfifo (Join-Path $bad 'user_artists.dat')
        $job = Start-ThreadJob { param($p, $m) Import-Module $m; Import-LastFmData $p -ErrorVariable e -ErrorAction SilentlyContinue; $e } -ArgumentList $bad, (Get-LastFmMfModulePath)
        $done = Wait-Job $job -Timeout 60
        $done | Should -Not -BeNullOrEmpty -Because 'a reader that opens the FIFO blocks forever'
        $err = @(Receive-Job $job)
        Remove-Job $job -Force
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NotARegularFile,*'
        $err[0].Exception.Message | Should -Match 'FIFO'
    }

    It 'a file without line breaks is LineTooLong with a short message' {
        $bad = Join-Path $TestDrive 'noline'
        Copy-Item $sample $bad -Recurse
        [IO.File]::WriteAllBytes((Join-Path $bad 'user_artists.dat'), [byte[]]::new(4MB))
        Import-LastFmData $bad -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LineTooLong,*'
        $err[0].Exception.Message.Length | Should -BeLessThan 600
    }
}

Describe 'A dataset in a CSV' {
    It 'writes counts, not type names' {
        $data = Import-LastFmData (Join-Path (Split-Path (Get-LastFmMfModulePath)) 'data/sample')
        $row = $data | ConvertTo-Csv | ConvertFrom-Csv
        ($data | ConvertTo-Csv) -join "`n" | Should -Not -Match 'System\.|LastFmMf\.'
        $row.Artists | Should -Be "$($data.ArtistCount.ToString('N0')) artists"
        $row.Users | Should -Be "$($data.UserCount.ToString('N0')) ids"
        $row.Listens | Should -BeLike "$($data.ListenCount.ToString('N0')) listens of *"
        $data.Artists[0].Name | Should -Not -BeNullOrEmpty
        @($data.Artists | Where-Object Name -like '*a*').Count | Should -BeGreaterThan 0
    }
}
