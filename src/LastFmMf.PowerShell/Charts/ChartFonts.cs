using SkiaSharp;

namespace LastFmMf.PowerShell.Charts;

/// <summary>
/// Picks the font of every chart once per process. SkiaSharp's NoDependencies Linux build has no fontconfig: it scans the
/// font folders (/usr/share/fonts) itself, and with no font files there every text of a chart (title, axes, legend) is
/// silently drawn blank. <see cref="Configure"/> chooses a sans-serif family that is present (DejaVu Sans first: without
/// fontconfig ScottPlot would pick DejaVu Serif) and returns a warning when there is no font at all.
/// </summary>
internal static class ChartFonts
{
    private static readonly string[] Preferred = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "FreeSans", "Arial", "Helvetica", "Segoe UI"];
    private static readonly Lazy<string?> Warning = new(Choose);

    /// <summary>Sets ScottPlot's default font; returns a warning to show when text will be blank, else null.</summary>
    public static string? Configure() => Warning.Value;

    /// <summary>The font families Skia can see (with no font files it reports one nameless empty family: left out).</summary>
    public static string[] Families() => SKFontManager.Default.FontFamilies.Where(f => !string.IsNullOrWhiteSpace(f)).ToArray();

    private static string? Choose()
    {
        var families = Families();
        if (families.Length == 0)
            return "No font files were found (SkiaSharp looks in /usr/share/fonts on Linux), so the chart's text — title, axis labels, " +
                   "tick labels and legend — will be blank; the lines, points and bars are drawn. Install a font package " +
                   "(e.g. fonts-dejavu-core) for readable charts.";
        string pick = Preferred.FirstOrDefault(p => families.Contains(p, StringComparer.OrdinalIgnoreCase)) ?? families[0];
        ScottPlot.Fonts.Default = pick;
        return null;
    }
}
