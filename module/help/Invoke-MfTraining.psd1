@{
    Synopsis      = 'Trains user and artist embeddings by matrix factorisation (per-sample SGD), deterministically on any number of threads.'
    Description   = @'
Takes a DataSplit (trains on Train, reports Test RMSE for information) or a LastFmDataset (trains on all of
it) and returns a TrainingRun: the hyperparameters and final metrics as flat properties (so Export-Csv of
many runs is a sweep table), History (one row per epoch: pipe it to Export-Csv for a loss curve) and Model
(the factors, ready for Get-MfRecommendation, Get-MfSimilarArtist, Measure-MfModel and Export-MfModel).

A validation set is carved from Train per user (-ValidationFraction, -ValidationSeed); early stopping
watches it with -Patience and keeps the best epoch. The test set is never used to stop or choose. When the
objective becomes NaN, infinite or explodes, training stops at once with the error TrainingDiverged, which
names the learning rate; no model full of NaN is returned.

Training is a fold over a pure epoch step: each epoch maps the state (factors, biases, history, RNG seed)
to a new one. Write-Progress shows the epoch, loss, RMSEs and the time left; -Verbose prints one line per
epoch; Ctrl+C stops between two epochs and returns nothing half-done. -Resume continues a run from its
last state for -Epochs more epochs (the course's train() continued from the current embeddings).

Three objectives share the model, the fold and everything downstream. Squared (the default) fits the
transformed play counts of observed pairs, the course's objective, and is the one to use for predicting play
counts (RMSE). Bpr (Bayesian personalised ranking, Rendle et al. 2009) learns by SGD to rank a listened
artist above a sampled unlistened one. Implicit (Hu, Koren and Volinsky 2008) fits preference 1 for listened
and 0 for all other pairs, weighted by a confidence that grows with the plays, by alternating least squares;
it is the one to use for recommendations: on the seed-42 split it reaches nDCG@10 0.2475 and P@10 0.2038
against 0.0832 and 0.0722 for recommending the most popular artists. Each objective has its own defaults,
chosen on a validation set carved from Train (documented below and in docs/tuning.md); any parameter you
give overrides them. Ranking objectives record the validation NDCG@10 of every epoch and stop early on it.

The same hyperparameters and seeds give bit-identical factors on every run and for every -ThreadCount
(the default uses all cores). Every hyperparameter is a parameter, so a sweep is a list of hashtables
splatted into this cmdlet. What the parameters mean exactly:
'@
    RemarksFrom   = 'LastFmMf.Training.Hyperparameters'
    ParameterDocs = 'LastFmMf.Training.Hyperparameters'
    Parameters    = @{
        InputObject = 'A DataSplit from Split-LastFmData (train on Train, report Test RMSE) or a LastFmDataset from Import-LastFmData (train on all of it). Usually piped.'
        Resume      = 'A TrainingRun to continue from its last state, on the same data, for -Epochs more epochs. Parameters that shape the model or the data (Factors, Transform, NoBiases, BlockCount, ValidationFraction, ValidationSeed) cannot change; others (e.g. LearningRate, Patience) can.'
        NoBiases    = 'Train the course''s plain model r̂ = p_u·q_a, without the global mean and the user and artist biases (UseBiases = false).'
        ThreadCount = 'Threads that process the blocks of a round (at most BlockCount are used). Does not change the result. Default: the number of processors, up to BlockCount.'
    }
    Inputs        = @('LastFmMf.Splitting.DataSplit', 'LastFmMf.Data.LastFmDataset')
    Examples      = @(
        @{
            Title   = 'Train on a split and look at the loss curve'
            Code    = '$run = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42 | Invoke-MfTraining -Factors 32 -Epochs 20
$run
$run.History | Export-Csv loss.csv'
            Remarks = 'The table shows the objective, k, epochs run, the best epoch and the RMSEs; loss.csv has one row per epoch.'
        }
        @{
            Title   = 'The objective that ranks best'
            Code    = '$split = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42
$implicit = $split | Invoke-MfTraining -Objective Implicit
$implicit | Measure-MfModel -TestData $split'
            Remarks = 'Weighted implicit MF by ALS at its validated defaults (k=128, λ=100, α=4, 12 sweeps); Measure-MfModel shows it beside Popularity and Random.'
        }
        @{
            Title   = 'A small sweep, as a CSV'
            Code    = '$split = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42
$grid = foreach ($k in 8, 16) { foreach ($reg in 1, 10) { @{ Factors = $k; Regularization = $reg; Epochs = 10 } } }
$runs = foreach ($hp in $grid) { $split | Invoke-MfTraining @hp }
$runs | Sort-Object ValidationRmse | Select-Object Factors, Regularization, EpochsRun, ValidationRmse, TestRmse | Export-Csv sweep.csv'
            Remarks = 'Each hashtable is splatted into Invoke-MfTraining; the runs carry their hyperparameters as columns. Choose by ValidationRmse, never by TestRmse.'
        }
        @{
            Title   = 'The course''s configuration, and continuing a run'
            Code    = '$split = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42
$run = $split | Invoke-MfTraining -Transform MinMax -NoBiases -Gravity 1 -InitStdDev 0.05 -Epochs 5 -Verbose
Invoke-MfTraining -Resume $run -Epochs 5 -LearningRate 0.01'
            Remarks = 'Trains the plain model on min-max scaled play counts with the gravity term, then goes on for five more epochs with a smaller step.'
        }
    )
    Links         = @('Split-LastFmData', 'Measure-MfModel', 'Get-MfRecommendation', 'Export-MfModel')
}
