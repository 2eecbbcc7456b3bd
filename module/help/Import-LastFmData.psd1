@{
    Synopsis    = 'Reads the HetRec 2011 Last.fm data (a folder or the official zip) into a LastFmDataset.'
    Description = @'
Reads artists.dat, tags.dat, user_artists.dat, user_friends.dat and user_taggedartists.dat (and
user_taggedartists-timestamps.dat when present) from a folder, or straight from
hetrec2011-lastfm-2k.zip without unpacking it. The result is an immutable LastFmDataset: the listens
as a compact sparse matrix over dense user and artist indices (with the maps back to the ids of the
files), and the artists, tags, tag assignments and friendships as lists you can filter with
Where-Object.

The real files have quirks that are handled, not hidden: tags.dat holds eight names in Latin-1 bytes
(read as Latin-1, so tag 2863 is "tropicália"); 390 tagged artists (1,538 rows) are missing from
artists.dat, which is reported as a warning while the rows are kept with ArtistKnown = $false; CRLF and
LF line endings both occur.

Without -Path, the data is looked for in this order: the folder or zip named by $env:LASTFMMF_DATA; the
archive that Save-LastFmDataset downloaded to the per-user cache; the small synthetic sample bundled
with the module. A warning says which one was read.

Bad input is a non-terminating error that names the file, the line, the value and what was expected,
with a stable ErrorId: PathNotFound, FileNotFound, EmptyFile, BadHeader, WrongColumnCount, NotANumber,
NegativeValue, ZeroWeight, DuplicatePair, DuplicateId, UnknownArtist, InvalidDate, BadArchive.
'@
    Parameters  = @{
        Path = @'
A folder holding the HetRec .dat files, or the hetrec2011-lastfm-2k.zip archive. Accepts pipeline input,
including FileInfo and DirectoryInfo objects from Get-ChildItem. When omitted: $env:LASTFMMF_DATA, then
the downloaded archive, then the bundled sample.
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
