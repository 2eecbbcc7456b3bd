@{
    Synopsis    = 'Writes a trained model to a versioned, checksummed binary file, atomically.'
    Description = @'
Saves the factors, biases, transform, id maps, artists, the users' training listens and the artists' top
tags — everything Get-MfRecommendation, Get-MfSimilarArtist and Measure-MfModel need — plus the
hyperparameters when a TrainingRun is given. The file starts with the magic bytes LFMFMODL and a format
version, and ends with a SHA-256 of its content, so Import-MfModel can refuse a truncated, damaged or
newer-format file. Floats are stored bit for bit: an imported model predicts exactly what the exported one did.

The file is written to a temporary name in the same folder and renamed when complete, so a crash never leaves
half a file under the final name. An existing file is replaced only with -Force. ErrorIds: NotAModel,
FolderNotFound, FileExists, WriteFailed.
'@
    Parameters  = @{
        Model = 'A TrainingRun from Invoke-MfTraining (its hyperparameters are saved too), a SavedModel from Import-MfModel, or a FactorModel. Accepts pipeline input.'
        Path  = 'The file to write. Its folder must exist.'
        Force = 'Replace an existing file.'
    }
    Inputs      = @('LastFmMf.Training.TrainingRun')
    Examples    = @(
        @{
            Title   = 'Save a run and load it back'
            Code    = '$run = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 1 | Invoke-MfTraining -Factors 16 -Epochs 5
$run | Export-MfModel ./model.lfmf -Force
Import-MfModel ./model.lfmf'
            Remarks = 'Writes model.lfmf and reads it back; the view shows the model, the epoch it was kept from and its hyperparameters.'
        }
    )
    Links       = @('Import-MfModel', 'Invoke-MfTraining')
}
