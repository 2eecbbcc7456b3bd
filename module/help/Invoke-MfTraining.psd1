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

Four objectives share the model, the fold and everything downstream; each has its own settings and defaults,
and reads only those. Preference (the default) is the course's method — a squared loss with L2 and the gravity
term over all user–artist pairs, minimised by SGD — fitted to preferences (1 for a listened pair, weighted by
plays), so that gravity teaches it what users do not play: it recommends well (NDCG@10 about 0.23 against
Popularity's 0.083 on the seed-42 split). Squared fits the transformed play counts of observed pairs, and is the
one to use for predicting play counts (RMSE); it ranks below Popularity. Bpr (Bayesian personalised ranking,
Rendle et al. 2009) learns by SGD to rank a listened artist above a sampled unlistened one. Implicit (Hu,
Koren and Volinsky 2008) fits preference 1 for listened and 0 for all other pairs, weighted by a confidence
that grows with the plays, by alternating least squares; it ranks best on this data: on the seed-42 split it
reaches nDCG@10 0.2477 and P@10 0.2042 against 0.0832 and 0.0722 for recommending the most popular artists. The defaults of each were chosen on a validation set carved from Train (docs/tuning.md);
any parameter you give overrides them.

A parameter that the chosen objective does not read is refused with the error ParameterNotApplicable, which
names the objectives that do read it (-Alpha is Preference's and Implicit's, -LearningRate Squared's, Preference's
and Bpr's, -Transform Squared's); so is one that has no effect with the other settings (-NegativeSamplingExponent
without -NegativeSampling Popularity, -Epsilon without -Confidence Log). A sweep that mixes objectives puts
-Objective in each hashtable with only that objective's parameters (see the examples). The run's table view
shows the objective, k, epochs, the measure the run was chosen by and its settings; Format-List and
Export-Csv show every setting of its objective and its measures as columns, and nothing it does not have (an
Implicit run has no learning rate and no RMSE).

-Resume continues a run from its last state for -Epochs more epochs, or a saved model (Import-MfModel) from the epoch
it kept, on the training listens it carries. Only -Epochs, -Patience, -ThreadCount,
-LearningRate and -LearningRateDecay may change; another -Objective is refused (ResumeChangesObjective), and
so is any other changed setting (CannotResume), since it would change what the state means. Patience starts
afresh. A new -LearningRate is the rate of the first resumed epoch and decays from there (η_e = η·decay^(e −
e₀), e₀ the first resumed epoch); without one, the run's own decayed schedule goes on.

The same settings and seeds give bit-identical factors on every run and for every -ThreadCount (the default
uses all cores). What each objective minimises and what the parameters mean exactly:
'@
    RemarksFrom   = @('LastFmMf.Training.Hyperparameters', 'LastFmMf.Training.*Settings')
    ParameterDocs = @('LastFmMf.Training.Hyperparameters', 'LastFmMf.Training.*Settings')
    # Default values from Hyperparameters.DefaultsFor(each objective), since they differ by objective.
    DefaultsFromObjectives = $true
    Defaults      = @{ ThreadCount = 'the number of processors' }
    Parameters    = @{
        InputObject = 'A DataSplit from Split-LastFmData (train on Train, report Test RMSE) or a LastFmDataset from Import-LastFmData (train on all of it). Usually piped.'
        Resume      = 'A TrainingRun to continue from its last state, on the same data, for -Epochs more epochs; or a model saved from a run (Import-MfModel), which continues from the epoch it kept, on the training listens it carries (its file holds the settings and the history; there is no test part to monitor). Only -Epochs, -Patience, -ThreadCount, -LearningRate and -LearningRateDecay may change; a new -LearningRate applies from the first resumed epoch and decays from there.'
        NoBiases    = 'Squared and Bpr: train without biases (Squared: the course''s plain model r̂ = p_u·q_a, without the global mean and the user and artist biases; Bpr: no artist bias). Implicit has no biases.'
        ThreadCount = 'Threads of an epoch. Does not change the result. Default: the number of processors.'
        Objective   = 'What is minimised: Preference (the default: the course''s squared loss and gravity on preferences, by SGD; recommends well), Squared (fits play counts, for RMSE), Bpr or Implicit (ALS; ranks best). Tab-completes. Each objective has its own parameters and defaults; the others are refused with ParameterNotApplicable.'
    }
    Inputs        = @('LastFmMf.Splitting.DataSplit', 'LastFmMf.Data.LastFmDataset')
    Examples      = @(
        @{
            Title   = 'Train the default model and recommend'
            Code    = '$split = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42
$run = $split | Invoke-MfTraining
Get-MfRecommendation -Model $run -UserId 2
Measure-MfModel -Model $run -TestData $split'
            Remarks = 'The default objective, Preference, is the course''s squared loss with gravity on preferences, trained by SGD with early stopping on validation NDCG@10; Measure-MfModel shows it beside Popularity and Random.'
        }
        @{
            Title   = 'Train on a split and look at the loss curve'
            Code    = '$run = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42 | Invoke-MfTraining -Objective Squared -Factors 32 -Epochs 20
$run
$run.History | Export-Csv loss.csv'
            Remarks = 'The table shows the objective, k, epochs run, the best epoch, the validation and test RMSE and the settings; loss.csv has one row per epoch (Epoch, Loss, LearningRate, TrainRmse, ValidationRmse, TestRmse, ValidationNdcg, Seconds).'
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
$runs = foreach ($hp in $grid) { $split | Invoke-MfTraining -Objective Squared @hp }
$runs | Sort-Object ValidationRmse | Select-Object Factors, Regularization, EpochsRun, ValidationRmse, TestRmse | Export-Csv sweep.csv'
            Remarks = 'Each hashtable is splatted into Invoke-MfTraining; the runs carry their hyperparameters as columns. Choose by ValidationRmse, never by TestRmse.'
        }
        @{
            Title   = 'A sweep over two objectives'
            Code    = '$split = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42
$grid = @(
    foreach ($a in 1, 4) { @{ Objective = ''Implicit''; Alpha = $a; Factors = 32; Epochs = 4 } }
    foreach ($n in ''Uniform'', ''Popularity'') { @{ Objective = ''Bpr''; NegativeSampling = $n; Factors = 32; Epochs = 10 } }
)
$runs = foreach ($hp in $grid) { $split | Invoke-MfTraining @hp }
$runs | Where-Object Objective -eq Implicit | Select-Object Objective, Alpha, Factors, EpochsRun | Export-Csv implicit-sweep.csv'
            Remarks = 'Each hashtable names its objective and only that objective''s parameters; every setting is a column of the run, so the Implicit rows have an Alpha column and the Bpr rows a NegativeSampling column. Export-Csv takes its columns from the first row, so write one CSV per objective.'
        }
        @{
            Title   = 'The course''s configuration, and continuing a run'
            Code    = '$split = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42
$run = $split | Invoke-MfTraining -Objective Squared -Transform MinMax -NoBiases -Gravity 1 -InitStdDev 0.05 -Epochs 5 -Verbose
Invoke-MfTraining -Resume $run -Epochs 5 -LearningRate 0.01 -Patience 0'
            Remarks = 'Trains the plain model on min-max scaled play counts with the gravity term, then goes on for exactly five more epochs (-Patience 0: no early stop) starting at the step 0.01.'
        }
    )
    Links         = @('Split-LastFmData', 'Measure-MfModel', 'Get-MfRecommendation', 'Export-MfModel')
}
