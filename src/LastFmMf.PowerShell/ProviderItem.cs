using System.Management.Automation;

namespace LastFmMf.PowerShell;

/// <summary>
/// A written file as the FileSystem provider returns it (Get-Item): with PSPath, PSParentPath and PSProvider, so the
/// default view shows Mode and Length as for any file, and it pipes into cmdlets that bind -LiteralPath by PSPath.
/// </summary>
internal static class ProviderItem
{
    public static object Get(PSCmdlet cmdlet, string path)
    {
        // Literal: a file name may hold [ or *, which the provider would otherwise read as a wildcard.
        var items = cmdlet.InvokeProvider.Item.Get([path], force: true, literalPath: true);
        return items.Count == 1 ? items[0] : new FileInfo(path);
    }
}
