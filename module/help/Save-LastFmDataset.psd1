@{
    Synopsis    = 'Downloads a published Last.fm dataset (HetRec 2011 by default, or -Name Lastfm360K or Lastfm1K) to a per-user cache and verifies it.'
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
DestinationNotWritable, ParameterNotApplicable.

-Name Lastfm360K and Lastfm1K download lastfm-dataset-360K.tar.gz or lastfm-dataset-1K.tar.gz from
their publisher (the Music Technology Group, UPF). The publisher gives MD5s of the files inside the
archive, not of the archive, so the downloaded archive is streamed (nothing unpacked) and each listed
file's MD5 compared: be672526eb7c69495c27ad27803148f1 for usersha1-artmbid-artname-plays.tsv (the 360K
README gives no MD5 for its profile file, which is therefore not checked), 64747b21563e3d2aa95751e0ddc46b68
for userid-timestamp-artid-artname-traid-traname.tsv and c53608b6b445db201098c1489ea497df for
userid-profile.tsv. An archive that fails is deleted (ChecksumMismatch). Import-LastFmData -Name reads the
cached archive, streamed.
'@
    Defaults    = @{
        Uri = 'the publisher''s address for -Name'
    }
    Parameters  = @{
        Name        = 'Hetrec2011 (default), Lastfm360K or Lastfm1K: which dataset to download.'
        FileMd5     = 'Lastfm360K and Lastfm1K: a hashtable of file name to the MD5 that file inside the archive must have. Default: the MD5s of the publisher''s README. For a mirror that serves other bytes; refused with Hetrec2011.'
        Destination = 'The folder to save the zip into; created if missing. Default: the per-user cache that Import-LastFmData reads.'
        Uri         = 'Where to download from: an absolute http or https address. Default: the official GroupLens address. Use it for a mirror.'
        Sha256      = 'Hetrec2011: the expected SHA-256 of the zip as 64 hexadecimal characters (either case). Default: the published hash of the official zip. Refused with the Last.fm names, whose archives are checked by the MD5s of their files.'
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
            Title   = 'The Last.fm-1K collection'
            Code    = 'Save-LastFmDataset -Name Lastfm1K -WhatIf
# Without -WhatIf: Save-LastFmDataset -Name Lastfm1K; Import-LastFmData -Name Lastfm1K | Split-LastFmData -Method Time'
            Remarks = 'Shows where the 1K archive would be saved and which MD5s its files must have; after a real download, Import-LastFmData -Name reads it from the cache.'
        }
        @{
            Title   = 'From a mirror, into a folder of your own'
            Code    = 'Save-LastFmDataset -Destination ./data -Uri https://mirror.example.org/hetrec2011-lastfm-2k.zip -WhatIf'
            Remarks = 'The SHA-256 check still applies, so a mirror cannot hand you a different file.'
        }
    )
    Links       = @('Import-LastFmData')
}
