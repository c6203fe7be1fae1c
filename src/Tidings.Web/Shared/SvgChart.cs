using System.Globalization;
using System.Net;
using System.Text;
using Tidings.Core.Text;

namespace Tidings.Web.Shared;

public sealed record ChartPoint(string Label, double Value, string? Href = null);

/// <summary>
/// Small bar charts drawn on the server as inline SVG: no script, no chart library, readable in forced-colours mode
/// (bars use currentColor). The SVG is one image with a summary for screen readers; the page shows the same numbers
/// as a table beside it.
/// </summary>
internal static class SvgChart
{
    /// <summary>Vertical bars over time (e.g. articles per day); every <paramref name="labelEvery"/>-th label is drawn.</summary>
    public static string Columns(IReadOnlyList<ChartPoint> points, string summary, int labelEvery = 5)
    {
        ArgumentNullException.ThrowIfNull(points);
        // Room on the right for the last label, which is centred under its bar.
        const int width = 640, height = 220, left = 36, right = 24, bottom = 28, top = 12;
        var max = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Value));
        var step = points.Count == 0 ? 0 : (width - left - right) / (double)points.Count;
        var sb = Open(width, height, summary);
        Grid(sb, max, left, width - right, top, height - bottom);
        for (var i = 0; i < points.Count; i++)
        {
            var h = (height - bottom - top) * points[i].Value / max;
            var x = left + (i * step) + (step * 0.15);
            sb.Append(Inv($"<rect class=\"chart__bar\" x=\"{x:F1}\" y=\"{height - bottom - h:F1}\" width=\"{step * 0.7:F1}\" height=\"{h:F1}\"><title>{Esc(points[i].Label)}{Ui.Colon}{points[i].Value:0.##}</title></rect>"));
            if (i % labelEvery == 0 || i == points.Count - 1)
            {
                sb.Append(Inv($"<text class=\"chart__label\" x=\"{x + (step * 0.35):F1}\" y=\"{height - 8}\" text-anchor=\"middle\">{Esc(points[i].Label)}</text>"));
            }
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars with their labels (e.g. top articles by views).</summary>
    public static string Bars(IReadOnlyList<ChartPoint> points, string summary)
    {
        ArgumentNullException.ThrowIfNull(points);
        const int width = 640, row = 28, labelWidth = 300;
        var height = Math.Max(row, points.Count * row) + 8;
        var max = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Value));
        var sb = Open(width, height, summary);
        for (var i = 0; i < points.Count; i++)
        {
            var y = (i * row) + 4;
            var w = (width - labelWidth - 60) * points[i].Value / max;
            var label = points[i].Label.Length > 22 ? UnicodeText.Prefix(points[i].Label, 21) + "…" : points[i].Label;
            sb.Append(Inv($"<text class=\"chart__label\" x=\"0\" y=\"{y + 18}\">{Esc(label)}</text>"));
            sb.Append(Inv($"<rect class=\"chart__bar\" x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{w:F1}\" height=\"{row - 10}\"><title>{Esc(points[i].Label)}{Ui.Colon}{points[i].Value:0.##}</title></rect>"));
            sb.Append(Inv($"<text class=\"chart__value\" x=\"{labelWidth + w + 6:F1}\" y=\"{y + 18}\">{points[i].Value:0.##}</text>"));
        }

        return sb.Append("</svg>").ToString();
    }

    private static StringBuilder Open(int width, int height, string summary) =>
        new StringBuilder(4096).Append(Inv($"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Esc(summary)}\" focusable=\"false\" preserveAspectRatio=\"xMinYMin meet\">"));

    private static void Grid(StringBuilder sb, double max, int left, int right, int top, int baseline)
    {
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            var y = baseline - ((baseline - top) * fraction);
            sb.Append(Inv($"<line class=\"chart__grid\" x1=\"{left}\" x2=\"{right}\" y1=\"{y:F1}\" y2=\"{y:F1}\"/>"));
            sb.Append(Inv($"<text class=\"chart__label\" x=\"{left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{max * fraction:0.#}</text>"));
        }
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
