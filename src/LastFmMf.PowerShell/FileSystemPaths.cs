using System.Management.Automation;
using Microsoft.PowerShell.Commands;

namespace LastFmMf.PowerShell;

/// <summary>Resolves a -Path to a file-system path, refusing paths of other providers (env:HOME, HKLM:\, Variable:x),
/// which GetUnresolvedProviderPathFromPSPath would otherwise turn into a provider-internal name read as a file.</summary>
internal static class FileSystemPaths
{
    public static bool TryResolve(PSCmdlet cmdlet, string psPath, out string path, out ErrorRecord? error)
    {
        error = null;
        try
        {
            path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(psPath, out var provider, out _);
            if (provider.ImplementingType == typeof(FileSystemProvider)) return true;
            error = ErrorRecords.Argument("NotAFileSystemPath",
                $"'{psPath}' is a path of the {provider.Name} provider; expected a file or folder path (a FileSystem path).", psPath);
        }
        catch (Exception e) when (e is ProviderNotFoundException or System.Management.Automation.DriveNotFoundException or PSArgumentException or NotSupportedException)
        {
            error = ErrorRecords.Argument("NotAFileSystemPath", $"'{psPath}' is not a file-system path: {e.Message}", psPath);
        }
        path = "";
        return false;
    }
}
