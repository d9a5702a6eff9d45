using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace DienHong.Features.Drafting;

/// <summary>
/// The layout rules of Decree 30/2020/NĐ-CP, Appendix I, in one place for every generator: A4,
/// margins, Times New Roman, the sizes of each part. Lengths are in twentieths of a point (twips),
/// font sizes in half-points, as Word stores them.
/// </summary>
public static class DocumentLayout
{
    public const string FontName = "Times New Roman";

    // A4 portrait: 210 × 297 mm. Margins: top 20 mm, bottom 20 mm, left 30 mm, right 15 mm.
    public const int PageWidth = 11906;
    public const int PageHeight = 16838;
    public const int MarginTop = 1134;
    public const int MarginBottom = 1134;
    public const int MarginLeft = 1701;
    public const int MarginRight = 850;
    public const int HeaderDistance = 567;
    public const int TextWidth = PageWidth - MarginLeft - MarginRight;

    /// <summary>Left and right columns of the header and of the recipients/signature block.</summary>
    public const int LeftColumn = 3755;
    public const int RightColumn = TextWidth - LeftColumn;

    // Sizes (half-points).
    public const int NationalTitleSize = 26;   // 13 pt, capitals, bold
    public const int MottoSize = 28;           // 14 pt, bold
    public const int BodyNameSize = 26;        // 13 pt: parent body (regular), issuing body (bold)
    public const int NumberSize = 26;          // 13 pt: "Số: 62/KH-ĐBQH"
    public const int LetterSummarySize = 24;   // 12 pt: "V/v …"
    public const int PlaceDateSize = 28;       // 14 pt italic
    public const int TypeSize = 28;            // 14 pt capitals bold: "KẾ HOẠCH"
    public const int SummarySize = 28;         // 14 pt bold
    public const int BodySize = 28;            // 14 pt
    public const int RecipientsLabelSize = 24; // 12 pt bold italic: "Nơi nhận:"
    public const int RecipientsSize = 22;      // 11 pt
    public const int SignerSize = 28;          // 14 pt bold
    public const int PageNumberSize = 26;      // 13 pt

    /// <summary>First-line indent 1.27 cm; 6 pt after each paragraph; line spacing 1.15.</summary>
    public const int FirstLineIndent = 720;
    public const int SpacingAfter = 120;
    public const int LineSpacing = 276;

    public const string NationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";

    /// <summary>
    /// Rough printed width of a line of text: Times New Roman averages about half an em per
    /// character (0.58 em in bold capitals). Used to size the rules under names and to fit
    /// backdrop text, where a measured glyph width would need the font itself.
    /// </summary>
    public static int EstimateWidth(string text, int halfPoints, bool boldCapitals = false) =>
        (int)(text.Length * halfPoints * 10 * (boldCapitals ? 0.62 : 0.5));

    /// <summary>
    /// Printed width of a line in Times New Roman (or a metric-compatible font), from average glyph
    /// widths per class of character: capitals 0.72 em bold (0.68 regular), small letters 0.48 em,
    /// spaces 0.25 em. Close enough to decide where a heading name must break.
    /// </summary>
    public static int MeasureWidth(string text, int halfPoints, bool bold = false)
    {
        var ems = text.Sum(c => c == ' ' ? 0.25 : char.IsUpper(c) ? (bold ? 0.72 : 0.68) : char.IsDigit(c) ? 0.5 : char.IsLetter(c) ? 0.48 : 0.33);
        return (int)(ems * halfPoints * 10);
    }

    /// <summary>
    /// A name in a heading column as lines: the office's own breaks ("HỘI ĐỒNG NHÂN DÂN\nTỈNH ĐIỆN
    /// BIÊN") are kept; a name too wide for the column breaks once, before its place ("TỈNH …") where it
    /// has one, else at the space that balances the two lines best — never inside a word.
    /// </summary>
    public static IReadOnlyList<string> HeadingLines(string name, int halfPoints, bool bold, int width)
    {
        var given = name.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (given.Length > 1 || MeasureWidth(name, halfPoints, bold) <= width)
        {
            return given;
        }

        var spaces = Enumerable.Range(0, name.Length).Where(i => name[i] == ' ').ToList();
        if (spaces.Count == 0)
        {
            return [name];
        }

        string[] places = ["TỈNH ", "THÀNH PHỐ ", "HUYỆN ", "QUẬN ", "THỊ XÃ ", "XÃ ", "PHƯỜNG ", "QUỐC HỘI", "VIỆT NAM"];
        var fitting = spaces.Where(i => MeasureWidth(name[..i], halfPoints, bold) <= width && MeasureWidth(name[(i + 1)..], halfPoints, bold) <= width).ToList();
        var candidates = fitting.Count > 0 ? fitting : spaces;
        var beforePlace = candidates.Where(i => places.Any(p => name.AsSpan(i + 1).StartsWith(p, StringComparison.Ordinal))).ToList();
        var split = (beforePlace.Count > 0 ? beforePlace : candidates).MinBy(i => Math.Abs(MeasureWidth(name[..i], halfPoints, bold) - MeasureWidth(name[(i + 1)..], halfPoints, bold)));
        return [name[..split], name[(split + 1)..]];
    }

    /// <summary>A run of text in the document font; line breaks in <paramref name="text"/> become breaks.</summary>
    public static Run Run(string text, int size, bool bold = false, bool italic = false)
    {
        var properties = new RunProperties
        {
            RunFonts = new RunFonts { Ascii = FontName, HighAnsi = FontName, ComplexScript = FontName, EastAsia = FontName },
            FontSize = new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            FontSizeComplexScript = new FontSizeComplexScript { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        if (bold)
        {
            properties.Bold = new Bold();
        }

        if (italic)
        {
            properties.Italic = new Italic();
        }

        var run = new Run(properties);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new WordText(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }

    /// <summary>A paragraph whose every line starts at <paramref name="left"/> (a list under "Kính gửi:").</summary>
    public static Paragraph Indented(string text, int left, int size)
    {
        var paragraph = Paragraph(JustificationValues.Left, 0, 0, Run(text, size));
        paragraph.ParagraphProperties!.Indentation = new Indentation { Left = left.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return paragraph;
    }

    /// <summary>A paragraph with the given alignment and spacing, holding <paramref name="runs"/>.</summary>
    public static Paragraph Paragraph(JustificationValues align, int after, int firstLine, params Run[] runs)
    {
        var properties = new ParagraphProperties
        {
            SpacingBetweenLines = new SpacingBetweenLines
            {
                Before = "0",
                After = after.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Line = LineSpacing.ToString(System.Globalization.CultureInfo.InvariantCulture),
                LineRule = LineSpacingRuleValues.Auto,
            },
            Justification = new Justification { Val = align },
        };
        if (firstLine > 0)
        {
            properties.Indentation = new Indentation { FirstLine = firstLine.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        var paragraph = new Paragraph(properties);
        paragraph.Append(runs);
        return paragraph;
    }

    /// <summary>Body text: 14 pt, justified, first-line indent, 6 pt after; **bold** and *italic* spans kept; the last two words held together.</summary>
    public static Paragraph Body(string text, bool bold = false, bool italic = false) =>
        Paragraph(JustificationValues.Both, SpacingAfter, FirstLineIndent, [.. Runs(NoRunt(text), BodySize, bold, italic)]);

    /// <summary>Runs for text with inline **bold** and *italic* spans.</summary>
    public static IEnumerable<Run> Runs(string text, int size, bool bold = false, bool italic = false)
    {
        var parts = System.Text.RegularExpressions.Regex.Split(text, @"(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)");
        foreach (var part in parts.Where(p => p.Length > 0))
        {
            if (part.Length > 4 && part.StartsWith("**", StringComparison.Ordinal) && part.EndsWith("**", StringComparison.Ordinal))
            {
                yield return Run(part[2..^2], size, bold: true, italic);
            }
            else if (part.Length > 2 && part[0] == '*' && part[^1] == '*')
            {
                yield return Run(part[1..^1], size, bold, italic: true);
            }
            else
            {
                yield return Run(part, size, bold, italic);
            }
        }
    }

    /// <summary>A non-breaking space before the last word, so a paragraph never ends with one word alone on its line.</summary>
    public static string NoRunt(string text)
    {
        var last = text.LastIndexOf(' ');
        return last > 0 && text.Count(c => c == ' ') >= 4 && text.Length - last < 16 ? text[..last] + '\u00A0' + text[(last + 1)..] : text;
    }

    /// <summary>Centred text with no space after, as in the header block.</summary>
    public static Paragraph Centered(string text, int size, bool bold = false, bool italic = false, int after = 0) =>
        Paragraph(JustificationValues.Center, after, 0, Run(text, size, bold, italic));

    /// <summary>A solid rule of <paramref name="length"/> centred in a column of <paramref name="columnWidth"/>: a bordered empty paragraph.</summary>
    public static Paragraph Rule(int length, int columnWidth)
    {
        var indent = Math.Max(0, (columnWidth - length) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var properties = new ParagraphProperties
        {
            ParagraphBorders = new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6, Space = 1, Color = "000000" }),
            SpacingBetweenLines = new SpacingBetweenLines { Before = "0", After = "60", Line = "40", LineRule = LineSpacingRuleValues.Exact },
            Indentation = new Indentation { Left = indent, Right = indent },
            Justification = new Justification { Val = JustificationValues.Center },
        };
        return new Paragraph(properties, Run(string.Empty, 4));
    }

    /// <summary>A table without borders, of the given column widths, for side-by-side blocks.</summary>
    public static Table Layout(params int[] widths) => NewTable(widths, borders: false);

    /// <summary>A table with single borders (agenda, lists).</summary>
    public static Table Grid(params int[] widths) => NewTable(widths, borders: true);

    private static Table NewTable(int[] widths, bool borders)
    {
        var value = borders ? BorderValues.Single : BorderValues.None;
        var size = borders ? 4u : 0u;
        var table = new Table(new TableProperties(
            new TableWidth { Width = widths.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableBorders(
                new TopBorder { Val = value, Size = size }, new LeftBorder { Val = value, Size = size },
                new BottomBorder { Val = value, Size = size }, new RightBorder { Val = value, Size = size },
                new InsideHorizontalBorder { Val = value, Size = size }, new InsideVerticalBorder { Val = value, Size = size }),
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableCellMarginDefault(
                new TableCellLeftMargin { Width = borders ? (short)100 : (short)0, Type = TableWidthValues.Dxa },
                new TableCellRightMargin { Width = borders ? (short)100 : (short)0, Type = TableWidthValues.Dxa })));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        return table;
    }

    /// <summary>A row of cells, each holding its paragraphs (a cell needs at least one).</summary>
    public static TableRow Row(int[] widths, params IEnumerable<Paragraph>[] cells)
    {
        // A row never splits across pages: an agenda line or the signature block stays whole.
        var row = new TableRow(new TableRowProperties(new CantSplit()));
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }));
            var paragraphs = cells[i].ToList();
            cell.Append(paragraphs.Count > 0 ? paragraphs : [Centered(string.Empty, BodySize)]);
            row.Append(cell);
        }

        return row;
    }

    /// <summary>Marks a row as the table's header, repeated on every page.</summary>
    public static TableRow AsHeader(this TableRow row)
    {
        row.GetFirstChild<TableRowProperties>()!.Append(new TableHeader());
        return row;
    }
}
