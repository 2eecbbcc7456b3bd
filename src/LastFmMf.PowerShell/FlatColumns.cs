using System.Management.Automation;

namespace LastFmMf.PowerShell;

/// <summary>
/// Gives a core object the flat columns its <c>Columns()</c> lists, as note properties in that order: PowerShell keeps
/// them with the object, so Format-List and Export-Csv show exactly the row the core defines — the objective's own
/// settings and measures, and nothing it does not have.
/// </summary>
internal static class FlatColumns
{
    public static PSObject Attach(object target, IEnumerable<KeyValuePair<string, object?>> columns)
    {
        var ps = PSObject.AsPSObject(target);
        foreach (var (name, value) in columns)
        {
            if (ps.Properties[name] is PSNoteProperty) ps.Properties.Remove(name);
            ps.Properties.Add(new PSNoteProperty(name, value));
        }
        return ps;
    }

    /// <summary>A run with its columns, and each history row with its own.</summary>
    public static PSObject Attach(LastFmMf.Training.TrainingRun run)
    {
        foreach (var row in run.History) Attach(row, row.Columns());
        return Attach(run, run.Columns());
    }
}
