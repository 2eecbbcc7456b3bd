using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace LastFmMf.PowerShell;

/// <summary>
/// Finds the native libraries of SkiaSharp and HarfBuzzSharp (the renderers under ScottPlot) in the module folder.
/// pwsh does not read a module's deps.json, so the runtime never looks in <c>runtimes/&lt;rid&gt;/native/</c> by itself:
/// on import this hooks <see cref="AssemblyLoadContext.ResolvingUnmanagedDll"/> of the default context (where pwsh loads
/// binary modules) and loads <c>&lt;module&gt;/runtimes/&lt;rid&gt;/native/&lt;lib&gt;</c> for the running OS and architecture.
/// The module stays portable: build.ps1 keeps the RID folders listed in <see cref="ShippedRids"/> and prunes the rest.
/// </summary>
public sealed class NativeLibraries : IModuleAssemblyInitializer
{
    /// <summary>The RID folders build.ps1 ships (the rest of the 15 that SkiaSharp brings are pruned: 157 MB in all).</summary>
    public static readonly string[] ShippedRids = ["linux-x64", "linux-arm64", "linux-musl-x64", "osx", "win-x64", "win-arm64"];

    private static int _hooked;

    /// <summary>Called by pwsh when the module is imported.</summary>
    public void OnImport() => Hook();

    /// <summary>Hooks the resolver once per process (idempotent).</summary>
    public static void Hook()
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 1) return;
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += Resolve;
    }

    private static IntPtr Resolve(Assembly assembly, string libraryName)
    {
        if (assembly.GetName().Name is not ("SkiaSharp" or "HarfBuzzSharp")) return IntPtr.Zero;
        foreach (var path in Candidates(ModulePaths.ModuleFolder, libraryName))
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle)) return handle;
        return IntPtr.Zero;
    }

    /// <summary>Where a native library may be, most specific first: runtimes/&lt;os&gt;-&lt;arch&gt;/native, runtimes/&lt;os&gt;/native (osx is universal), the module folder.</summary>
    public static IEnumerable<string> Candidates(string moduleFolder, string libraryName)
    {
        string file = FileName(libraryName);
        string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        foreach (var os in OsNames())
        {
            yield return Path.Combine(moduleFolder, "runtimes", $"{os}-{arch}", "native", file);
            yield return Path.Combine(moduleFolder, "runtimes", os, "native", file);
        }
        yield return Path.Combine(moduleFolder, file);
    }

    private static IEnumerable<string> OsNames()
    {
        if (OperatingSystem.IsWindows()) { yield return "win"; yield break; }
        if (OperatingSystem.IsMacOS()) { yield return "osx"; yield break; }
        // musl first on Alpine and the like; glibc otherwise (a glibc library does not load on musl, and vice versa).
        bool musl = File.Exists("/etc/alpine-release");
        yield return musl ? "linux-musl" : "linux";
        yield return musl ? "linux" : "linux-musl";
    }

    private static string FileName(string libraryName)
    {
        if (Path.HasExtension(libraryName) && (libraryName.EndsWith(".so", StringComparison.Ordinal) || libraryName.EndsWith(".dll", StringComparison.Ordinal) || libraryName.EndsWith(".dylib", StringComparison.Ordinal)))
            return libraryName;
        if (OperatingSystem.IsWindows()) return libraryName + ".dll";
        return libraryName + (OperatingSystem.IsMacOS() ? ".dylib" : ".so");
    }
}
