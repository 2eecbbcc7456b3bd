@{
    Synopsis    = 'Downloads the official HetRec 2011 Last.fm zip to a per-user cache and verifies its SHA-256.'
    Description = @'
Downloads hetrec2011-lastfm-2k.zip (GroupLens) with a progress bar, hashing it as it arrives, and keeps it
only when its SHA-256 matches: a mismatching download is deleted and reported as ChecksumMismatch. The
download goes to a temporary file beside the destination and is renamed only when complete and verified,
so a dropped connection or Ctrl+C never leaves a partial file under the final name.

The default destination is the per-user cache ($env:XDG_CACHE_HOME/LastFmMf, ~/.cache/LastFmMf, or
%LOCALAPPDATA%\LastFmMf), which is where Import-LastFmData looks when it is given no -Path. The zip is kept
as it is; Import-LastFmData reads it without unpacking.

When the file is already there and verifies, nothing is downloaded and the file is returned. When it is there
and does not verify, the cmdlet stops with DestinationExists unless -Force is given.

The expected SHA-256 (6738f481...c59c) is the one published by a dataset loader project; it could not be
checked against the real archive when this module was written. If GroupLens has republished the file, pass
the new hash with -Sha256 after checking it from a source you trust. ErrorIds: InvalidUri, InvalidSha256,
DestinationNotAFolder, DestinationUnreadable, DestinationExists, ChecksumMismatch, DownloadFailed,
DestinationNotWritable.
'@
    Parameters  = @{
        Destination = 'The folder to save the zip into; created if missing. Default: the per-user cache that Import-LastFmData reads.'
        Uri         = 'Where to download from: an absolute http or https address. Default: the official GroupLens address. Use it for a mirror.'
        Sha256      = 'The expected SHA-256 of the file as 64 hexadecimal characters (either case). Default: the published hash of the official zip.'
        Force       = 'Replace an existing file at the destination that does not verify, instead of stopping.'
    }
    Examples    = @(
        @{
            Title   = 'See what would happen'
            Code    = 'Save-LastFmDataset -WhatIf'
            Remarks = 'Shows where the archive would be downloaded to, and downloads nothing.'
        }
        @{
            Title   = 'Download once, then import without a path'
            Code    = 'Save-LastFmDataset -WhatIf
# Without -WhatIf: Save-LastFmDataset; Import-LastFmData    # reads the verified zip from the cache'
            Remarks = 'After a real download, Import-LastFmData with no -Path reads the cached archive.'
        }
        @{
            Title   = 'From a mirror, into a folder of your own'
            Code    = 'Save-LastFmDataset -Destination ./data -Uri https://mirror.example.org/hetrec2011-lastfm-2k.zip -WhatIf'
            Remarks = 'The SHA-256 check still applies, so a mirror cannot hand you a different file.'
        }
    )
    Links       = @('Import-LastFmData')
}
