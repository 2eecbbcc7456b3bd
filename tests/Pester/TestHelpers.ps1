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
