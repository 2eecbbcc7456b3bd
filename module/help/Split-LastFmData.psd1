@{
    Synopsis    = 'Splits a dataset into Train and Test parts: per user (default) or at random by a seed, or by time.'
    Description = @'
Returns a DataSplit whose Train and Test are full datasets (same users, artists, tags and friendships) that
share no listen. The same data, method, fraction and seed give the same split on every machine: the
random choice comes from a SplitMix64 stream derived from the seed, not from the platform's RNG.

-Method PerUser (the default) holds out round(TestFraction × n) of the n artists of every user with at
least -MinListens artists (at least one, and never all of them), so every evaluated user still has
listens to learn from; users with fewer artists stay wholly in Train. -Method Random holds out a global
fraction of all listens, like the course's split_dataframe; a user or artist can then lose all its
training listens. -Method Time holds out, of every user with at least -MinListens artists, the
round(TestFraction × n) artists the user played most recently (by the time of the pair's last play;
ties go to the pair first played later, then to the higher artist index): the model is tested on what
users went on to play, the honest split for the Last.fm-1K data. It needs listening times, which only
Last.fm-1K has; other data is refused with NoTimestamps. It draws nothing, so -Seed is refused with it
(ParameterNotApplicable).

The result says how many test pairs have an artist that has no listen in Train (TestPairsWithUnseenArtist):
no model can know those artists, so they bound what any model can reach.

-ColdStartUsers n prepares the cold-start protocol of Measure-MfModel -ColdStart: after the split, n users with at
least -ColdStartMinListens (default 20) training listens and a test listen are sampled uniformly (seed -ColdStartSeed,
default 1), and their training listens are taken out of Train (and their tag assignments dropped, since a user's tags
of their own artists would reveal them); Test is unchanged. A model trained on this Train has never seen what the
protocol hides. With -LightListens k, each sampled user keeps the first k listens of their seeded reveal order in Train
instead (the protocol for users light in the training data). The sample is in the result's ColdStart property.
'@
    Parameters  = @{
        Data         = 'The dataset to split, usually piped from Import-LastFmData.'
        TestFraction = 'The fraction held out for testing, greater than 0 and less than 1. Default 0.2.'
        Seed         = 'Seed of the random choice. Any integer; default 0. The same seed gives the same split on every machine.'
        Method       = 'PerUser (default): hold out a fraction of each user''s artists. Random: hold out a fraction of all listens. Time: hold out each user''s most recent artists (Last.fm-1K data).'
        MinListens   = 'PerUser and Time (with Random it is refused, ParameterNotApplicable): users with fewer artists than this stay wholly in Train. At least 2; default 5.'
        ColdStartUsers = 'Sample this many test users for the cold-start protocol and take their training listens out of Train (see the description). At least 1; all eligible users when fewer are.'
        ColdStartSeed  = 'Seed of the cold-start sample and of each sampled user''s reveal order (with -ColdStartUsers). Any integer; default 1.'
        ColdStartMinListens = 'Only users with at least this many training listens are sampled (with -ColdStartUsers). At least 2; default 20. Measure-MfModel -ColdStart reveals fewer than this many.'
        LightListens = 'Keep this many listens (the first of each user''s reveal order) of every sampled user in Train, so they are light users of the model (with -ColdStartUsers). Between 1 and -ColdStartMinListens − 1.'
    }
    Inputs      = @('LastFmMf.Data.LastFmDataset')
    Examples    = @(
        @{
            Title   = 'The standard split'
            Code    = 'Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42'
            Remarks = 'Holds out 20% of each user''s artists; the table shows the train and test counts and the test pairs whose artist is unseen in Train.'
        }
        @{
            Title   = 'A random split like the course''s, and its test part as a table'
            Code    = '$split = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Method Random -TestFraction 0.1 -Seed 7
$split.Test'
            Remarks = 'Test is a LastFmDataset of its own, so everything that takes a dataset takes it.'
        }
        @{
            Title   = 'A split for the cold-start protocol'
            Code    = '$cold = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42 -ColdStartUsers 50
$cold.ColdStart
$cold.Train.ListensOf($cold.Train.Users.IdOf($cold.ColdStart.Users[0])).Count'
            Remarks = 'Fifty users with at least 20 training listens lose them all from Train (the last line prints 0); Measure-MfModel -ColdStart reveals some of them again to a model trained on this Train.'
        }
        @{
            Title   = 'A time split of Last.fm-1K data'
            Code    = '$files = [LastFmMf.Data.Lastfm1KSampleWriter]::Write("$PWD/lastfm-1k", 1, [LastFmMf.Data.LastfmSampleOptions]@{ Rows = 20000 })
Import-LastFmData ./lastfm-1k | Split-LastFmData -Method Time -TestFraction 0.1'
            Remarks = 'Writes a small synthetic collection of the 1K shape, then holds out the tenth of each user''s artists that the user played last.'
        }
    )
    Links       = @('Import-LastFmData', 'Invoke-MfTraining', 'Measure-MfModel')
}
