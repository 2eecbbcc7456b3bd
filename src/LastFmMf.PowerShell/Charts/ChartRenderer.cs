using System.Globalization;
using LastFmMf.Charts;
using ScottPlot;
using SkiaSharp;

namespace LastFmMf.PowerShell.Charts;

/// <summary>The image formats Export-MfChart writes, chosen by the file extension.</summary>
public enum ChartFormat
{
    /// <summary>A PNG raster image.</summary>
    Png,
    /// <summary>An SVG vector image.</summary>
    Svg,
}

/// <summary>
/// Draws the chart data of the core (<see cref="LossChart"/>, <see cref="NormChart"/>, <see cref="ArtistMapChart"/>,
/// <see cref="MetricChart"/>) with ScottPlot 5: a figure is a title band (drawn with SkiaSharp, wrapped to the width) over
/// one or more ScottPlot panels side by side, rendered onto one Skia canvas — a raster surface for PNG, an SVG canvas for SVG.
/// </summary>
internal static class ChartRenderer
{
    private const float TitleSize = 17f;

    /// <summary>
    /// A figure: the title over panels placed left to right with the given relative widths, and under them an optional
    /// key (one coloured line per entry, the full width of the figure: a sweep's labels can be long).
    /// </summary>
    private sealed record Figure(string Title, Plot[] Panels, float[]? Widths = null, (string Label, Color Color)[]? Key = null);

    public static byte[] Render(LossChart data, int width, int height, ChartFormat format) => Encode(Loss(data), width, height, format);
    public static byte[] Render(NormChart data, int width, int height, ChartFormat format) => Encode(Norms(data), width, height, format);
    public static byte[] Render(ArtistMapChart data, int width, int height, ChartFormat format) => Encode(Map(data), width, height, format);
    public static byte[] Render(MetricChart data, int width, int height, ChartFormat format) => Encode(Metrics(data), width, height, format);

    /// <summary>Category10 without its gray, which marks "other" on the artist map.</summary>
    private static Color[] Palette => new ScottPlot.Palettes.Category10().Colors.Where((_, i) => i != 7).ToArray();

    private static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, 15);
        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Legend.FontSize = 12;
        return plot;
    }

    private static Figure Loss(LossChart data)
    {
        // Panels: the objective always; RMSE when a run fits play counts (Squared); the validation NDCG@10 when the
        // history records it (the ranking objectives). Colour = run; line style = which set.
        var colors = Palette;
        bool many = data.Runs.Count > 1;
        var objective = NewPlot(many ? "Loss (each run's own objective)" : "Loss", "epoch", "loss");
        // With a test part, the validation RMSE (what chose the kept epoch) is drawn dotted beside it, not left out.
        bool validationToo = data.HasTest && data.Runs.Any(r => r.HasRmse && r.ValidationRmse.Any(v => v is not null));
        string rmseTitle = !data.HasTest ? "RMSE: train (dashed), validation (solid)"
            : validationToo ? "RMSE: train (dashed), validation (dotted), test (solid)" : "RMSE: train (dashed), test (solid)";
        Plot? rmse = data.HasRmse ? NewPlot(rmseTitle, "epoch", "RMSE") : null;
        Plot? ndcg = data.HasValidationNdcg ? NewPlot("Validation NDCG@10", "epoch", "NDCG@10") : null;
        // Epochs are whole numbers: no "2.5" ticks on a short run.
        foreach (var p in new[] { objective, rmse, ndcg })
            if (p is not null) p.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        var last = ndcg ?? rmse ?? objective;
        for (int i = 0; i < data.Runs.Count; i++)
        {
            var run = data.Runs[i];
            var color = colors[i % colors.Length];
            double[] epochs = run.Epochs.Select(e => (double)e).ToArray();
            var j = objective.Add.ScatterLine(epochs, run.Loss, color);
            j.LineWidth = 2;
            if (rmse is not null && run.HasRmse)
            {
                var (tx, ty) = Present(epochs, run.TrainRmse);
                var train = rmse.Add.ScatterLine(tx, ty, color);
                train.LineWidth = 2;
                train.LinePattern = LinePattern.Dashed;
                var (ex, ey) = Present(epochs, data.HasTest ? run.TestRmse : run.ValidationRmse);
                if (ex.Length > 0) rmse.Add.ScatterLine(ex, ey, color).LineWidth = 2;
                var (vx, vy) = validationToo ? Present(epochs, run.ValidationRmse) : ([], []);
                if (vx.Length > 0)
                {
                    var validation = rmse.Add.ScatterLine(vx, vy, color);
                    validation.LineWidth = 2;
                    validation.LinePattern = LinePattern.Dotted;
                }
            }
            if (ndcg is not null)
            {
                var (nx, ny) = Present(epochs, run.ValidationNdcg);
                if (nx.Length > 0) ndcg.Add.ScatterLine(nx, ny, color).LineWidth = 2;
            }
            // The kept epoch, on the panel of the measure that chose it.
            var chooser = run.HasValidationNdcg && ndcg is not null ? ndcg : run.HasRmse && rmse is not null ? rmse : objective;
            if (run.BestEpoch > 0) chooser.Add.VerticalLine(run.BestEpoch, 1.5f, color.WithAlpha(0.6), LinePattern.Dotted);
        }
        // Line styles are the same for every run: say once what they mean.
        var ink = Colors.Black;
        if (rmse is not null)
        {
            rmse.Legend.ManualItems.Add(new LegendItem { LabelText = "train", LineColor = ink, LineWidth = 2, LinePattern = LinePattern.Dashed });
            if (validationToo) rmse.Legend.ManualItems.Add(new LegendItem { LabelText = "validation", LineColor = ink, LineWidth = 2, LinePattern = LinePattern.Dotted });
            rmse.Legend.ManualItems.Add(new LegendItem { LabelText = data.HasTest ? "test" : "validation", LineColor = ink, LineWidth = 2 });
        }
        last.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = many ? "epoch kept" : $"epoch kept ({data.Runs[0].BestEpoch})",
            LineColor = ink.WithAlpha(0.6), LineWidth = 1.5f, LinePattern = LinePattern.Dotted,
        });
        rmse?.ShowLegend(Alignment.UpperRight);
        ndcg?.ShowLegend(Alignment.LowerRight);
        if (!many && last == objective) objective.ShowLegend(Alignment.UpperRight);
        Plot[] panels = [objective, .. rmse is null ? Array.Empty<Plot>() : [rmse], .. ndcg is null ? Array.Empty<Plot>() : [ndcg]];
        var key = many ? data.Runs.Select((r, i) => (r.Label, colors[i % colors.Length])).ToArray() : null;
        return new Figure(data.Title, panels, Key: key);
    }

    private static (double[] X, double[] Y) Present(double[] x, double?[] y)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < x.Length; i++)
            if (y[i] is { } v && double.IsFinite(v)) { xs.Add(x[i]); ys.Add(v); }
        return (xs.ToArray(), ys.ToArray());
    }

    private static Figure Norms(NormChart data)
    {
        var plot = NewPlot($"{data.Norms.Length:N0} artists; Spearman ρ(listeners, norm) = {data.SpearmanRho.ToString("F2", CultureInfo.InvariantCulture)}",
            data.Excluded > 0 ? $"training listeners (log scale; {data.Excluded:N0} artists without any are left out)" : "training listeners (log scale)",
            "‖q_a‖, embedding norm");
        double[] x = data.Listeners.Select(c => Math.Log10(c)).ToArray();
        plot.Add.Markers(x, data.Norms, MarkerShape.FilledCircle, 4, Palette[0].WithAlpha(0.35));
        plot.Add.Markers(data.Labelled.Select(i => x[i]).ToArray(), data.Labelled.Select(i => data.Norms[i]).ToArray(),
            MarkerShape.FilledCircle, 6, Palette[3]);
        LabelPoints(plot, data.Labelled, x, data.Norms, data.Names);
        double lo = x.Length == 0 ? 0 : x.Min(), hi = x.Length == 0 ? 1 : x.Max();
        double span = Math.Max(hi - lo, 0.5);
        plot.Axes.SetLimitsX(lo - 0.03 * span, hi + 0.03 * span);
        plot.Axes.SetLimitsY(0, (data.Norms.Length == 0 ? 1 : data.Norms.Max()) * 1.08);
        LogTicks(plot.Axes.Bottom, lo - 0.03 * span, hi + 0.03 * span);
        return new Figure(data.Title, [plot]);
    }

    /// <summary>Ticks of a log10 axis at 1, 2, 5 × 10ⁿ (only 10ⁿ beyond four decades), labelled with the counts themselves.</summary>
    private static void LogTicks(IAxis axis, double lo, double hi)
    {
        double[] steps = hi - lo > 4 ? [1] : [1, 2, 5];
        var at = new List<double>();
        for (int e = (int)Math.Floor(lo); e <= (int)Math.Ceiling(hi); e++)
            foreach (var m in steps)
            {
                double v = Math.Log10(m) + e;
                if (v >= lo && v <= hi) at.Add(v);
            }
        axis.SetTicks(at.ToArray(), at.Select(v => Math.Round(Math.Pow(10, v)).ToString("N0", CultureInfo.InvariantCulture)).ToArray());
    }

    private static void LabelPoints(Plot plot, int[] which, double[] x, double[] y, string[] names)
    {
        foreach (int i in which)
        {
            var t = plot.Add.Text(names[i], x[i], y[i]);
            t.LabelFontSize = 11;
            t.LabelFontColor = Colors.Black;
            t.LabelBackgroundColor = Colors.White.WithAlpha(0.7);
            // The side the core chose the labels by (ChartLabels), so that no two overlap.
            bool right = ChartLabels.RunsLeft(x[i], x.Min(), x.Max());
            t.LabelAlignment = right ? Alignment.LowerRight : Alignment.LowerLeft;
            t.OffsetX = right ? -4 : 4;
        }
    }

    private static Figure Map(ArtistMapChart data)
    {
        var plot = NewPlot("Each point an artist, coloured by its most frequent tag among the most common tags",
            $"PC1 ({Pct(data.ExplainedVariance[0])} of variance)", $"PC2 ({Pct(data.ExplainedVariance.ElementAtOrDefault(1))} of variance)");
        var colors = Palette;
        var legend = new List<LegendItem>();
        for (int g = 0; g < data.Groups.Length; g++)
        {
            var idx = Enumerable.Range(0, data.Group.Length).Where(i => data.Group[i] == g).ToArray();
            if (idx.Length == 0) continue;
            bool rest = data.Groups[g] is "other" or "untagged";
            var color = rest ? (data.Groups[g] == "other" ? Colors.Gray : Colors.LightGray) : colors[g % colors.Length];
            var m = plot.Add.Markers(idx.Select(i => data.X[i]).ToArray(), idx.Select(i => data.Y[i]).ToArray(),
                MarkerShape.FilledCircle, 5, color.WithAlpha(rest ? 0.5 : 0.8));
            if (rest) plot.MoveToBack(m);
            legend.Add(new LegendItem { LabelText = $"{data.Groups[g]} ({idx.Length:N0})", MarkerShape = MarkerShape.FilledCircle, MarkerSize = 8,
                MarkerFillColor = color, MarkerLineColor = color });
        }
        plot.Legend.ManualItems.AddRange(legend);
        LabelPoints(plot, data.Labelled, data.X, data.Y, data.Names);
        plot.ShowLegend(Edge.Right);
        return new Figure(data.Title, [plot]);
    }

    private static string Pct(double share) => (share * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static Figure Metrics(MetricChart data)
    {
        // Coverage (share of the catalogue recommended to anyone) lives on another scale than the accuracy measures
        // (Random covers everything): it gets its own narrow panel so the accuracy bars keep their resolution.
        int coverage = Array.IndexOf(data.Measures, "Coverage");
        var accuracy = Enumerable.Range(0, data.Measures.Length).Where(i => i != coverage).ToArray();
        var main = BarPanel(data, accuracy, $"Accuracy of the top {data.K} (higher is better)");
        // The key under the panels, a line per model the full width of the figure: ScottPlot's legend inside the panel
        // cut the long model labels and dropped the entries that did not fit.
        var key = data.Models.Select((m, j) => (m.Model, Palette[j % Palette.Length])).ToArray();
        if (coverage < 0 || data.Models.All(m => m.Values[coverage] is null)) return new Figure(data.Title, [main], Key: key);
        var side = BarPanel(data, [coverage], "Catalogue coverage");
        side.Axes.SetLimitsY(0, 1.08);
        return new Figure(data.Title, [main, side], [4f, 1.3f], key);
    }

    private static Plot BarPanel(MetricChart data, int[] measures, string title)
    {
        var plot = NewPlot(title, "", "");
        int n = data.Models.Count;
        double width = 0.8 / n;
        var bars = new List<Bar>();
        for (int j = 0; j < n; j++)
        {
            var color = Palette[j % Palette.Length];
            for (int p = 0; p < measures.Length; p++)
            {
                if (data.Models[j].Values[measures[p]] is not { } v) continue;
                bars.Add(new Bar
                {
                    Position = p - 0.4 + width * (j + 0.5),
                    Value = v,
                    Size = width * 0.92,
                    FillColor = color,
                    LineColor = color,
                    Label = BarLabel(v),
                });
            }
        }
        var barPlot = plot.Add.Bars(bars.ToArray());
        barPlot.ValueLabelStyle.FontSize = n > 4 ? 9 : 11;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, measures.Length).Select(i => (double)i).ToArray(),
            measures.Select(i => $"{data.Measures[i]}@{data.K}").ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    /// <summary>".054", ".70", "1.0": no leading zero, so the labels of six neighbouring bars fit over their bars.</summary>
    private static string BarLabel(double v)
    {
        string text = v.ToString(v < 0.1 ? "0.000" : v < 1 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
        return text.StartsWith("0.", StringComparison.Ordinal) ? text[1..] : text;
    }

    // --- figure layout and encoding -------------------------------------------------------------------------------------------

    private static byte[] Encode(Figure figure, int width, int height, ChartFormat format)
    {
        try
        {
            if (format == ChartFormat.Svg)
            {
                using var stream = new MemoryStream();
                using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
                    Draw(canvas, figure, width, height);
                return stream.ToArray();
            }
            using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
                ?? throw new InvalidOperationException($"Skia could not make a {width}×{height} surface.");
            Draw(surface.Canvas, figure, width, height);
            using var image = surface.Snapshot();
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            return png.ToArray();
        }
        finally
        {
            foreach (var p in figure.Panels) p.Dispose();
        }
    }

    private static void Draw(SKCanvas canvas, Figure figure, int width, int height)
    {
        canvas.Clear(SKColors.White);
        using var typeface = SKTypeface.FromFamilyName(Fonts.Default, SKFontStyle.Bold) ?? SKTypeface.Default;
        using var font = new SKFont(typeface, TitleSize);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var lines = Wrap(figure.Title, font, width - 24);
        float lineHeight = TitleSize * 1.35f;
        float y = 10 + TitleSize;
        foreach (var line in lines)
        {
            float w = font.MeasureText(line);
            canvas.DrawText(line, Math.Max(12, (width - w) / 2), y, SKTextAlign.Left, font, paint);
            y += lineHeight;
        }
        float top = Math.Min(height / 2f, y - lineHeight + 14);
        float bottom = height;
        if (figure.Key is { Length: > 0 } key)
        {
            const float keySize = 12f, row = keySize * 1.5f;
            using var keyTypeface = SKTypeface.FromFamilyName(Fonts.Default) ?? SKTypeface.Default;
            using var keyFont = new SKFont(keyTypeface, keySize);
            bottom = Math.Max(top + 50, height - key.Length * row - 12);
            float ky = bottom + 6 + keySize;
            foreach (var (label, color) in key)
            {
                using var pen = new SKPaint { Color = new SKColor(color.R, color.G, color.B, color.A), StrokeWidth = 3, IsAntialias = true };
                canvas.DrawLine(16, ky - keySize / 3, 44, ky - keySize / 3, pen);
                canvas.DrawText(Fit(label, keyFont, width - 70), 52, ky, SKTextAlign.Left, keyFont, paint);
                ky += row;
            }
        }
        var widths = figure.Widths ?? Enumerable.Repeat(1f, figure.Panels.Length).ToArray();
        float total = widths.Sum(), left = 0;
        for (int i = 0; i < figure.Panels.Length; i++)
        {
            float right = i == figure.Panels.Length - 1 ? width : left + width * widths[i] / total;
            // ScottPlot clears its canvas before drawing: clip to the panel so the title, the key and the other panels stay.
            canvas.Save();
            canvas.ClipRect(new SKRect(left, top, right, bottom));
            figure.Panels[i].Render(canvas, new PixelRect(left, right, bottom, top));
            canvas.Restore();
            left = right;
        }
    }

    /// <summary><paramref name="text"/> cut with "…" to fit <paramref name="maxWidth"/> pixels.</summary>
    private static string Fit(string text, SKFont font, float maxWidth)
    {
        if (font.MeasureText(text) <= maxWidth) return text;
        int n = text.Length;
        while (n > 1 && font.MeasureText(text[..n] + "…") > maxWidth) n--;
        return text[..n] + "…";
    }

    /// <summary>Breaks <paramref name="text"/> at spaces into lines no wider than <paramref name="maxWidth"/> pixels (at most 3).</summary>
    private static List<string> Wrap(string text, SKFont font, float maxWidth)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' '))
        {
            string candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && font.MeasureText(candidate) > maxWidth)
            {
                lines.Add(current);
                current = word;
            }
            else current = candidate;
        }
        if (current.Length > 0) lines.Add(current);
        return lines.Count <= 3 ? lines : [.. lines.Take(2), string.Join(' ', lines.Skip(2))];
    }
}
