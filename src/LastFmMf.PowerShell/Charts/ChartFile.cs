namespace LastFmMf.PowerShell.Charts;

/// <summary>Chart files: the format by extension, and atomic writes.</summary>
internal static class ChartFile
{
    /// <summary>The format of <paramref name="path"/> by its extension (.png or .svg, any case), or null for any other.</summary>
    public static ChartFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => ChartFormat.Png,
        ".svg" => ChartFormat.Svg,
        _ => null,
    };

    /// <summary>
    /// Writes <paramref name="bytes"/> to a temporary file in the destination folder, then renames it over
    /// <paramref name="path"/>: a reader sees the old file or the whole new one, never half a chart. The temporary file is
    /// removed when anything fails.
    /// </summary>
    public static void WriteAtomic(string path, byte[] bytes, bool overwrite) => LastFmMf.IO.AtomicFile.WriteAllBytes(path, bytes, overwrite);
}
