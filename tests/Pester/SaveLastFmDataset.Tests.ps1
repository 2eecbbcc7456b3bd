# Save-LastFmDataset driven as a user drives it, against a loopback HTTP server in this pwsh process.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $HasRealData = [bool](Get-RealDataPath)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-LastFmMfModulePath) -Force

    # A small payload standing in for the zip; the cmdlet checks bytes, not zip structure.
    $script:Payload = [byte[]]::new(200000)
    [System.Random]::new(2011).NextBytes($script:Payload)
    $script:PayloadSha = [System.Convert]::ToHexStringLower([System.Security.Cryptography.SHA256]::HashData($script:Payload))

    # HttpListener on 127.0.0.1 and a port that was free a moment ago; retry if another process took it.
    $script:Listener = $null
    foreach ($attempt in 1..5) {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = $probe.LocalEndpoint.Port
        $probe.Stop()
        $candidate = [System.Net.HttpListener]::new()
        $candidate.Prefixes.Add("http://127.0.0.1:$port/")
        try { $candidate.Start(); $script:Listener = $candidate; break } catch { $candidate.Close() }
    }
    if (-not $script:Listener) { throw 'Could not start a loopback HttpListener.' }
    $script:BaseUri = "http://127.0.0.1:$port"

    # Serves /good/<name> with the payload, /slow/<name> with it in ten pieces over about a second,
    # /stall/<name> with a tenth of it and then a byte every 100 ms until the client leaves (at most 10 s),
    # /drop/<name> with half of it and then a reset; anything else is 404.
    # With the real data beside the repository, /real/<name> serves a zip built from it in a temp folder.
    $script:RealData = Get-RealDataPath
    $script:RealZip = [byte[]]@()
    if ($script:RealData) {
        $zipPath = Join-Path $TestDrive 'built-from-real-data.zip'
        [System.IO.Compression.ZipFile]::CreateFromDirectory($script:RealData, $zipPath)
        $script:RealZip = [System.IO.File]::ReadAllBytes($zipPath)
        Remove-Item $zipPath
        $script:RealZipSha = [System.Convert]::ToHexStringLower([System.Security.Cryptography.SHA256]::HashData($script:RealZip))
    }

    # A small synthetic Last.fm-360K archive for -Name Lastfm360K, served at /lastfm/<name>, and its listens file's MD5.
    $lastfmFolder = Join-Path $TestDrive 'lastfm-360k'
    $lastfm = [LastFmMf.Data.Lastfm360KSampleWriter]::Write($lastfmFolder, 12, [LastFmMf.Data.LastfmSampleOptions]@{ Rows = 3000 })
    $script:LastfmRows = $lastfm.Rows
    $tarPath = [LastFmMf.Data.LastfmSampleArchive]::WriteTarGz((Join-Path $TestDrive 'lastfm-dataset-360K.tar.gz'), 'lastfm-dataset-360K', $lastfm.Files)
    $script:LastfmTar = [System.IO.File]::ReadAllBytes($tarPath)
    $script:LastfmMd5 = @{ 'usersha1-artmbid-artname-plays.tsv' = [System.Convert]::ToHexStringLower([System.Security.Cryptography.MD5]::HashData([System.IO.File]::ReadAllBytes($lastfm.Files[0]))) }

    $script:Server = Start-ThreadJob -ArgumentList $script:Listener, $script:Payload, $script:RealZip, $script:LastfmTar -ScriptBlock {
        param($listener, [byte[]] $payload, [byte[]] $realZip, [byte[]] $lastfmTar)
        while ($listener.IsListening) {
            try { $context = $listener.GetContext() } catch { break }
            try {
                $response = $context.Response
                switch -Wildcard ($context.Request.Url.AbsolutePath) {
                    '/good/*' {
                        $response.ContentLength64 = $payload.Length
                        $response.OutputStream.Write($payload, 0, $payload.Length)
                        $response.Close()
                    }
                    '/lastfm/*' {
                        $response.ContentLength64 = $lastfmTar.Length
                        $response.OutputStream.Write($lastfmTar, 0, $lastfmTar.Length)
                        $response.Close()
                    }
                    '/real/*' {
                        $response.ContentLength64 = $realZip.Length
                        $response.OutputStream.Write($realZip, 0, $realZip.Length)
                        $response.Close()
                    }
                    '/slow/*' {
                        $response.ContentLength64 = $payload.Length
                        $piece = [int]($payload.Length / 10)
                        for ($offset = 0; $offset -lt $payload.Length; $offset += $piece) {
                            $response.OutputStream.Write($payload, $offset, [Math]::Min($piece, $payload.Length - $offset))
                            $response.OutputStream.Flush()
                            Start-Sleep -Milliseconds 100
                        }
                        $response.Close()
                    }
                    '/stall/*' {
                        $response.ContentLength64 = $payload.Length
                        $response.OutputStream.Write($payload, 0, [int]($payload.Length / 10))
                        $response.OutputStream.Flush()
                        try {
                            foreach ($i in 1..100) {
                                Start-Sleep -Milliseconds 100
                                $response.OutputStream.Write($payload, 0, 1)
                                $response.OutputStream.Flush()
                            }
                        }
                        catch { }
                        $response.Abort()
                    }
                    '/drop/*' {
                        $response.ContentLength64 = $payload.Length
                        $response.OutputStream.Write($payload, 0, [int]($payload.Length / 2))
                        $response.OutputStream.Flush()
                        $response.Abort()
                    }
                    default {
                        $response.StatusCode = 404
                        $response.Close()
                    }
                }
            }
            catch { }
        }
    }

    function script:Get-SaveError([scriptblock] $Action) {
        try { & $Action; $null } catch { $_ }
    }
}

AfterAll {
    if ($script:Listener) { $script:Listener.Stop(); $script:Listener.Close() }
    if ($script:Server) { $script:Server | Wait-Job -Timeout 5 | Out-Null; $script:Server | Remove-Job -Force }
}

Describe 'Save-LastFmDataset' {
    BeforeEach {
        $script:Folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
    }

    It 'is exported, with -WhatIf, -Confirm and -Force' {
        $command = Get-Command Save-LastFmDataset -Module LastFmMf
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
        $command.Parameters.Keys | Should -Contain 'Force'
        $command.OutputType.Type | Should -Contain ([System.IO.FileInfo])
    }

    It '-WhatIf writes nothing, neither the file nor the folder' {
        # Hostless: -WhatIf's message goes to the host, which would print it between the test results.
        $result = Invoke-Hostless { param($f, $u, $h) Save-LastFmDataset -Destination $f -Uri $u -Sha256 $h -WhatIf } $script:Folder, "$script:BaseUri/good/x.zip", $script:PayloadSha
        $result | Should -BeNullOrEmpty
        Test-Path $script:Folder | Should -BeFalse
    }

    It '-WhatIf with no -Destination writes nothing to the cache' {
        $saved = $env:XDG_CACHE_HOME
        try {
            $env:XDG_CACHE_HOME = $script:Folder
            Invoke-Hostless { Save-LastFmDataset -WhatIf } | Should -BeNullOrEmpty
            Test-Path $script:Folder | Should -BeFalse
        }
        finally { $env:XDG_CACHE_HOME = $saved }
    }

    It 'an invalid -Sha256 is refused with InvalidSha256 before any download' {
        $e = Get-SaveError { Save-LastFmDataset -Destination $script:Folder -Uri "$script:BaseUri/good/x.zip" -Sha256 'abc123' }
        $e | Should -Not -BeNullOrEmpty
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidSha256,*'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.TargetObject | Should -Be 'abc123'
        Test-Path $script:Folder | Should -BeFalse
    }

    It 'downloads, verifies and returns the file; a second call finds it verified' {
        $file = Save-LastFmDataset -Destination $script:Folder -Uri "$script:BaseUri/good/hetrec2011-lastfm-2k.zip" -Sha256 $script:PayloadSha.ToUpperInvariant()
        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.Name | Should -Be 'hetrec2011-lastfm-2k.zip'
        $file.Length | Should -Be $script:Payload.Length
        (Get-FileHash $file.FullName -Algorithm SHA256).Hash | Should -Be $script:PayloadSha.ToUpperInvariant()
        @(Get-ChildItem $script:Folder).Count | Should -Be 1

        $verbose = Save-LastFmDataset -Destination $script:Folder -Uri "$script:BaseUri/good/hetrec2011-lastfm-2k.zip" -Sha256 $script:PayloadSha -Verbose 4>&1
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match 'already downloaded, verified'
        ($verbose | Where-Object { $_ -is [System.IO.FileInfo] }).FullName | Should -Be $file.FullName
    }

    It 'writes progress from the pipeline thread and completes it' {
        # A nested PowerShell in this runspace's process lets the test read the progress stream.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddArgument((Get-LastFmMfModulePath)).AddStatement()
            $null = $ps.AddCommand('Save-LastFmDataset').AddParameter('Destination', $script:Folder).
                AddParameter('Uri', "$script:BaseUri/slow/x.zip").AddParameter('Sha256', $script:PayloadSha)
            $output = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $output.Count | Should -Be 1
            $output[0].Length | Should -Be $script:Payload.Length
            $progress = @($ps.Streams.Progress)
            $progress.Count | Should -BeGreaterThan 1
            $progress[-1].RecordType | Should -Be 'Completed'
            $running = @($progress | Where-Object RecordType -EQ 'Processing')
            $running | ForEach-Object { $_.PercentComplete | Should -BeIn (0..100) }
            $running[-1].StatusDescription | Should -Match 'of 0\.2 MB'
        }
        finally { $ps.Dispose() }
    }

    It 'stopping it (Ctrl+C) cancels the download and leaves no file' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddArgument((Get-LastFmMfModulePath)).AddStatement()
            $null = $ps.AddCommand('Save-LastFmDataset').AddParameter('Destination', $script:Folder).
                AddParameter('Uri', "$script:BaseUri/stall/x.zip").AddParameter('Sha256', $script:PayloadSha)
            $async = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ($ps.Streams.Progress.Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $ps.Streams.Progress.Count | Should -BeGreaterThan 0
            $ps.Stop()
            # EndInvoke returns what was written before the stop: nothing here.
            @($ps.EndInvoke($async)).Count | Should -Be 0
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            @(Get-ChildItem $script:Folder -File -Force -ErrorAction SilentlyContinue).Count | Should -Be 0
        }
        finally { $ps.Dispose() }
    }

    It 'a wrong checksum gives ChecksumMismatch and leaves no file' {
        $wrong = 'a' * 64
        $e = Get-SaveError { Save-LastFmDataset -Destination $script:Folder -Uri "$script:BaseUri/good/x.zip" -Sha256 $wrong }
        $e.FullyQualifiedErrorId | Should -BeLike 'ChecksumMismatch,*'
        $e.TargetObject | Should -Be "$script:BaseUri/good/x.zip"
        $e.Exception.Message | Should -Match $script:PayloadSha
        @(Get-ChildItem $script:Folder -Force -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'a dropped connection gives DownloadFailed and leaves no file' {
        $e = Get-SaveError { Save-LastFmDataset -Destination $script:Folder -Uri "$script:BaseUri/drop/x.zip" -Sha256 $script:PayloadSha }
        $e.FullyQualifiedErrorId | Should -BeLike 'DownloadFailed,*'
        @(Get-ChildItem $script:Folder -Force -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'HTTP 404 gives DownloadFailed naming the status' {
        $e = Get-SaveError { Save-LastFmDataset -Destination $script:Folder -Uri "$script:BaseUri/nothing/x.zip" -Sha256 $script:PayloadSha }
        $e.FullyQualifiedErrorId | Should -BeLike 'DownloadFailed,*'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.Exception.Message | Should -Match '404'
    }

    It 'an existing file that does not verify is kept without -Force and replaced with it' {
        New-Item -ItemType Directory $script:Folder | Out-Null
        $path = Join-Path $script:Folder 'x.zip'
        Set-Content -Path $path -Value 'old'

        $e = Get-SaveError { Save-LastFmDataset -Destination $script:Folder -Uri "$script:BaseUri/good/x.zip" -Sha256 $script:PayloadSha }
        $e.FullyQualifiedErrorId | Should -BeLike 'DestinationExists,*'
        $e.Exception.Message | Should -Match '-Force'
        $e.TargetObject | Should -Be $path
        Get-Content $path | Should -Be 'old'

        $file = Save-LastFmDataset -Destination $script:Folder -Uri "$script:BaseUri/good/x.zip" -Sha256 $script:PayloadSha -Force
        $file.Length | Should -Be $script:Payload.Length
        @(Get-ChildItem $script:Folder).Count | Should -Be 1
    }
}

Describe 'Import-LastFmData on what Save-LastFmDataset saved' {
    BeforeEach {
        $script:Folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
    }

    It 'reads the downloaded zip without unpacking it' -Skip:(-not $HasRealData) {
        $file = Save-LastFmDataset -Destination $script:Folder -Uri "$script:BaseUri/real/hetrec2011-lastfm-2k.zip" -Sha256 $script:RealZipSha
        $data = Import-LastFmData -Path $file.FullName -WarningAction SilentlyContinue
        $data.UserCount | Should -Be 1892
        $data.ArtistCount | Should -Be 17632
        $data.ListenCount | Should -Be 92834
        @(Get-ChildItem $script:Folder).Name | Should -Be 'hetrec2011-lastfm-2k.zip'
    }

    It 'reports a file that is not a zip as BadArchive, naming the file' {
        New-Item -ItemType Directory $script:Folder | Out-Null
        $path = Join-Path $script:Folder 'hetrec2011-lastfm-2k.zip'
        Set-Content -Path $path -Value '<html><body>captive portal</body></html>'
        $data = Import-LastFmData -Path $path -ErrorVariable err -ErrorAction SilentlyContinue
        $data | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'BadArchive,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].Exception.Message | Should -Match 'not a readable zip archive'
        $err[0].Exception.Message | Should -Match ([regex]::Escape($path))
    }

    It 'reports a zip cut in half as BadArchive' {
        New-Item -ItemType Directory $script:Folder | Out-Null
        $source = Join-Path $script:Folder 'src'
        New-Item -ItemType Directory $source | Out-Null
        Set-Content -Path (Join-Path $source 'artists.dat') -Value ("id`tname`turl`tpictureURL`n" + (1..500 | ForEach-Object { "$_`tArtist $_`thttp://x/$_`t" }) -join "`n")
        $zip = Join-Path $script:Folder 'cut.zip'
        [System.IO.Compression.ZipFile]::CreateFromDirectory($source, $zip)
        $bytes = [System.IO.File]::ReadAllBytes($zip)
        [System.IO.File]::WriteAllBytes($zip, $bytes[0..([int]($bytes.Length / 2))])
        Import-LastFmData -Path $zip -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'BadArchive,*'
    }
}

Describe 'Save-LastFmDataset -Name and Import-LastFmData -Name (Last.fm-360K from a local server)' {
    BeforeEach {
        $script:SavedCache = $env:XDG_CACHE_HOME
        $env:XDG_CACHE_HOME = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $script:Cache = Join-Path $env:XDG_CACHE_HOME 'LastFmMf'
    }
    AfterEach { $env:XDG_CACHE_HOME = $script:SavedCache }

    It 'downloads the archive, checks the MD5 of the files inside, caches it, and Import-LastFmData -Name reads it' {
        $file = Save-LastFmDataset -Name Lastfm360K -Uri "$script:BaseUri/lastfm/lastfm-dataset-360K.tar.gz" -FileMd5 $script:LastfmMd5
        $file.FullName | Should -Be (Join-Path $script:Cache 'lastfm-dataset-360K.tar.gz')
        $data = Import-LastFmData -Name Lastfm360K
        $data.Format | Should -Be 'Lastfm360K'
        $data.ListenCount | Should -Be $script:LastfmRows
        # A second call finds the cached archive verified and downloads nothing.
        (Save-LastFmDataset -Name Lastfm360K -Uri "$script:BaseUri/nothing-here/lastfm-dataset-360K.tar.gz" -FileMd5 $script:LastfmMd5).FullName | Should -Be $file.FullName
    }

    It 'refuses an archive whose files do not have the published MD5s (ChecksumMismatch) and keeps nothing' {
        $e = Get-SaveError { Save-LastFmDataset -Name Lastfm360K -Uri "$script:BaseUri/lastfm/lastfm-dataset-360K.tar.gz" -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -BeLike 'ChecksumMismatch,*'
        $e.Exception.Message | Should -Match 'usersha1-artmbid-artname-plays.tsv has MD5 [0-9a-f]{32}, not be672526eb7c69495c27ad27803148f1'
        @(Get-ChildItem $script:Cache -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'refuses -Sha256 with a Last.fm name and -FileMd5 with HetRec (ParameterNotApplicable)' {
        (Get-SaveError { Save-LastFmDataset -Name Lastfm1K -Sha256 ('0' * 64) -WhatIf -ErrorAction Stop }).FullyQualifiedErrorId | Should -BeLike 'ParameterNotApplicable,*'
        (Get-SaveError { Save-LastFmDataset -FileMd5 @{ a = 'b' } -WhatIf -ErrorAction Stop }).FullyQualifiedErrorId | Should -BeLike 'ParameterNotApplicable,*'
    }

    It 'Import-LastFmData -Name without a download says to run Save-LastFmDataset' {
        Import-LastFmData -Name Lastfm1K -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CachedDatasetNotFound,*'
        $err[0].Exception.Message | Should -Match 'Save-LastFmDataset -Name Lastfm1K'
    }
}
