@{
    Synopsis    = 'Finds the nearest artists to an artist in a model''s embedding space, by dot product or cosine.'
    Description = @'
Scores every other artist b against the query artist a with one of the two measures of the course.

Dot: q_a·q_b (favours artists with long vectors, which are often the popular ones).

Cosine: q_a·q_b / (‖q_a‖‖q_b‖) (the angle only; artists with a zero vector, those with no training listen, have no
cosine and are left out).

The best -Top are picked by partial selection, ties to the lower artist index. The query
artist itself is never its own neighbour, even when another artist has the same vector.

Artists are given by name or id. Names match case-insensitively: an exact name wins (when several names differ only
by case, the one with the same case); otherwise a number is taken as an artist id; otherwise the one artist whose
name contains the text. When several names contain it, the command writes an AmbiguousArtist error that lists the
candidates; an artist not found is UnknownArtist. Both are non-terminating, with the text as the target, so other
artists in the pipeline are still answered. Artist names tab-complete from the model given to -Model.

Neighbours need at least -MinListeners (default 5) training listeners. An artist heard by one user gets a vector that
is little more than a copy of that user's, so every such artist of one user points the same way: on the real data,
Johnny Cash's cosine neighbours were otherwise crowded by near-ties of one-listener artists (The Novellos, JoMo).
-MinListeners 1 keeps every artist. A model without its training listens cannot count listeners: the default then
keeps every artist, and a -MinListeners given explicitly is a NoTrainingListens error.

Rows from Get-MfRecommendation or Get-MfSimilarArtist pipe in: their ArtistId binds to -ArtistId, so
Get-MfRecommendation -Model $run -UserId 2 | Get-MfSimilarArtist -Model $run gives the neighbours of each recommended artist.

One row per neighbour: Query (the query artist's name), Rank, ArtistId, ArtistName, Similarity, Measure and Tags (the
neighbour's most used tags, joined by "; ").
'@
    Parameters  = @{
        Artist  = 'The artist(s) to find neighbours of: names (case-insensitive; an exact name, else a unique part of one) or ids. Accepts pipeline input by value and by a property named Artist, Name or ArtistName. Tab completion offers the names of the model given to -Model.'
        ArtistId     = 'Artist ids. Accepts pipeline input by property name, so rows of Get-MfRecommendation and Get-MfSimilarArtist (which carry ArtistId) pipe in; an id not in the model is an UnknownArtist error.'
        MinListeners = 'Only neighbours with at least this many training listeners (default 5; 1 keeps every artist). Needs a model that carries its training listens when above 1.'
        Model   = 'The model: a TrainingRun from Invoke-MfTraining or a FactorModel.'
        Top     = 'How many neighbours per artist (default 10).'
        Measure = 'Cosine (default): q_a·q_b / (‖q_a‖‖q_b‖). Dot: q_a·q_b.'
    }
    Inputs      = @('System.String')
    Examples    = @(
        @{
            Title   = 'Both measures for one artist'
            Code    = '$run = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42 | Invoke-MfTraining -Epochs 10
$name = $run.Model.Artists[0].Name
Get-MfSimilarArtist $name -Model $run -Measure Cosine
Get-MfSimilarArtist $name -Model $run -Measure Dot -Top 5'
            Remarks = 'The neighbours of the first artist of the data. On the real data: Get-MfSimilarArtist ''Johnny Cash'' -Model $run.'
        }
        @{
            Title   = 'Part of a name, or an id'
            Code    = '$run = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42 | Invoke-MfTraining -Epochs 10
$a = $run.Model.Artists[3]
Get-MfSimilarArtist $a.Name.ToUpper() -Model $run -Top 3
Get-MfSimilarArtist "$($a.Id)" -Model $run -Top 3'
            Remarks = 'Names match regardless of case; a number is an artist id (unless an artist is named so).'
        }
        @{
            Title   = 'Neighbours of what was recommended'
            Code    = '$run = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42 | Invoke-MfTraining -Objective Implicit -Epochs 4
Get-MfRecommendation -Model $run -UserId 2 -Top 3 | Get-MfSimilarArtist -Model $run -Top 3'
            Remarks = 'Each recommendation row binds to -ArtistId by property name: three neighbours for each of the three artists.'
        }
    )
    Links       = @('Get-MfRecommendation', 'Measure-MfModel')
}
