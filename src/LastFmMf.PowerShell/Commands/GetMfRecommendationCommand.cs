using System.Collections;
using System.Management.Automation;
using LastFmMf.Ranking;
using LastFmMf.Training;

namespace LastFmMf.PowerShell.Commands;

/// <summary>Top-N artists for users of the model (by id, from the pipeline), or for a new listener folded in from play counts.</summary>
[Cmdlet(VerbsCommon.Get, "MfRecommendation", DefaultParameterSetName = UserSet)]
[OutputType(typeof(Recommendation))]
public sealed class GetMfRecommendationCommand : PSCmdlet
{
    private readonly CancellationTokenSource _stop = new();

    protected override void StopProcessing() => _stop.Cancel();

    private const string UserSet = "User", ListenerSet = "Listener";
    private const int Batch = 512;
    private readonly List<int> _pending = [];
    private FactorModel? _pendingModel;
    private readonly HashSet<FactorModel> _warned = [];
    private bool _sawUsers, _didAll;
    private readonly System.Diagnostics.Stopwatch _clock = new();
    private int _rows, _listeners;

    /// <summary>A TrainingRun from Invoke-MfTraining or a model; from the pipeline too (then for every user).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ModelTransformation]
    [ValidateNotNull]
    public FactorModel Model { get; set; } = null!;

    /// <summary>User ids; from the pipeline by value or by a UserId property. None: every user.</summary>
    [Parameter(ParameterSetName = UserSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    // The names a CSV of users would use; userID (HetRec's own header) already matches, case aside.
    [Alias("User", "user_id")]
    public int[]? UserId { get; set; }

    /// <summary>A new listener: artist names or ids mapped to play counts.</summary>
    [Parameter(ParameterSetName = ListenerSet, Mandatory = true)]
    [ValidateNotNull]
    public Hashtable Listens { get; set; } = null!;

    /// <summary>Recommendations per listener.</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int Top { get; set; } = 10;

    /// <summary>Keep artists the listener already listens to.</summary>
    [Parameter]
    public SwitchParameter IncludeListened { get; set; }

    /// <summary>Add "because you listen to ..." to every row.</summary>
    [Parameter]
    public SwitchParameter Explain { get; set; }

    /// <summary>Supporting artists named per explanation.</summary>
    [Parameter]
    [ValidateRange(1, 50)]
    public int ExplainCount { get; set; } = 3;

    /// <summary>λ of the fold-in; default the run's Regularization, else 10.</summary>
    [Parameter(ParameterSetName = ListenerSet)]
    [ValidateRange(0.0, 1_000_000.0)]
    public double? Regularization { get; set; }

    /// <summary>A new listener's friends: user ids of the model's data, whose listening the blend adds for a listener with few listens.</summary>
    [Parameter(ParameterSetName = ListenerSet)]
    [ValidateNotNullOrEmpty]
    public int[]? Friends { get; set; }

    /// <summary>Rank light listeners by the model alone, without their friends and tags.</summary>
    [Parameter]
    public SwitchParameter NoSocial { get; set; }

    private RecommendOptions Options => new(Top, IncludeListened, Explain, ExplainCount, Social: !NoSocial);

    private readonly PlayCountWarning _playCounts = new();

    protected override void ProcessRecord()
    {
        _clock.Start();
        try { Process(); }
        finally { _clock.Stop(); }
    }

    private void Process()
    {
        if (Model.Social is null && (Friends is not null || NoSocial))
            ThrowTerminatingError(Friends is not null
                ? ErrorRecords.Argument("NoSocialData", "The model carries no friends graph (a model read from a file does not keep it), so -Friends cannot be used; recommend with the TrainingRun from Invoke-MfTraining.", Friends)
                : ErrorRecords.Argument("ParameterNotApplicable", "-NoSocial turns off the blend with friends and tags, and this model carries none (a model read from a file does not keep them), so it already ranks by the model alone.", "NoSocial"));
        if (Friends is not null && NoSocial)
            ThrowTerminatingError(ErrorRecords.Argument("ParameterNotApplicable", "-Friends adds the friends' listening to the blend, which -NoSocial turns off; give one or the other.", "Friends"));
        _playCounts.WriteOnce(this, Model, "recommendations");
        if (Model.Listened is null && !IncludeListened && _warned.Add(Model))
            WriteWarning("The model carries no training listens, so listened artists cannot be left out; every artist is a candidate.");
        if (ParameterSetName == ListenerSet)
        {
            FoldInListener();
            return;
        }
        if (!ReferenceEquals(_pendingModel, Model)) Flush();
        _pendingModel = Model;
        if (UserId is null)
        {
            // A model piped in without users: every user of that model, now.
            if (MyInvocation.ExpectingInput)
            {
                _pending.AddRange(Enumerable.Range(0, Model.UserCount));
                _didAll = true;
                Flush();
            }
            return;
        }
        _sawUsers = true;
        foreach (var id in UserId)
        {
            int u = Model.Users.IndexOf(id);
            if (u < 0)
            {
                WriteError(ErrorRecords.NotFound("UnknownUserId", $"User {id} is not in the model's data ({Model.UserCount:N0} users).", id));
                continue;
            }
            _pending.Add(u);
        }
        if (_pending.Count >= Batch) Flush();
    }

    protected override void EndProcessing()
    {
        _clock.Start();
        if (ParameterSetName == UserSet)
        {
            if (!_sawUsers && !_didAll)
            {
                _pendingModel = Model;
                _pending.AddRange(Enumerable.Range(0, Model.UserCount));
            }
            Flush();
        }
        _clock.Stop();
        WriteVerbose($"Recommended {_rows:N0} artists to {_listeners:N0} listener(s) (top {Top}{(Explain ? ", explained" : "")}) in {_clock.Elapsed.TotalSeconds:N2} s.");
    }

    private void Flush()
    {
        if (_pending.Count == 0 || _pendingModel is null) return;
        _listeners += _pending.Count;
        var users = _pending.ToArray();
        foreach (var row in Stoppable.Run(() => Recommender.ForUsers(_pendingModel, users, Options), _stop.Token)) Write(row);
        _pending.Clear();
    }

    private void Write(Recommendation row)
    {
        _rows++;
        if (!Explain) { WriteObject(row); return; }
        // Explained rows get their own default view, which shows Because (wrapped) in place of Tags.
        var item = PSObject.AsPSObject(row);
        item.TypeNames.Insert(0, typeof(Recommendation).FullName + "#Explained");
        WriteObject(item);
    }

    private void FoldInListener()
    {
        var lookup = Model.GetArtistLookup();
        var listens = new List<(int, double)>();
        foreach (DictionaryEntry e in Listens)
        {
            var key = e.Key is PSObject pk ? pk.BaseObject : e.Key;
            var match = key switch
            {
                int id => lookup.ById(id),
                long id when id is >= int.MinValue and <= int.MaxValue => lookup.ById((int)id),
                _ => lookup.Resolve(Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            };
            if (!match.Found)
            {
                WriteError(ErrorRecords.From(match, e.Key));
                continue;
            }
            if (!LanguagePrimitives.TryConvertTo<double>(e.Value, System.Globalization.CultureInfo.InvariantCulture, out var plays) || !(plays > 0) || !double.IsFinite(plays) || plays > float.MaxValue)
            {
                WriteError(ErrorRecords.Argument("InvalidPlayCount", $"The play count of '{e.Key}' must be a positive number of at most {float.MaxValue:G3}; it was '{e.Value}'.", e.Value));
                continue;
            }
            listens.Add((match.Index, plays));
        }
        if (listens.Count == 0)
        {
            ThrowTerminatingError(ErrorRecords.Argument("NoKnownListens", "None of the -Listens entries names a known artist with a positive play count; there is nothing to recommend from.", Listens));
            return;
        }
        // The model's own objective folds the listener in, with the run's settings (and -Regularization's λ when given).
        FoldedListener listener;
        try
        {
            listener = FoldIn.Solve(Model, listens, Regularization);
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(ErrorRecords.Argument("InvalidFoldIn", e.Message, Listens));
            return;
        }
        if (Friends is not null && listener.Artists.Length > Options.Gate.LightLimit)
        {
            ThrowTerminatingError(ErrorRecords.Argument("ParameterNotApplicable",
                $"-Friends is blended in for a listener with at most {Options.Gate.LightLimit} listens; this one has {listener.Artists.Length}, so the model alone ranks them.", "Friends"));
            return;
        }
        var friends = new List<int>();
        foreach (var id in Friends ?? [])
        {
            int u = Model.Users.IndexOf(id);
            if (u < 0) WriteError(ErrorRecords.NotFound("UnknownUserId", $"Friend {id} is not a user of the model's data ({Model.UserCount:N0} users).", id));
            else friends.Add(u);
        }
        _listeners++;
        foreach (var row in Recommender.ForListener(Model, listener, Options, friends)) Write(row);
    }
}
