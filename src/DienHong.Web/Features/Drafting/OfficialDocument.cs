using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using static DienHong.Features.Drafting.DocumentLayout;

namespace DienHong.Features.Drafting;

/// <summary>
/// A DOCX being written in the state's format: the heading block, the type and summary, body
/// paragraphs, the recipients and signature block, page numbers from page 2. Generators add their
/// sections between <see cref="AddHeading"/> and <see cref="AddRecipientsAndSignature"/>.
/// </summary>
public sealed class OfficialDocument : IDisposable
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private readonly MemoryStream stream = new();
    private readonly WordprocessingDocument package;
    private readonly Body body = new();
    private bool finished;

    public OfficialDocument()
    {
        package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        var main = package.AddMainDocumentPart();
        main.Document = new Document(body);
        AddDefaultStyle(main);
    }

    public Body Body => body;

    public MainDocumentPart MainPart => package.MainDocumentPart!;

    public static string Upper(string text) => text.ToUpper(Vietnamese);

    /// <summary>
    /// The heading block: issuing body (under its parent) and number on the left, national title,
    /// motto and the place and date on the right. A letter's "V/v …" summary goes under its number.
    /// </summary>
    public void AddHeading(DocumentHeading heading, string? letterSummary = null)
    {
        int[] widths = [LeftColumn, RightColumn];
        var left = new List<Paragraph>();
        if (!string.IsNullOrWhiteSpace(heading.ParentBody))
        {
            left.Add(Centered(Upper(heading.ParentBody), BodyNameSize));
        }

        left.Add(Centered(Upper(heading.IssuingBody), BodyNameSize, bold: true));
        var longest = Upper(heading.IssuingBody).Split('\n').Max(l => l.Length);
        left.Add(Rule(EstimateWidth(new string('M', longest), BodyNameSize, boldCapitals: true) * 2 / 5, LeftColumn));

        var right = new List<Paragraph>
        {
            Centered(NationalTitle, NationalTitleSize, bold: true),
            Centered(Motto, MottoSize, bold: true),
            Rule(EstimateWidth(Motto, MottoSize) + 200, RightColumn),
        };
        var table = Layout(widths);
        table.Append(Row(widths, left, right));

        var number = new List<Paragraph> { Centered("Số: " + (heading.Symbol ?? "     /"), NumberSize, after: 60) };
        if (!string.IsNullOrWhiteSpace(letterSummary))
        {
            number.Add(Centered(letterSummary, LetterSummarySize));
        }

        var placeAndDate = new List<Paragraph> { Centered(VietnameseDates.PlaceAndDate(heading.Place, heading.IssuedOn), PlaceDateSize, italic: true) };
        table.Append(Row(widths, number, placeAndDate));
        body.Append(table);
        body.Append(Centered(string.Empty, BodySize, after: 120));
    }

    /// <summary>"KẾ HOẠCH" and its summary in bold, with a short rule under them.</summary>
    public void AddTitle(string documentType, string? summary)
    {
        body.Append(Centered(Upper(documentType), TypeSize, bold: true));
        if (!string.IsNullOrWhiteSpace(summary))
        {
            body.Append(Centered(summary, SummarySize, bold: true));
        }

        body.Append(Rule(1800, TextWidth));
        body.Append(Centered(string.Empty, BodySize, after: 60));
    }

    public void AddParagraph(string text, bool bold = false, bool italic = false) => body.Append(Body(text, bold, italic));

    /// <summary>A section heading ("I. MỤC ĐÍCH, YÊU CẦU"), kept with what follows.</summary>
    public void AddSectionHeading(string text)
    {
        var paragraph = Body(text, bold: true);
        paragraph.ParagraphProperties!.KeepNext = new KeepNext();
        body.Append(paragraph);
    }

    /// <summary>A bordered table with a bold header row repeated on each page.</summary>
    public void AddTable(int[] widths, string[] headers, IEnumerable<string[]> rows, bool firstColumnCentered = true)
    {
        var table = Grid(widths);
        table.Append(Row(widths, [.. headers.Select(h => new[] { Centered(h, BodySize - 2, bold: true) })]).AsHeader());
        foreach (var row in rows)
        {
            table.Append(Row(widths, [.. row.Select((cell, i) => new[]
            {
                i == 0 && firstColumnCentered
                    ? Centered(cell, BodySize - 2)
                    : Paragraph(JustificationValues.Left, 0, 0, Run(cell, BodySize - 2)),
            })]));
        }

        body.Append(table);
        body.Append(Centered(string.Empty, BodySize, after: 60));
    }

    /// <summary>
    /// "Nơi nhận:" on the left (a letter's list opens "- Như trên;", the last line is the archive
    /// line), the signature block on the right.
    /// </summary>
    public void AddRecipientsAndSignature(IEnumerable<string> recipients, string archiveLine, SignatureBlock signature, bool startsWithAsAbove = false)
    {
        int[] widths = [LeftColumn + 400, RightColumn - 400];
        var left = new List<Paragraph>
        {
            Paragraph(JustificationValues.Left, 0, 0, Run("Nơi nhận:", RecipientsLabelSize, bold: true, italic: true)),
        };
        var lines = (startsWithAsAbove ? ["Như trên"] : Array.Empty<string>()).Concat(recipients.Where(r => !string.IsNullOrWhiteSpace(r))).ToList();
        left.AddRange(lines.Select(line => Paragraph(JustificationValues.Left, 0, 0, Run($"- {line.TrimEnd(';', '.', ' ')};", RecipientsSize))));
        left.Add(Paragraph(JustificationValues.Left, 0, 0, Run($"- {archiveLine.TrimEnd('.', ';', ' ')}.", RecipientsSize)));

        var right = signature.AuthorityLines.Select(line => Centered(line, SignerSize, bold: true)).ToList();
        right.Add(Centered(signature.Title, SignerSize, bold: true));
        right.AddRange(Enumerable.Range(0, 4).Select(_ => Centered(string.Empty, SignerSize)));
        right.Add(Centered(signature.Name, SignerSize, bold: true));

        var table = Layout(widths);
        table.Append(Row(widths, left, right));
        body.Append(Centered(string.Empty, BodySize, after: 60));
        body.Append(table);
    }

    /// <summary>Page setup and numbering, then the file's bytes. Page numbers sit centred in the top margin from page 2.</summary>
    public byte[] ToBytes(bool landscapeA3 = false, bool pageNumbers = true)
    {
        if (!finished)
        {
            finished = true;
            var section = new SectionProperties();
            if (pageNumbers)
            {
                var numbered = MainPart.AddNewPart<HeaderPart>();
                numbered.Header = new Header(PageNumberParagraph());
                var first = MainPart.AddNewPart<HeaderPart>();
                first.Header = new Header(Centered(string.Empty, PageNumberSize));
                section.Append(
                    new HeaderReference { Type = HeaderFooterValues.Default, Id = MainPart.GetIdOfPart(numbered) },
                    new HeaderReference { Type = HeaderFooterValues.First, Id = MainPart.GetIdOfPart(first) });
            }

            section.Append(landscapeA3
                ? new PageSize { Width = 23811, Height = 16838, Orient = PageOrientationValues.Landscape }
                : new PageSize { Width = PageWidth, Height = PageHeight });
            section.Append(landscapeA3
                ? new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 }
                : new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = (uint)MarginLeft, Right = (uint)MarginRight, Header = (uint)HeaderDistance, Footer = 567, Gutter = 0 });
            if (pageNumbers)
            {
                section.Append(new TitlePage());
            }

            body.Append(section);
            package.Dispose();
        }

        return stream.ToArray();
    }

    private static Paragraph PageNumberParagraph()
    {
        var paragraph = Centered(string.Empty, PageNumberSize);
        paragraph.Append(
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            Run("2", PageNumberSize),
            new Run(new FieldChar { FieldCharType = FieldCharValues.End }));
        return paragraph;
    }

    /// <summary>Times New Roman 14 pt black as the document default, so every part inherits it.</summary>
    private static void AddDefaultStyle(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = FontName, HighAnsi = FontName, ComplexScript = FontName, EastAsia = FontName },
                    new Color { Val = "000000" },
                    new FontSize { Val = BodySize.ToString(CultureInfo.InvariantCulture) },
                    new FontSizeComplexScript { Val = BodySize.ToString(CultureInfo.InvariantCulture) },
                    new Languages { Val = "vi-VN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "0", Line = LineSpacing.ToString(CultureInfo.InvariantCulture), LineRule = LineSpacingRuleValues.Auto }))));
    }

    public void Dispose()
    {
        if (!finished)
        {
            package.Dispose();
        }

        stream.Dispose();
    }
}
