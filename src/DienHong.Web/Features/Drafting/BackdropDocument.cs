using System.Globalization;
using System.Security;
using System.Text;

namespace DienHong.Features.Drafting;

/// <summary>
/// A site's backdrop (maket): a print-ready A3 landscape page, and a 16:9 SVG for screens. Each
/// line gets the largest size at which it fits the width (estimated from its length).
/// </summary>
public static class BackdropDocument
{
    /// <summary>Usable width and height of an A3 landscape page with 2 cm margins, in twips.</summary>
    private const int PrintWidth = 23811 - 2268;
    private const int PrintHeight = 16838 - 2268;

    /// <summary>Side of the printed QR code: a phone reads it from a few metres.</summary>
    private const double PrintQrCm = 5.0;

    /// <summary>
    /// The lines a backdrop template wrote: "@emblem …" the emblem's place, "### " organizer, "## "
    /// kind, "# " title, "@qr address caption" a QR code, anything else the place and date.
    /// </summary>
    public static IReadOnlyList<BackdropLine> Lines(string markup) =>
        [.. markup.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(line =>
            line.StartsWith("@qr ", StringComparison.Ordinal) ? QrLine(line[4..].Trim())
            : line.StartsWith("@emblem", StringComparison.Ordinal) ? new BackdropLine(line[7..].Trim() is { Length: > 0 } e ? e : "(Quốc huy)", BackdropLineKind.Emblem)
            : line.StartsWith("### ", StringComparison.Ordinal) ? new BackdropLine(line[4..].Trim(), BackdropLineKind.Organizer)
            : line.StartsWith("## ", StringComparison.Ordinal) ? new BackdropLine(line[3..].Trim(), BackdropLineKind.Kind)
            : line.StartsWith("# ", StringComparison.Ordinal) ? new BackdropLine(line[2..].Trim(), BackdropLineKind.Title)
            : new BackdropLine(line, BackdropLineKind.DateLine))];

    /// <summary>
    /// The print page: every line as large as fits the width, the title the largest, the block
    /// spread over the whole page height.
    /// </summary>
    public static byte[] Print(IReadOnlyList<BackdropLine> all)
    {
        var codes = all.Where(l => l.Kind == BackdropLineKind.QrCode).ToList();
        var lines = all.Where(l => l.Kind != BackdropLineKind.QrCode).ToList();
        var sized = Sizes(lines, line => FittedHalfPoints(line.Text, Style(line.Kind).HalfPoints, PrintWidth, Style(line.Kind).Bold));
        // Line heights at 1.15 spacing; what is left is shared out: a quarter above, half between the lines.
        var heights = sized.Select(s => (int)(s.Size * 11.5)).ToList();
        var codeHeight = codes.Count == 0 ? 0 : (int)(PrintQrCm * 567) + 400;
        var free = Math.Max(0, PrintHeight - heights.Sum() - codeHeight - 400);
        var before = free / 4;
        var gap = lines.Count > 1 ? free / 2 / (lines.Count - 1) : 0;

        using var document = new OfficialDocument();
        for (var i = 0; i < sized.Count; i++)
        {
            var (line, size) = sized[i];
            var (_, bold, italic) = Style(line.Kind);
            var paragraph = DocumentLayout.Centered(line.Text, size, bold, italic, after: i < sized.Count - 1 ? gap : 0);
            if (i == 0)
            {
                paragraph.ParagraphProperties!.SpacingBetweenLines!.Before = before.ToString(CultureInfo.InvariantCulture);
            }

            document.Body.Append(paragraph);
        }

        foreach (var code in codes)
        {
            document.Body.Append(document.QrParagraph(code.Address!, PrintQrCm));
            document.Body.Append(DocumentLayout.Centered(code.Text, 24, italic: true));
        }

        return document.ToBytes(landscapeA3: true, pageNumbers: false);
    }

    /// <summary>A 1920×1080 SVG: red field, gold and white text, every line within the width, the title the largest.</summary>
    public static string Svg(IReadOnlyList<BackdropLine> all)
    {
        const int Width = 1920;
        const int Height = 1080;
        const int Usable = 1720;
        const int Code = 200;
        var lines = all.Where(l => l.Kind != BackdropLineKind.QrCode).ToList();
        var sized = Sizes(lines, line =>
        {
            var (preferred, bold, _) = Style(line.Kind);
            return (int)Math.Floor(Math.Min(preferred * 1.1, Usable / Math.Max(1.0, line.Text.Length * (bold ? 0.62 : 0.5))));
        });
        var rows = sized.Select(s => (s.Line, s.Size, Style(s.Line.Kind).Bold, Style(s.Line.Kind).Italic, Gap: s.Size * (s.Line.Kind is BackdropLineKind.Title or BackdropLineKind.DateLine ? 1.55 : 1.3))).ToList();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\">");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#b3121b\"/>");
        svg.Append("<rect x=\"40\" y=\"40\" width=\"1840\" height=\"1000\" fill=\"none\" stroke=\"#f2c14e\" stroke-width=\"6\"/>");

        // The block of lines is centred vertically.
        var y = (Height - rows.Sum(l => l.Gap)) / 2;
        foreach (var (line, size, bold, italic, gap) in rows)
        {
            y += gap;
            var estimated = line.Text.Length * size * (bold ? 0.62 : 0.5);
            // Only a line that would still overflow is squeezed to the width.
            var squeeze = estimated > Usable ? $" textLength=\"{Usable}\" lengthAdjust=\"spacingAndGlyphs\"" : string.Empty;
            var fill = line.Kind == BackdropLineKind.Title ? "#ffd966" : "#ffffff";
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Width / 2}\" y=\"{y - (gap - size):0}\" text-anchor=\"middle\" font-family=\"Times New Roman, serif\" font-size=\"{size:0}\" font-weight=\"{(bold ? "bold" : "normal")}\" font-style=\"{(italic ? "italic" : "normal")}\" fill=\"{fill}\"{squeeze}>{SecurityElement.Escape(line.Text)}</text>");
        }

        // A QR code sits in the lower right corner, inside the frame, its caption under it.
        foreach (var code in all.Where(l => l.Kind == BackdropLineKind.QrCode).Take(1))
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<image x=\"{Width - 60 - Code}\" y=\"{Height - 90 - Code}\" width=\"{Code}\" height=\"{Code}\" href=\"data:image/png;base64,{Convert.ToBase64String(DocxImage.QrPng(code.Address!))}\"/>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Width - 60 - (Code / 2)}\" y=\"{Height - 60}\" text-anchor=\"middle\" font-family=\"Times New Roman, serif\" font-size=\"20\" font-style=\"italic\" fill=\"#ffffff\">{SecurityElement.Escape(code.Text)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Each line's size; no other line is as large as the smallest title line.</summary>
    private static List<(BackdropLine Line, int Size)> Sizes(IReadOnlyList<BackdropLine> lines, Func<BackdropLine, int> fitted)
    {
        var sized = lines.Select(l => (Line: l, Size: fitted(l))).ToList();
        var titles = sized.Where(s => s.Line.Kind == BackdropLineKind.Title).Select(s => s.Size).ToList();
        if (titles.Count == 0)
        {
            return sized;
        }

        // The title's lines share one size, and no other line is as large.
        var title = titles.Min();
        return [.. sized.Select(s => s.Line.Kind == BackdropLineKind.Title ? (s.Line, title) : (s.Line, Math.Min(s.Size, title - 8)))];
    }

    private static (int HalfPoints, bool Bold, bool Italic) Style(BackdropLineKind kind) => kind switch
    {
        BackdropLineKind.Organizer => (64, true, false),
        BackdropLineKind.Kind => (88, true, false),
        BackdropLineKind.Title => (120, true, false),
        BackdropLineKind.Emblem => (48, false, true),
        _ => (56, false, true),
    };

    private static BackdropLine QrLine(string directive)
    {
        var (address, caption) = DocumentContent.QrDirective(directive);
        return new BackdropLine(caption, BackdropLineKind.QrCode, address);
    }

    /// <summary>The preferred size, or smaller so the line fits <paramref name="width"/>.</summary>
    public static int FittedHalfPoints(string text, int preferred, int width, bool bold)
    {
        var size = preferred;
        while (size > 16 && DocumentLayout.MeasureWidth(text, size, bold) > width)
        {
            size -= 2;
        }

        return size;
    }
}
