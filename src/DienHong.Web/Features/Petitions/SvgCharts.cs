using System.Globalization;
using System.Security;
using System.Text;

namespace DienHong.Features.Petitions;

/// <summary>
/// Bar charts drawn on the server as SVG: no script, no library to load, the same picture in the
/// browser, a printed page or a document.
/// </summary>
public static class SvgCharts
{
    private const int Width = 640;
    private const int LabelWidth = 260;
    private const int BarHeight = 22;
    private const int Gap = 8;
    private const int Top = 40;

    public static string HorizontalBars(string title, IReadOnlyList<CountRow> rows, string color = "#b3121b", int maxRows = 12)
    {
        var shown = rows.Where(r => r.Count > 0).Take(maxRows).ToList();
        var height = Top + (Math.Max(1, shown.Count) * (BarHeight + Gap)) + 10;
        var max = Math.Max(1, shown.Count == 0 ? 1 : shown.Max(r => r.Count));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-label=\"{Escape(title)}\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"Segoe UI, Noto Sans, Arial, sans-serif\" font-size=\"13\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"20\" font-size=\"15\" font-weight=\"600\" fill=\"#222\">{Escape(title)}</text>");
        if (shown.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{Top + 14}\" fill=\"#777\">Chưa có số liệu</text>");
        }

        for (var i = 0; i < shown.Count; i++)
        {
            var y = Top + (i * (BarHeight + Gap));
            var length = (int)Math.Round((Width - LabelWidth - 50) * (double)shown[i].Count / max);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\" fill=\"#333\">{Escape(Shorten(shown[i].Label))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{Math.Max(2, length)}\" height=\"{BarHeight}\" rx=\"3\" fill=\"{color}\"><title>{Escape(shown[i].Label)}: {shown[i].Count}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + Math.Max(2, length) + 6}\" y=\"{y + 15}\" fill=\"#222\">{shown[i].Count}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    // About 32 characters fit the label column at 13px; longer names keep their whole text in the bar's title.
    private static string Shorten(string label) => label.Length <= 32 ? label : label[..31] + "…";

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
