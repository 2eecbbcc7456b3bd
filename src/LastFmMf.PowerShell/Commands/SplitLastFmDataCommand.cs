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

    /// <summary>Take this many test users (seeded) out of Train for the cold-start protocol (Measure-MfModel -ColdStart).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? ColdStartUsers { get; set; }

    /// <summary>Seed of the cold-start sample and of each user's reveal order.</summary>
    [Parameter]
    public int ColdStartSeed { get; set; } = LastFmMf.Splitting.ColdStart.DefaultSeed;

    /// <summary>Only users with at least this many training listens are sampled.</summary>
    [Parameter]
    [ValidateRange(2, int.MaxValue)]
    public int ColdStartMinListens { get; set; } = LastFmMf.Splitting.ColdStart.DefaultMinTrainListens;

    /// <summary>Keep this many listens of each sampled user in Train (light users the model trains on) instead of none.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? LightListens { get; set; }

    private readonly CancellationTokenSource _stop = new();

    protected override void StopProcessing() => _stop.Cancel();

    protected override void BeginProcessing()
    {
        // A parameter that changes nothing is refused, not ignored: the user meant something by it.
        if (MyInvocation.BoundParameters.ContainsKey(nameof(MinListens)) && Method == SplitMethod.Random)
            ThrowTerminatingError(ErrorRecords.Argument("ParameterNotApplicable",
                "-MinListens applies to -Method PerUser and Time only; -Method Random holds out listens regardless of how many a user has. Leave -MinListens out.", MinListens));
        // A time split draws nothing: a seed would change nothing.
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Seed)) && Method == SplitMethod.Time)
            ThrowTerminatingError(ErrorRecords.Argument("ParameterNotApplicable",
                "-Seed has no effect with -Method Time: each user's latest listens are held out, and nothing is drawn at random.", nameof(Seed)));
        if (ColdStartUsers is null)
            foreach (var name in new[] { nameof(ColdStartSeed), nameof(ColdStartMinListens), nameof(LightListens) })
                if (MyInvocation.BoundParameters.ContainsKey(name))
                    ThrowTerminatingError(ErrorRecords.Argument("ParameterNotApplicable",
                        $"-{name} shapes the cold-start sample, and there is none without -ColdStartUsers.", name));
    }

    protected override void ProcessRecord()
    {
        DataSplit split;
        try
        {
            split = Stoppable.Run(() => Splitter.Split(Data, Method, TestFraction, Seed, MinListens), _stop.Token);
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
        if (ColdStartUsers is { } users)
        {
            try
            {
                split = LastFmMf.Splitting.ColdStart.Prepare(split, users, ColdStartSeed, ColdStartMinListens, LightListens);
            }
            catch (ArgumentOutOfRangeException e)
            {
                ThrowTerminatingError(ErrorRecords.Argument("InvalidSplitParameter", e.Message, e.ActualValue));
                return;
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorRecords.Argument("NoColdStartUsers", e.Message, ColdStartMinListens));
                return;
            }
            WriteVerbose(split.ColdStart!.ToString());
        }
        WriteVerbose(split.ToString());
        if (split.TestPairsWithUnseenArtist > 0)
            WriteVerbose($"{split.TestPairsWithUnseenArtist:N0} of {split.TestCount:N0} test pairs have an artist with no listen in Train; a model can only guess for those.");
        WriteObject(split);
    }
}
