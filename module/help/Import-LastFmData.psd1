@{
    Synopsis    = 'Reads HetRec 2011, Last.fm-360K or Last.fm-1K data (a folder, a zip, a .tsv or a .tar.gz) into a LastFmDataset.'
    Description = @'
Reads artists.dat, tags.dat, user_artists.dat, user_friends.dat and user_taggedartists.dat (and
user_taggedartists-timestamps.dat when present) from a folder, or straight from
hetrec2011-lastfm-2k.zip without unpacking it. The result is an immutable LastFmDataset: the listens
as a compact sparse matrix over dense user and artist indices (with the maps back to the ids of the
files), and the artists, tags, tag assignments and friendships as lists you can filter with
Where-Object.

The real files have quirks that are handled, not hidden: tags.dat holds eight names in Latin-1 bytes
(read as Latin-1, so tag 2863 is "tropicália"); 390 tagged artists (1,538 rows) are missing from
artists.dat, which is reported in the dataset's Notes (and by -Verbose) while the rows are kept with
ArtistKnown = $false; CRLF and LF line endings both occur.

Without -Path, the data is looked for in this order: the folder or zip named by $env:LASTFMMF_DATA; the
archive that Save-LastFmDataset downloaded to the per-user cache; the small synthetic sample bundled
with the module. A warning says which one was read.

The two larger Last.fm collections of Celma (2010) are read too, and give the same LastFmDataset:
- Last.fm-360K: usersha1-artmbid-artname-plays.tsv (user SHA-1, artist MBID, artist name, total
  plays) and usersha1-profile.tsv;
- Last.fm-1K: userid-timestamp-artid-artname-traid-traname.tsv (one line per play) and userid-profile.tsv.
Each from the unpacked folder, from the listens .tsv alone, or straight from the official .tar.gz,
streamed without unpacking. The format is recognised from the file names (or, for a .tsv of another
name, from its columns); -Format checks it. An artist is keyed by its MusicBrainz id when the line has
one, else by its name, compared exactly as written (no case folding or trimming: "die ärzte" and
"Die Ärzte" are two artists). Users get ids: the 1K user_000639 is 639; the 360K SHA-1s are numbered
from 1 in sorted order ($data.UserKeys and $data.UserProfiles give the SHA-1 of each). The 1K plays
are counted into user-artist play counts, keeping each pair's first and last listening time (which
Split-LastFmData -Method Time needs). Profiles (gender, age, country, signup) are in
$data.UserProfiles. $data.Notes says what the import met: rows, artists with and without an MBID,
MBIDs under several names, repeated pairs (their plays are added), skipped lines.

Bad input is a non-terminating error that names the file, the line, the value and what was expected,
with a stable ErrorId: PathNotFound, FileNotFound, EmptyFile, BadHeader, WrongColumnCount, NotANumber,
NegativeValue, ZeroWeight, DuplicatePair, DuplicateId, UnknownArtist, InvalidDate, BadArchive, and for
the Last.fm formats InvalidUserId, InvalidMbid, MissingArtist, InvalidProfile, UnknownFormat and
FormatMismatch. A malformed line of a Last.fm file ends the import (nothing is returned) unless
-SkipMalformed is given.
'@
    Parameters  = @{
        Path = @'
A folder holding the HetRec .dat files, or the hetrec2011-lastfm-2k.zip archive; or a Last.fm-360K or
-1K folder, listens .tsv or .tar.gz. Accepts pipeline input, including FileInfo and DirectoryInfo
objects from Get-ChildItem. When omitted: $env:LASTFMMF_DATA, then the downloaded archive, then the
bundled sample.
'@
        Name = @'
Hetrec2011, Lastfm360K or Lastfm1K: read the archive that Save-LastFmDataset -Name downloaded to the
per-user cache. An error (CachedDatasetNotFound) says to run Save-LastFmDataset when it is not there.
'@
        Format = @'
Hetrec2011, Lastfm360K or Lastfm1K: the format the data must be. Omitted, it is recognised; given, data
of another format is refused with FormatMismatch, and a .tsv of an unknown name is read as this format.
'@
        SkipMalformed = @'
Last.fm-360K and -1K only: skip the lines that cannot be read (a missing column, a play count or time
that is not one, a bad user id or MBID) instead of stopping at the first. Every skipped line is counted
by file and ErrorId in $data.Notes (with the first ten line numbers) and in $data.SkippedLines, and a
warning says how many. A line too long to read (LineTooLong) or a damaged archive (BadArchive) still
ends the import: the read cannot go on past it. With HetRec data it is refused (ParameterNotApplicable):
that reader checks each row against the other files and never skips one.
'@
    }
    Inputs      = @('System.String')
    Examples    = @(
        @{
            Title   = 'The bundled sample'
            Code    = 'Import-LastFmData'
            Remarks = 'With no -Path and no downloaded data, reads the small synthetic sample that ships with the module and warns that it did. The default view shows the counts and where the data came from.'
        }
        @{
            Title   = 'A folder of the real data'
            Code    = '$data = Import-LastFmData -Path ./hetrec2011-lastfm-2k
$data.Artists | Where-Object Name -like ''*Cash*'''
            Remarks = 'Reads an unpacked copy of the real data and lists the artists whose name contains "Cash".'
        }
        @{
            Title   = 'Last.fm-360K straight from its archive'
            Code    = '# A small synthetic collection of the 360K shape, packed like the official archive (build.ps1 Sample -Format writes larger ones)
$files = [LastFmMf.Data.Lastfm360KSampleWriter]::Write("$PWD/lastfm-360k", 1, [LastFmMf.Data.LastfmSampleOptions]@{ Rows = 5000; MalformedLines = 2 })
$null = [LastFmMf.Data.LastfmSampleArchive]::WriteTarGz("$PWD/lastfm-dataset-360K.tar.gz", ''lastfm-dataset-360K'', $files.Files)
$big = Import-LastFmData ./lastfm-dataset-360K.tar.gz -SkipMalformed
$big.Notes
$big.UserProfiles | Group-Object Country | Sort-Object Count -Descending | Select-Object -First 5 Name, Count'
            Remarks = 'Streams the .tsv files out of the .tar.gz without unpacking them, skipping (and counting) malformed lines; the notes say what was met; the profiles give the five countries with the most users.'
        }
        @{
            Title   = 'What one user listens to'
            Code    = '(Import-LastFmData ./hetrec2011-lastfm-2k).ListensOf(2) | Select-Object -First 5'
            Remarks = 'The five artists user 2 played most, with play counts.'
        }
        @{
            Title   = 'Straight from the zip, and why a file was refused'
            Code    = 'Import-LastFmData ./hetrec2011-lastfm-2k.zip -ErrorVariable bad
$bad | Select-Object FullyQualifiedErrorId, TargetObject, Exception'
            Remarks = 'Reads the official archive without unpacking it. When a file is malformed, the error names the file, line and value, and its FullyQualifiedErrorId starts with a stable id such as WrongColumnCount.'
        }
        @{
            Title   = 'The most used tags'
            Code    = '$data = Import-LastFmData ./hetrec2011-lastfm-2k
$tagName = @{}; $data.Tags | ForEach-Object { $tagName[$_.Id] = $_.Name }
$data.TagAssignments | Group-Object TagId | Sort-Object Count -Descending | Select-Object -First 5 |
    Select-Object @{ n = ''Tag''; e = { $tagName[[int]$_.Name] } }, Count'
            Remarks = 'The five tags used most often.'
        }
    )
    Notes       = @'
The listens of a LastFmDataset are held as a sparse matrix for speed. $data.ListensOf(2) lists user 2's
artists with names and play counts, most played first; $data.Users.IndexOf(2) maps a user id to its dense
index, and $data.Listens.GetArtists(index) and $data.Listens.GetPlays(index) give that row's artist indices
and play counts.
'@
    Links       = @('Save-LastFmDataset', 'Split-LastFmData')
}
