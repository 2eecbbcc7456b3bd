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

    /// <summary>PerUser (default), Random, or Time (each user's most recent listens; data with timestamps only).</summary>
    [Parameter]
    public SplitMethod Method { get; set; } = SplitMethod.PerUser;

    /// <summary>PerUser and Time: users with fewer artists stay wholly in Train.</summary>
    [Parameter]
    public int MinListens { get; set; } = Splitter.DefaultMinListens;

    protected override void ProcessRecord()
    {
        if (MyInvocation.BoundParameters.ContainsKey(nameof(MinListens)) && Method == SplitMethod.Random)
            WriteWarning("-MinListens applies to -Method PerUser and Time only; it is ignored for Random.");
        // A time split draws nothing: a seed would change nothing, so it is refused rather than ignored.
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Seed)) && Method == SplitMethod.Time)
            ThrowTerminatingError(ErrorRecords.Argument("ParameterNotApplicable",
                "-Seed has no effect with -Method Time: each user's latest listens are held out, and nothing is drawn at random.", nameof(Seed)));
        DataSplit split;
        try
        {
            split = Splitter.Split(Data, Method, TestFraction, Seed, MinListens);
        }
        catch (NoTimestampsException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "NoTimestamps", ErrorCategory.InvalidData, Data));
            return;
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
