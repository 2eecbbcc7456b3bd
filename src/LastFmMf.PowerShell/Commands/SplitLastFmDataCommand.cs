using System.Management.Automation;
using LastFmMf.Data;
using LastFmMf.Splitting;

namespace LastFmMf.PowerShell.Commands;

/// <summary>Splits a dataset into Train and Test parts by a seeded rule.</summary>
[Cmdlet(VerbsCommon.Split, "LastFmData")]
[OutputType(typeof(DataSplit))]
public sealed class SplitLastFmDataCommand : PSCmdlet
{
    /// <summary>The dataset to split, from Import-LastFmData.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public LastFmDataset Data { get; set; } = null!;

    /// <summary>Fraction held out for testing, in (0, 1).</summary>
    [Parameter]
    public double TestFraction { get; set; } = Splitter.DefaultTestFraction;

    /// <summary>Seed of the random choice; the same seed gives the same split everywhere.</summary>
    [Parameter]
    public int Seed { get; set; }

    /// <summary>PerUser (default) or Random.</summary>
    [Parameter]
    public SplitMethod Method { get; set; } = SplitMethod.PerUser;

    /// <summary>PerUser only: users with fewer artists stay wholly in Train.</summary>
    [Parameter]
    public int MinListens { get; set; } = Splitter.DefaultMinListens;

    private readonly CancellationTokenSource _stop = new();

    protected override void StopProcessing() => _stop.Cancel();

    protected override void BeginProcessing()
    {
        // A parameter that changes nothing is refused, not ignored: the user meant something by it.
        if (MyInvocation.BoundParameters.ContainsKey(nameof(MinListens)) && Method != SplitMethod.PerUser)
            ThrowTerminatingError(ErrorRecords.Argument("ParameterNotApplicable",
                $"-MinListens applies to -Method PerUser only; -Method {Method} holds out listens regardless of how many a user has. Leave -MinListens out.", MinListens));
    }

    protected override void ProcessRecord()
    {
        DataSplit split;
        try
        {
            split = Stoppable.Run(() => Splitter.Split(Data, Method, TestFraction, Seed, MinListens), _stop.Token);
        }
        catch (ArgumentOutOfRangeException e)
        {
            ThrowTerminatingError(ErrorRecords.Argument("InvalidSplitParameter", e.Message, e.ActualValue));
            return;
        }
        WriteVerbose(split.ToString());
        if (split.TestPairsWithUnseenArtist > 0)
            WriteVerbose($"{split.TestPairsWithUnseenArtist:N0} of {split.TestCount:N0} test pairs have an artist with no listen in Train; a model can only guess for those.");
        WriteObject(split);
    }
}
