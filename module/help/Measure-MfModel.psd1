@{
    Synopsis    = 'Measures models on held-out listens, beside the Popularity, Random, user+artist bias and global-mean baselines.'
    Description = @'
Writes one row per model and one per baseline, so every evaluation shows whether the model beats the trivial
answers. The baselines are fitted on the same training listens as the model: Popularity (rank by the number of
training listeners of each artist), Random (a random order drawn from seed 42 and the user), UserArtistBias
(μ + b_u + b_a with regularised biases, λ_u = 1 and λ_a = 10, which also ranks, by b_a) and GlobalMean (μ, the mean
training target, for every pair; no ranking). A measure that does not apply to a row is empty. When several models
come down the pipeline, the baseline rows are written once (per target scale).

The test data is a split (its Test part is measured, and its Train part defines the candidates) or a test dataset
(then the model's own training listens define them).

Error measures, over every held-out listen (u, a, w), with r = the model's transform of w (ln(1 + w) by default):
RMSE = sqrt(mean (r − r̂)²) and MAE = mean |r − r̂|, on the model's target scale; Pairs counts the listens.

Ranking measures at -K (default 10), for every user with at least one held-out artist (the relevant set R) and at
least one candidate. The candidates of a user are all artists not in the user's training listens; the list is the
top K candidates by score, ties to the lower artist index. With hits = |top K ∩ R|, each of the following is averaged
over the users evaluated (the Users column):

Precision = hits / K.

Recall = hits / |R|.

NDCG = DCG / IDCG with binary relevance: DCG = Σ over the ranks i (1-based) of the hits of 1 / log2(i + 1); IDCG is the
same sum over the ranks 1..min(K, |R|), as if the first min(K, |R|) places were hits.

MAP: the mean of AP = (1 / min(K, |R|)) · Σ over the hit ranks i of (hits in the top i) / i.

HitRate = the share of users with at least one hit in their top K.

Coverage = the number of distinct artists in anyone's top K, divided by the number of artists in the catalogue (not
averaged over users).

When -Model is a TrainingRun, the row names the model by its objective and key hyperparameters and carries them as
columns (Objective, Factors and every setting of its objective, EpochsRun, BestEpoch), so the rows
of a hyperparameter sweep form a complete table. Results do not depend on the number of threads.

-ColdStart n1, n2, ... measures the cold-start protocol (docs/coldstart.md) on a cold-start split from Split-LastFmData
-ColdStartUsers, whose Train lacks the sampled users' listens (so the model, trained on that Train, never saw them).
For each n and each sampled user, the first n listens of the user's seeded reveal order are known; every other
training listen of the user and every test listen is relevant; the candidates are all artists but the n known. The
model folds the user in from those n listens without retraining (Protocol FoldIn), or, on a split made with
-LightListens n, ranks with the user's own trained vector (Protocol Light; -ColdStart must then be n). One row per n
and scorer: Popularity, Random and Friends (the share of the user's friends who play the artist; -NoBaseline drops
these three), Model (the model's fold-in, or its own vector) and Blend (the model with friends and tags, with the
weights Get-MfRecommendation uses for that many listens). A model that trained on listens the protocol hides is
refused (ColdStartLeak).
'@
    Parameters  = @{
        Model      = 'The model(s) to measure: TrainingRuns from Invoke-MfTraining (whose hyperparameters become columns) or FactorModels. Accepts pipeline input.'
        TestData   = 'The held-out data: a DataSplit from Split-LastFmData (its Test is measured, its Train gives the candidates) or a LastFmDataset such as $split.Test (then the model''s training listens give the candidates).'
        K          = 'The ranking cut-off (default 10).'
        NoBaseline = 'Write only the model rows (e.g. inside a sweep, where the baselines would repeat).'
        ColdStart  = 'The cold-start protocol at these numbers of revealed listens (each at least 1 and below the split''s -ColdStartMinListens): one row per n and scorer (Popularity, Random, Friends, Model, Blend). -TestData must be a split from Split-LastFmData -ColdStartUsers (else NotAColdStartSplit), and the model trained on its Train (else ColdStartLeak).'
    }
    Inputs      = @('LastFmMf.Training.TrainingRun', 'LastFmMf.Training.FactorModel')
    Examples    = @(
        @{
            Title   = 'A model and every baseline'
            Code    = '$split = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -TestFraction 0.2 -Seed 42
$run = $split | Invoke-MfTraining -Epochs 10
Measure-MfModel -Model $run -TestData $split'
            Remarks = 'One row for the model and one for each of Popularity and Random. A model that predicts play counts (-Objective Squared) also gets the error baselines UserArtistBias and GlobalMean, with RMSE and MAE.'
        }
        @{
            Title   = 'New listeners: the cold-start protocol'
            Code    = '$cold = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42 -ColdStartUsers 50
$run = $cold | Invoke-MfTraining -Epochs 10
Measure-MfModel -Model $run -TestData $cold -ColdStart 1, 3, 10'
            Remarks = 'Takes 50 test users (seed 1, at least 20 training listens) out of Train, trains without them, then reveals 1, 3 and 10 of their listens: rows by n for Popularity, Random, Friends, the model''s fold-in and the blend with friends and tags.'
        }
        @{
            Title   = 'Light users in training'
            Code    = '$light = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42 -ColdStartUsers 50 -LightListens 3
$run = $light | Invoke-MfTraining -Epochs 10
Measure-MfModel -Model $run -TestData $light -ColdStart 3'
            Remarks = 'The same 50 users keep 3 listens in Train, so the model trains on them as light users; Blend is what Get-MfRecommendation gives them by default, Model the model alone (-NoSocial).'
        }
        @{
            Title   = 'A hyperparameter sweep in plain PowerShell'
            Code    = '$split = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42
$grid = foreach ($f in 8, 16) { foreach ($l in 1, 10) { @{ Factors = $f; Regularization = $l; Epochs = 5; Seed = 1 } } }
$grid | ForEach-Object { $split | Invoke-MfTraining @_ | Measure-MfModel -TestData $split -NoBaseline } |
    Sort-Object Ndcg -Descending | Export-Csv ./sweep.csv -NoTypeInformation'
            Remarks = 'Each hashtable is splatted into Invoke-MfTraining; the rows carry the hyperparameters, so sweep.csv is a complete table. The same seeds give the same file, byte for byte.'
        }
        @{
            Title   = 'The same sweep on two threads'
            Code    = '$split = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42
$module = Join-Path (Get-Module LastFmMf).ModuleBase LastFmMf.psd1
@{ Factors = 8 }, @{ Factors = 16 } | ForEach-Object -ThrottleLimit 2 -Parallel {
    Import-Module $using:module
    $p = $_
    $using:split | Invoke-MfTraining @p -Epochs 5 | Measure-MfModel -TestData $using:split -NoBaseline
} | Sort-Object Factors'
            Remarks = 'ForEach-Object -Parallel runs each configuration in its own runspace; sorting afterwards gives a stable order.'
        }
    )
    Links       = @('Get-MfRecommendation', 'Invoke-MfTraining', 'Split-LastFmData')
}
