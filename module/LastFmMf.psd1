@{
    RootModule           = 'LastFmMf.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f4f7a0e-3c1b-4a59-9a43-2f1f3c1d7b21'
    Author               = 'LastFmMf contributors'
    Description          = 'Matrix-factorisation music recommender for the Last.fm HetRec 2011 data: import, split, train by SGD, recommend, evaluate.'
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('LastFmMf.format.ps1xml')
    CmdletsToExport      = @(
        'Import-LastFmData'
        'Save-LastFmDataset'
        'Split-LastFmData'
        'Invoke-MfTraining'
        'Export-MfModel'
        'Import-MfModel'
        'Get-MfRecommendation'
        'Get-MfSimilarArtist'
        'Measure-MfModel'
        'Export-MfChart'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{ PSData = @{ Tags = @('recommender', 'matrix-factorization', 'lastfm') } }
}
