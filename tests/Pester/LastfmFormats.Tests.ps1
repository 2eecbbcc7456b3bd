# Last.fm-360K and -1K through Import-LastFmData, the way a user reads them: generated files of the real shape
# (small, made on the fly by the seeded generators in the module's core), from a folder, a .tsv and a .tar.gz.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-LastFmMfModulePath) -Force

    function New-Sample([string] $Format, [string] $Name, [long] $Rows, [int] $Seed, [int] $Malformed = 0) {
        $folder = Join-Path $TestDrive $Name
        $options = [LastFmMf.Data.LastfmSampleOptions]@{ Rows = $Rows; MalformedLines = $Malformed }
        $summary = if ($Format -eq 'Lastfm360K') { [LastFmMf.Data.Lastfm360KSampleWriter]::Write($folder, $Seed, $options) }
                   else { [LastFmMf.Data.Lastfm1KSampleWriter]::Write($folder, $Seed, $options) }
        $inArchive = if ($Format -eq 'Lastfm360K') { 'lastfm-dataset-360K' } else { 'lastfm-dataset-1K' }
        $tar = [LastFmMf.Data.LastfmSampleArchive]::WriteTarGz("$folder.tar.gz", $inArchive, $summary.Files)
        [pscustomobject]@{ Folder = $folder; Tsv = $summary.Files[0]; TarGz = $tar; Summary = $summary }
    }

    # A file of the given lines (LF, UTF-8 without BOM), in a fresh folder; returns its path.
    function New-Lines([string] $Name, [string[]] $Lines) {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $folder | Out-Null
        $path = Join-Path $folder $Name
        [IO.File]::WriteAllText($path, (($Lines | ForEach-Object { "$_`n" }) -join ''))
        $path
    }

    $script:s360 = New-Sample Lastfm360K s360 20000 1
    $script:s1k = New-Sample Lastfm1K s1k 30000 2
    $script:sha = '00000c289a1829a808ac09c00daf10bc3c4e223b'
}

Describe 'Import-LastFmData of Last.fm-360K and -1K' {
    It 'reads <Format> from its <Kind>' -ForEach @(
        @{ Format = 'Lastfm360K'; Kind = 'folder' }, @{ Format = 'Lastfm360K'; Kind = 'tsv' }, @{ Format = 'Lastfm360K'; Kind = 'tar.gz' }
        @{ Format = 'Lastfm1K'; Kind = 'folder' }, @{ Format = 'Lastfm1K'; Kind = 'tsv' }, @{ Format = 'Lastfm1K'; Kind = 'tar.gz' }
    ) {
        $s = if ($Format -eq 'Lastfm360K') { $s360 } else { $s1k }
        $path = switch ($Kind) { 'folder' { $s.Folder } 'tsv' { $s.Tsv } 'tar.gz' { $s.TarGz } }
        $data = Import-LastFmData $path
        $data | Should -BeOfType 'LastFmMf.Data.LastFmDataset'
        $data.Format | Should -Be $Format
        $data.UserCount | Should -Be $s.Summary.Users
        $data.ArtistCount | Should -Be $s.Summary.Artists
        $data.ListenCount | Should -Be $s.Summary.Pairs
        $data.ProfileCount | Should -Be $(if ($Kind -eq 'tsv') { 0 } else { $s.Summary.Users })
        $data.HasTimestamps | Should -Be ($Format -eq 'Lastfm1K')
        (Import-LastFmData $path -Format $Format).ListenCount | Should -Be $s.Summary.Pairs
    }

    It 'shows the format, the counts, the profiles and the timestamps in the default view' {
        $text = Import-LastFmData $s1k.Folder | Out-String
        $text | Should -Match 'Format\s*:\s*Lastfm1K'
        $text | Should -Match ("Listens\s*:\s*{0:N0}" -f $s1k.Summary.Pairs)
        $text | Should -Match ("Profiles\s*:\s*{0:N0}" -f $s1k.Summary.Users)
        $text | Should -Match 'Timestamps\s*:\s*first and last listen'
    }

    It 'keeps the profile columns' {
        $data = Import-LastFmData $s360.Folder
        $p = $data.UserProfiles | Where-Object { $_.Age -and $_.Gender -and $_.Country } | Select-Object -First 1
        $p.UserId | Should -BeOfType [int]
        $p.Key | Should -Match '^[0-9a-f]{40}$'
        $p.Gender | Should -BeIn 'm', 'f'
        $p.Age | Should -BeOfType [int]
        $p.Signup | Should -BeOfType [DateOnly]
        $data.UserKeys[$data.Users.IndexOf($p.UserId)] | Should -Be $p.Key
        $one = New-Lines 'usersha1-profile.tsv' "$sha`tf`t22`tCôte D'Ivoire`tFeb 1, 2007"
        [IO.File]::WriteAllText((Join-Path (Split-Path $one) 'usersha1-artmbid-artname-plays.tsv'), "$sha`t`tdie ärzte`t3`n")
        $q = (Import-LastFmData (Split-Path $one)).UserProfiles[0]
        ($q.Gender, $q.Age, $q.Country, $q.Signup) | Should -Be @('f', 22, "Côte D'Ivoire", [DateOnly]::new(2007, 2, 1))
    }

    It 'keys artists without an MBID by name and says how many there are' {
        $data = Import-LastFmData $s360.Folder
        @($data.Artists | Where-Object { -not $_.Mbid }).Count | Should -Be $s360.Summary.MbidlessArtists
        $s360.Summary.MbidlessArtists | Should -BeGreaterThan 0
        ($data.Notes -join "`n") | Should -Match ('{0:N0} are known by name only' -f $s360.Summary.MbidlessArtists)
        $names = New-Lines 'usersha1-artmbid-artname-plays.tsv' @("$sha`t`tdie ärzte`t3", "$sha`t`tDie Ärzte`t4", "$sha`t`tsigur rós`t5")
        $d = Import-LastFmData $names
        @($d.Artists.Name) | Should -Be @('Die Ärzte', 'die ärzte', 'sigur rós')
    }

    It 'gives <ErrorId> naming the file and line for <What>' -ForEach @(
        @{ What = 'a missing column'; ErrorId = 'WrongColumnCount'; File = 'usersha1-artmbid-artname-plays.tsv'; Line = "$('0' * 40)`t`tx" }
        @{ What = 'plays that are not a number'; ErrorId = 'NotANumber'; File = 'usersha1-artmbid-artname-plays.tsv'; Line = "$('0' * 40)`t`tx`tmany" }
        @{ What = 'zero plays'; ErrorId = 'ZeroWeight'; File = 'usersha1-artmbid-artname-plays.tsv'; Line = "$('0' * 40)`t`tx`t0" }
        @{ What = 'a user id that is not a SHA-1'; ErrorId = 'InvalidUserId'; File = 'usersha1-artmbid-artname-plays.tsv'; Line = "12345`t`tx`t3" }
        @{ What = 'an MBID that is not a UUID'; ErrorId = 'InvalidMbid'; File = 'usersha1-artmbid-artname-plays.tsv'; Line = "$('0' * 40)`tabc`tx`t3" }
        @{ What = 'no MBID and no name'; ErrorId = 'MissingArtist'; File = 'usersha1-artmbid-artname-plays.tsv'; Line = "$('0' * 40)`t`t`t3" }
        @{ What = 'a bad timestamp'; ErrorId = 'InvalidDate'; File = 'userid-timestamp-artid-artname-traid-traname.tsv'; Line = "user_000001`t2009-02-30T00:00:00Z`t`tx`t`tt" }
        @{ What = 'a bad 1K user id'; ErrorId = 'InvalidUserId'; File = 'userid-timestamp-artid-artname-traid-traname.tsv'; Line = "someone`t2009-02-03T00:00:00Z`t`tx`t`tt" }
    ) {
        $good = if ($File -like 'usersha1*') { "$sha`t`tgood`t3" } else { "user_000001`t2009-01-01T00:00:00Z`t`tgood`t`tt" }
        $path = New-Lines $File @($good, $Line)
        Import-LastFmData $path -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].Exception.Message | Should -BeLike "$path, line 2*"
        $data = Import-LastFmData $path -SkipMalformed -WarningVariable warn -WarningAction SilentlyContinue
        $data.SkippedLines | Should -Be 1
        ($warn -join ' ') | Should -Match 'Skipped 1 malformed lines'
        ($data.Notes -join "`n") | Should -Match "skipped 1 malformed lines \(-SkipMalformed\): 1 $ErrorId; lines 2\."
    }

    It 'gives <ErrorId> for <What>' -ForEach @(
        @{ What = 'a bad gender in a profile'; ErrorId = 'InvalidProfile'; Profile = "$('0' * 40)`tx`t`t`t" }
        @{ What = 'a bad signup date'; ErrorId = 'InvalidDate'; Profile = "$('0' * 40)`tm`t`t`tyesterday" }
        @{ What = 'a user with two profiles'; ErrorId = 'DuplicateId'; Profile = "$('0' * 40)`tm`t`t`t", "$('0' * 40)`tf`t`t`t" }
    ) {
        $p = New-Lines 'usersha1-profile.tsv' $Profile
        [IO.File]::WriteAllText((Join-Path (Split-Path $p) 'usersha1-artmbid-artname-plays.tsv'), "$('0' * 40)`t`tx`t3`n")
        Import-LastFmData (Split-Path $p) -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $err[0].Exception.Message | Should -BeLike "$p, line *"
    }

    It 'refuses a folder of no known format (UnknownFormat) and data of another format (FormatMismatch)' {
        $empty = Join-Path $TestDrive 'empty'; New-Item -ItemType Directory $empty | Out-Null
        Import-LastFmData $empty -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnknownFormat,*'
        Import-LastFmData $s360.Folder -Format Lastfm1K -ErrorVariable err2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'FormatMismatch,*'
        $err2[0].Exception.Message | Should -Match 'Lastfm360K data, not Lastfm1K'
    }

    It 'refuses a damaged .tar.gz with BadArchive' {
        $bytes = [IO.File]::ReadAllBytes($s1k.TarGz)
        $cut = Join-Path $TestDrive 'cut.tar.gz'
        [IO.File]::WriteAllBytes($cut, $bytes[0..($bytes.Length / 2)])
        Import-LastFmData $cut -Format Lastfm1K -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'BadArchive,*'
    }

    It 'refuses -SkipMalformed for HetRec data with ParameterNotApplicable' {
        $sample = Join-Path (Split-Path (Get-LastFmMfModulePath)) 'data/sample'
        { Import-LastFmData $sample -SkipMalformed -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterNotApplicable,*'
    }

    It 'counts every skipped line of a generated file with -SkipMalformed' {
        $bad = New-Sample Lastfm1K bad1k 9000 3 -Malformed 9
        Import-LastFmData $bad.Folder -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'WrongColumnCount,*'
        $data = Import-LastFmData $bad.TarGz -SkipMalformed -WarningAction SilentlyContinue
        $data.SkippedLines | Should -Be 9
        $data.ListenCount | Should -Be $bad.Summary.Pairs
        ($data.Notes -join "`n") | Should -Match 'skipped 9 malformed lines \(-SkipMalformed\): 3 InvalidDate, 3 InvalidUserId, 3 WrongColumnCount'
    }
}

Describe 'Split-LastFmData -Method Time' {
    It 'holds out each user''s latest listens of Last.fm-1K data' {
        $data = Import-LastFmData $s1k.Folder
        $split = $data | Split-LastFmData -Method Time -TestFraction 0.2
        $split.Method | Should -Be 'Time'
        ($split.TrainCount + $split.TestCount) | Should -Be $data.ListenCount
        $checked = 0
        for ($u = 0; $u -lt $data.UserCount; $u++) {
            $test = $split.Test.Listens.GetLastTimes($u)
            if ($test.Length -eq 0) { continue }
            $earliestHeldOut = ($test | Measure-Object -Minimum).Minimum
            $latestKept = ($split.Train.Listens.GetLastTimes($u) | Measure-Object -Maximum).Maximum
            $earliestHeldOut | Should -BeGreaterOrEqual $latestKept
            $checked++
        }
        $checked | Should -BeGreaterThan 0
    }

    It 'refuses data without timestamps with NoTimestamps, and -Seed with ParameterNotApplicable' {
        $data = Import-LastFmData $s360.Folder
        { $data | Split-LastFmData -Method Time -ErrorAction Stop } | Should -Throw -ErrorId 'NoTimestamps,*'
        { Import-LastFmData $s1k.Folder | Split-LastFmData -Method Time -Seed 3 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterNotApplicable,*'
    }
}
