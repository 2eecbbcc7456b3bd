# Dot-sourced by every *.Tests.ps1: where the module and the real data are.

function Get-LastFmMfModulePath {
    if ($env:LASTFMMF_MODULE_PATH) { return $env:LASTFMMF_MODULE_PATH }
    Join-Path $PSScriptRoot '../../out/LastFmMf/LastFmMf.psd1'
}

# The real HetRec data beside the repository, or $null (tests then skip). Under CI=true its absence throws,
# so a broken path fails the run instead of skipping quietly.
function Get-RealDataPath {
    $candidates = @($env:LASTFMMF_REAL_DATA, (Join-Path $PSScriptRoot '../../../shared/data/hetrec2011-lastfm-2k')) | Where-Object { $_ }
    foreach ($c in $candidates) {
        if (Test-Path (Join-Path $c 'user_artists.dat')) { return (Resolve-Path $c).Path }
    }
    if ($env:CI -eq 'true') { throw "CI=true but the real HetRec data was not found at: $($candidates -join ', ')" }
    $null
}

# Runs a script block in a new runspace of this process that has no host, with the module imported, and returns
# its output. -WhatIf and -Verbose write to the host, which no redirection in the test reaches; without a host the
# test log keeps to results. Errors come back as ErrorRecords in the output; objects cross as themselves (one process).
function Invoke-Hostless([scriptblock] $ScriptBlock, [object[]] $ArgumentList = @(), [string] $Location) {
    $ps = [powershell]::Create()
    try {
        $null = $ps.AddCommand('Import-Module').AddArgument((Get-LastFmMfModulePath)).AddStatement()
        if ($Location) { $null = $ps.AddCommand('Set-Location').AddArgument($Location).AddStatement() }
        $null = $ps.AddScript($ScriptBlock.ToString())
        foreach ($a in $ArgumentList) { $null = $ps.AddArgument($a) }
        $output = @($ps.Invoke())
        $output + @($ps.Streams.Error)
    }
    finally { $ps.Dispose() }
}

# The columns of a table as rendered text: each header with its cell texts. Columns are told apart by the positions
# that are blank on every line of the table (the one-space gaps between columns); a header's dashes name its column.
function Get-RenderedTable([string] $Text) {
    $lines = @($Text -split "\r?\n")
    $rule = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^\s*-+(\s+-+)*\s*$' })
    if ($rule -lt 1) { throw "No table in:`n$Text" }
    $table = @($lines[($rule - 1)..($lines.Count - 1)] | Where-Object { $_.Trim() })
    $width = ($table | Measure-Object Length -Maximum).Maximum
    $blank = foreach ($p in 0..($width - 1)) { -not ($table | Where-Object { $p -lt $_.Length -and $_[$p] -ne ' ' }) }
    # Segments of non-blank positions; one with no dashes (a gap inside a cell) joins the column before it.
    $columns = [System.Collections.Generic.List[object]]::new()
    $p = 0
    while ($p -lt $width) {
        if ($blank[$p]) { $p++; continue }
        $start = $p
        while ($p -lt $width -and -not $blank[$p]) { $p++ }
        $hasDash = $lines[$rule].Length -gt $start -and $lines[$rule].Substring($start, [Math]::Min($p, $lines[$rule].Length) - $start).Contains('-')
        if ($hasDash -or $columns.Count -eq 0) { $columns.Add([pscustomobject]@{ Start = $start; End = $p }) } else { $columns[-1].End = $p }
    }
    $rows = @($table | Select-Object -Skip 2)
    foreach ($c in $columns) {
        $cut = { param($l) if ($l.Length -le $c.Start) { '' } else { $l.Substring($c.Start, [Math]::Min($c.End, $l.Length) - $c.Start).Trim() } }
        [pscustomobject]@{ Header = (& $cut $lines[$rule - 1]); Cells = @($rows | ForEach-Object { & $cut $_ }) }
    }
}
