# Every exported cmdlet has help: a synopsis, a description, every parameter described, and examples
# that run. Examples are run in a folder where ./hetrec2011-lastfm-2k (and its .zip) are copies of the
# bundled sample, so they work offline exactly as printed.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-LastFmMfModulePath) -Force
    $script:commands = Get-Command -Module LastFmMf -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } }
    $script:examples = foreach ($c in Get-Command -Module LastFmMf -CommandType Cmdlet) {
        $i = 0
        foreach ($ex in (Get-Help $c.Name).examples.example) {
            $i++
            @{ Name = $c.Name; Index = $i; Code = $ex.code }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-LastFmMfModulePath) -Force
    $script:common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'Help for <Name>' -ForEach $commands {
    BeforeAll { $script:help = Get-Help $Name -Full }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^\s*$Name\s"
        ($help.description.Text -join ' ').Length | Should -BeGreaterThan 80
    }

    It 'describes every parameter' {
        $described = @($help.parameters.parameter | Where-Object { ($_.description.Text -join '').Trim() } | ForEach-Object Name)
        $params = (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common }
        foreach ($p in $params) { $described | Should -Contain $p -Because "-$p of $Name needs a description" }
    }

    It 'names each parameter''s type as a user types it (int, not Nullable`1)' {
        ($help | Out-String -Width 200) | Should -Not -Match 'Nullable'
    }

    It 'has at least one example' {
        @($help.examples.example).Count | Should -BeGreaterThan 0
    }
}

Describe 'Example <Index> of <Name> runs' -ForEach $examples {
    BeforeAll {
        $sample = Join-Path (Split-Path (Get-LastFmMfModulePath)) 'data/sample'
        $script:work = Join-Path $TestDrive "ex-$Name-$Index"
        New-Item -ItemType Directory $work | Out-Null
        Copy-Item $sample (Join-Path $work 'hetrec2011-lastfm-2k') -Recurse
        Compress-Archive -Path (Join-Path $sample '*') -DestinationPath (Join-Path $work 'hetrec2011-lastfm-2k.zip')
    }

    It 'runs without a terminating error' {
        $savedCache = $env:XDG_CACHE_HOME; $env:XDG_CACHE_HOME = Join-Path $work 'cache'
        $savedData = $env:LASTFMMF_DATA; $env:LASTFMMF_DATA = $null
        try {
            # Hostless, in $work: an example's -WhatIf and -Verbose lines would otherwise print between the test results.
            $output = Invoke-Hostless ([scriptblock]::Create($Code)) -Location $work
            $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $errors | Should -BeNullOrEmpty -Because "example $Index of $Name should run cleanly:`n$Code"
        }
        finally { $env:XDG_CACHE_HOME = $savedCache; $env:LASTFMMF_DATA = $savedData }
    }
}

Describe 'Help text' {
    It 'shows each parameter''s real default, and none where there is none to show' {
        $all = foreach ($c in Get-Command -Module LastFmMf -CommandType Cmdlet) { Get-Help $c.Name -Full | Out-String -Width 200 }
        ($all -join "`n") | Should -Not -Match 'Default value\s+None'
        (Get-Help Get-MfSimilarArtist -Parameter Top | Out-String) | Should -Match 'Default value\s+10\s'
        # Training defaults differ by objective; the help shows each (the cmdlet's own property is an unset 0).
        (Get-Help Invoke-MfTraining -Parameter Factors | Out-String) | Should -Match 'Default value\s+Preference 256, Squared 64, Bpr 64, Implicit 128\s'
        (Get-Help Invoke-MfTraining -Parameter Seed | Out-String) | Should -Match 'Default value\s+42\s'
        (Get-Help Invoke-MfTraining -Parameter ThreadCount | Out-String) | Should -Match 'Default value\s+the number of processors'
        (Get-Help Get-MfSimilarArtist -Parameter MinListeners | Out-String) | Should -Match 'Default value\s+5\s'
        (Get-Help Get-MfSimilarArtist -Parameter Measure | Out-String) | Should -Match 'Default value\s+Cosine\s'
        (Get-Help Measure-MfModel -Parameter NoBaseline | Out-String) | Should -Match 'Default value\s+False\s'
    }

    It 'keeps the name of every see-cref that a parameter description borrows from the XML docs' {
        $xml = [xml](Get-Content -Raw (Join-Path (Get-Module LastFmMf).ModuleBase 'LastFmMf.Core.xml'))
        $checked = 0
        foreach ($m in $xml.doc.members.member | Where-Object { $_.name -like 'P:LastFmMf.Training.Hyperparameters.*' }) {
            $name = $m.name -replace '^.*\.', ''
            if (-not (Get-Command Invoke-MfTraining).Parameters.ContainsKey($name)) { continue }
            $summary = $m.SelectSingleNode('summary').InnerXml
            foreach ($cref in [regex]::Matches($summary, '<see cref="[A-Z]:([^"(]+)[^"]*"\s*/>')) {
                $member = $cref.Groups[1].Value -replace '^.*\.', ''
                (Get-Help Invoke-MfTraining -Parameter $name).description.Text -join ' ' | Should -Match "\b$member\b" -Because "-$name's help cites $member"
                $checked++
            }
        }
        $checked | Should -BeGreaterThan 0
    }

    It 'has an about_LastFmMf topic: the pipeline, the objectives and when to use each, the data quirks' {
        $about = Get-Help about_LastFmMf | Out-String
        foreach ($word in 'Import-LastFmData', 'Split-LastFmData', 'Invoke-MfTraining', 'Measure-MfModel', 'Squared', 'Implicit', 'Bpr', 'RMSE', 'Latin-1', '390 artist ids') {
            $about | Should -Match ([regex]::Escape($word))
        }
    }
}
