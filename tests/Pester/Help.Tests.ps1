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
        Push-Location $work
        $savedCache = $env:XDG_CACHE_HOME; $env:XDG_CACHE_HOME = Join-Path $work 'cache'
        $savedData = $env:LASTFMMF_DATA; $env:LASTFMMF_DATA = $null
        try {
            $output = & ([scriptblock]::Create($Code)) 3>$null 2>&1
            $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $errors | Should -BeNullOrEmpty -Because "example $Index of $Name should run cleanly:`n$Code"
        }
        finally { Pop-Location; $env:XDG_CACHE_HOME = $savedCache; $env:LASTFMMF_DATA = $savedData }
    }
}
