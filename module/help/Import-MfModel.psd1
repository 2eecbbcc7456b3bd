@{
    Synopsis    = 'Reads a model file written by Export-MfModel.'
    Description = @'
Returns a SavedModel: the Model (usable wherever -Model is asked for), the Hyperparameters it was trained
with (when it was saved from a TrainingRun), the epoch it was kept from, and when it was saved. The checksum
is verified before anything is read. A file that is not a model file, was written by a newer format version,
is truncated or was changed after writing is refused with a non-terminating error naming the file; ErrorIds:
ModelFileNotFound, NotAModelFile, UnsupportedVersion, Truncated, Corrupted, ReadFailed.
'@
    Parameters  = @{
        Path = 'The model file. Accepts pipeline input, including FileInfo objects from Get-ChildItem.'
    }
    Inputs      = @('System.String')
    Examples    = @(
        @{
            Title   = 'Load every model in a folder'
            Code    = 'Import-LastFmData ./hetrec2011-lastfm-2k | Invoke-MfTraining -Factors 8 -Epochs 3 | Export-MfModel ./m1.lfmf -Force | Out-Null
Get-ChildItem *.lfmf | Import-MfModel'
            Remarks = 'Each file becomes a SavedModel; a damaged one is reported and the others still load.'
        }
    )
    Links       = @('Export-MfModel', 'Get-MfRecommendation')
}
