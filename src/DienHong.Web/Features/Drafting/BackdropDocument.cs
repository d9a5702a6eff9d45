using System.Globalization;
using System.Security;
using System.Text;
using DienHong.Features.Meetings;
using DienHong.Features.Sites;

namespace DienHong.Features.Drafting;

/// <summary>
/// A site's backdrop (maket): a print-ready A3 landscape page, and a 16:9 SVG for screens. Each
/// line gets the largest size at which it fits the width (estimated from its length).
/// </summary>
public static class BackdropDocument
{
    /// <summary>Usable width of an A3 landscape page with 2 cm margins, in twips.</summary>
    private const int PrintWidth = 23811 - 2268;

    public static byte[] Print(Meeting meeting, Site site)
    {
        using var document = new OfficialDocument();
        foreach (var line in BackdropText.For(meeting, site))
        {
            var (preferred, bold, italic) = Style(line.Kind);
            var size = FittedHalfPoints(line.Text, preferred, PrintWidth, bold);
            document.Body.Append(DocumentLayout.Centered(line.Text, size, bold, italic, after: line.Kind == BackdropLineKind.Title ? 600 : 300));
        }

        return document.ToBytes(landscapeA3: true, pageNumbers: false);
    }

    /// <summary>A 1920×1080 SVG: red field, gold and white text, every line within the width.</summary>
    public static string Svg(Meeting meeting, Site site)
    {
        const int Width = 1920;
        const int Height = 1080;
        const int Usable = 1720;
        var lines = BackdropText.For(meeting, site).Select(line =>
        {
            var (preferredHalfPoints, bold, italic) = Style(line.Kind);
            var size = Math.Floor(Math.Min(preferredHalfPoints * 1.4, Usable / Math.Max(1.0, line.Text.Length * (bold ? 0.62 : 0.5))));
            var gap = size * (line.Kind is BackdropLineKind.Title or BackdropLineKind.DateLine ? 1.55 : 1.3);
            return (line, size, bold, italic, gap);
        }).ToList();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\">");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#b3121b\"/>");
        svg.Append("<rect x=\"40\" y=\"40\" width=\"1840\" height=\"1000\" fill=\"none\" stroke=\"#f2c14e\" stroke-width=\"6\"/>");

        // The block of lines is centred vertically.
        var y = (Height - lines.Sum(l => l.gap)) / 2;
        foreach (var (line, size, bold, italic, gap) in lines)
        {
            y += gap;
            var estimated = line.Text.Length * size * (bold ? 0.62 : 0.5);
            // Only a line that would still overflow is squeezed to the width.
            var squeeze = estimated > Usable ? $" textLength=\"{Usable}\" lengthAdjust=\"spacingAndGlyphs\"" : string.Empty;
            var fill = line.Kind == BackdropLineKind.Title ? "#ffd966" : "#ffffff";
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Width / 2}\" y=\"{y - (gap - size):0}\" text-anchor=\"middle\" font-family=\"Times New Roman, serif\" font-size=\"{size:0}\" font-weight=\"{(bold ? "bold" : "normal")}\" font-style=\"{(italic ? "italic" : "normal")}\" fill=\"{fill}\"{squeeze}>{SecurityElement.Escape(line.Text)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static (int HalfPoints, bool Bold, bool Italic) Style(BackdropLineKind kind) => kind switch
    {
        BackdropLineKind.Organizer => (56, true, false),
        BackdropLineKind.Kind => (72, true, false),
        BackdropLineKind.Title => (96, true, false),
        _ => (48, false, true),
    };

    /// <summary>The preferred size, or smaller so the line fits <paramref name="width"/>.</summary>
    public static int FittedHalfPoints(string text, int preferred, int width, bool bold)
    {
        var size = preferred;
        while (size > 16 && DocumentLayout.EstimateWidth(text, size, bold) > width)
        {
            size -= 2;
        }

        return size;
    }
}
