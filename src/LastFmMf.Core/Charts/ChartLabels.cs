namespace LastFmMf.Charts;

/// <summary>
/// Which points of a scatter chart get a name: the most important ones whose labels would not overlap a label already
/// placed. Labels are boxes in plot fractions (the chart's default size, 1200×800, gives the plot about 1,000×600 pixels);
/// a label starts at its point and runs right, or left for points in the right third, so that names stay inside the plot.
/// </summary>
public static class ChartLabels
{
    private const double PlotWidthPixels = 1000, PlotHeightPixels = 600;
    private const double PixelsPerCharacter = 6.6, PaddingPixels = 8, LineHeightPixels = 16;

    /// <summary>Whether the label of a point at <paramref name="x"/> runs to its left (the point is in the right third).</summary>
    public static bool RunsLeft(double x, double lo, double hi) => hi > lo && (x - lo) / (hi - lo) > 0.66;

    /// <summary>
    /// Up to <paramref name="count"/> of <paramref name="candidates"/> (positions into the point arrays, most important
    /// first), skipping each whose label box would overlap one already chosen.
    /// </summary>
    public static int[] Spread(IEnumerable<int> candidates, double[] x, double[] y, string[] names, int count)
    {
        if (x.Length == 0 || count <= 0) return [];
        double xLo = x.Min(), xHi = x.Max(), yLo = y.Min(), yHi = y.Max();
        double xSpan = xHi > xLo ? xHi - xLo : 1, ySpan = yHi > yLo ? yHi - yLo : 1;
        var chosen = new List<int>();
        var boxes = new List<(double X0, double X1, double Y0, double Y1)>();
        foreach (int i in candidates)
        {
            double w = (names[i].Length * PixelsPerCharacter + PaddingPixels) / PlotWidthPixels;
            double px = (x[i] - xLo) / xSpan, py = (y[i] - yLo) / ySpan;
            double x0 = RunsLeft(x[i], xLo, xHi) ? px - w : px;
            var box = (x0, x0 + w, py, py + LineHeightPixels / PlotHeightPixels);
            if (boxes.Any(b => b.X0 < box.Item2 && box.x0 < b.X1 && b.Y0 < box.Item4 && box.py < b.Y1)) continue;
            chosen.Add(i);
            boxes.Add(box);
            if (chosen.Count == count) break;
        }
        return chosen.ToArray();
    }
}
