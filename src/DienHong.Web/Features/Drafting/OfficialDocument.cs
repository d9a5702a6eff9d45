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
    private uint images;

    public OfficialDocument()
    {
        package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        var main = package.AddMainDocumentPart();
        main.Document = new Document(body);
        AddDefaultStyle(main);
    }

    public Body Body => body;

    public MainDocumentPart MainPart => package.MainDocumentPart!;

    /// <summary>A centred QR code of <paramref name="address"/>, <paramref name="sizeCm"/> wide, in a new paragraph (readable when printed: 6 px per module, error correction M).</summary>
    public Paragraph QrParagraph(string address, double sizeCm, int after = 0)
    {
        var paragraph = Centered(string.Empty, BodySize, after: after);
        paragraph.Append(DocxImage.InlinePng(MainPart, DocxImage.QrPng(address), sizeCm, ++images));
        return paragraph;
    }

    /// <summary>An image's drawing id, unique in this document.</summary>
    public uint NextImageId() => ++images;

    public static string Upper(string text) => text.ToUpper(Vietnamese);

    /// <summary>
    /// The heading block: issuing body (under its parent) and number on the left, national title,
    /// motto and the place and date on the right. A letter's "V/v …" summary goes under its number.
    /// Names break only where the office put a line break or, if too wide, once at a balanced place.
    /// </summary>
    public void AddHeading(DocumentHeading heading, string? letterSummary = null)
    {
        int[] widths = [LeftColumn, RightColumn];
        var left = new List<Paragraph>();
        if (!string.IsNullOrWhiteSpace(heading.ParentBody))
        {
            left.AddRange(HeadingLines(Upper(heading.ParentBody), BodyNameSize, false, LeftColumn).Select(l => Centered(l, BodyNameSize)));
        }

        var issuing = HeadingLines(Upper(heading.IssuingBody), BodyNameSize, true, LeftColumn);
        left.AddRange(issuing.Select(l => Centered(l, BodyNameSize, bold: true)));
        left.Add(Rule(Math.Min(LeftColumn - 400, issuing.Max(l => MeasureWidth(l, BodyNameSize, bold: true)) / 2), LeftColumn));

        var right = new List<Paragraph>
        {
            Centered(NationalTitle, NationalTitleSize, bold: true),
            Centered(Motto, MottoSize, bold: true),
            Rule(MeasureWidth(Motto, MottoSize, bold: true), RightColumn),
        };

        // One row, read as offices read it (the left column, then the right); the number and the
        // place and date start on the same line whatever the number of name lines.
        var nameLines = left.Count - 1;
        left.AddRange(Enumerable.Range(0, Math.Max(0, 2 - nameLines)).Select(_ => Centered(string.Empty, BodyNameSize)));
        right.AddRange(Enumerable.Range(0, Math.Max(0, nameLines - 2)).Select(_ => Centered(string.Empty, BodyNameSize)));
        left.Add(Centered("Số: " + (heading.Symbol ?? "     /"), NumberSize, after: 60));
        if (!string.IsNullOrWhiteSpace(letterSummary))
        {
            left.Add(Centered(NoRunt(letterSummary), LetterSummarySize));
        }

        right.Add(Centered(VietnameseDates.PlaceAndDate(heading.Place, heading.IssuedOn), PlaceDateSize, italic: true));
        var table = Layout(widths);
        table.Append(Row(widths, left, right));
        body.Append(table);
        body.Append(Centered(string.Empty, BodySize, after: 120));
    }

    /// <summary>"KẾ HOẠCH" and its summary in bold, with a short rule under them.</summary>
    public void AddTitle(string documentType, string? summary)
    {
        body.Append(Centered(Upper(documentType), TypeSize, bold: true));
        if (!string.IsNullOrWhiteSpace(summary))
        {
            body.Append(Centered(NoRunt(summary), SummarySize, bold: true));
        }

        body.Append(Rule(1800, TextWidth));
        body.Append(Centered(string.Empty, BodySize, after: 60));
    }

    /// <summary>
    /// "Kính gửi:" and its addressees: one on the same line, several as a list beside the label,
    /// each ending ";" and the last ".".
    /// </summary>
    public void AddAddressees(IReadOnlyList<string> addressees)
    {
        if (addressees.Count == 0)
        {
            return;
        }

        if (addressees.Count == 1)
        {
            body.Append(Paragraph(JustificationValues.Center, 120, 0, Run("Kính gửi: " + addressees[0].TrimEnd(';', '.', ' ') + ".", BodySize)));
            return;
        }

        int[] widths = [2835, TextWidth - 2835 - 567];
        var label = Paragraph(JustificationValues.Right, 0, 0, Run("Kính gửi:", BodySize));
        label.ParagraphProperties!.Indentation = new Indentation { Right = "113" };
        var list = addressees.Select((a, i) => Paragraph(JustificationValues.Left, 0, 0, Run($"- {a.TrimEnd(';', '.', ' ')}{(i == addressees.Count - 1 ? "." : ";")}", BodySize))).ToList();
        var table = Layout(widths);
        table.Append(Row(widths, [label], list));
        body.Append(table);
        body.Append(Centered(string.Empty, BodySize, after: 120));
    }

    public void AddParagraph(string text, bool bold = false, bool italic = false) => body.Append(Body(text, bold, italic));

    /// <summary>A section heading ("I. MỤC ĐÍCH, YÊU CẦU"), kept with what follows.</summary>
    public void AddSectionHeading(string text)
    {
        var paragraph = Body(text, bold: true);
        paragraph.ParagraphProperties!.KeepNext = new KeepNext();
        body.Append(paragraph);
    }

    /// <summary>The body a template wrote: sections, paragraphs, centred quotes, tables (see <see cref="DocumentContent"/>).</summary>
    public void AddContent(IReadOnlyList<ContentBlock> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            switch (block.Kind)
            {
                case BlockKind.Section:
                case BlockKind.Subsection:
                    AddSectionHeading(block.Text);
                    break;
                case BlockKind.Centered:
                case BlockKind.CenteredBold:
                case BlockKind.CenteredItalic:
                    var centered = Paragraph(JustificationValues.Center, 40, 0, [.. Runs(block.Text, BodySize, block.Kind == BlockKind.CenteredBold, block.Kind == BlockKind.CenteredItalic)]);
                    // A quoted block (a backdrop's lines) stays together.
                    if (i + 1 < blocks.Count && blocks[i + 1].Kind is BlockKind.Centered or BlockKind.CenteredBold or BlockKind.CenteredItalic)
                    {
                        centered.ParagraphProperties!.KeepNext = new KeepNext();
                    }

                    body.Append(centered);
                    break;
                case BlockKind.QrCode:
                    var code = QrParagraph(block.Address!, 3.0);
                    code.ParagraphProperties!.KeepNext = new KeepNext();
                    body.Append(code);
                    body.Append(Centered(block.Text, RecipientsSize, italic: true, after: 60));
                    break;
                case BlockKind.TableRow:
                    var rows = blocks.Skip(i).TakeWhile(b => b.Kind == BlockKind.TableRow).Select(b => b.Cells!).ToList();
                    AddTable(ColumnWidths(rows), [.. rows[0]], rows.Skip(1).Select(r => r.ToArray()));
                    i += rows.Count - 1;
                    break;
                default:
                    AddParagraph(block.Text);
                    break;
            }
        }
    }

    /// <summary>A short first column (STT) gets 1.6 cm; the others share the rest by how much they hold.</summary>
    private static int[] ColumnWidths(List<IReadOnlyList<string>> rows)
    {
        var columns = rows.Max(r => r.Count);
        var first = rows.All(r => r.Count == 0 || r[0].Length <= 4) ? 900 : 0;
        var weights = Enumerable.Range(first > 0 ? 1 : 0, columns - (first > 0 ? 1 : 0))
            .Select(c => Math.Sqrt(Math.Max(8, rows.Max(r => c < r.Count ? r[c].Length : 0)))).ToList();
        var rest = TextWidth - first;
        var widths = weights.Select(w => (int)(rest * w / weights.Sum())).ToList();
        return first > 0 ? [first, .. widths] : [.. widths];
    }

    /// <summary>A bordered table with a bold header row repeated on each page; rows never split.</summary>
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
                    : Paragraph(JustificationValues.Left, 0, 0, Run(NoRunt(cell), BodySize - 2)),
            })]));
        }

        body.Append(table);
        body.Append(Centered(string.Empty, BodySize, after: 60));
    }

    /// <summary>
    /// "Nơi nhận:" on the left (a letter's list opens "- Như trên;", the last line is the archive
    /// line), the signature block on the right. The block is one unsplittable row, and the paragraph
    /// before it is kept with it, so no page holds only the tail.
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

        var right = SignatureParagraphs(signature, 0);
        KeepLastWithNext();
        var spacer = Centered(string.Empty, BodySize, after: 60);
        spacer.ParagraphProperties!.KeepNext = new KeepNext();
        body.Append(spacer);
        var table = Layout(widths);
        table.Append(Row(widths, left, right));
        body.Append(table);
    }

    /// <summary>Two signers side by side (minutes: secretary and chair), their names on the same line.</summary>
    public void AddSignaturesSideBySide(SignatureBlock left, SignatureBlock right)
    {
        var lines = Math.Max(left.AuthorityLines.Count, right.AuthorityLines.Count);
        int[] widths = [TextWidth / 2, TextWidth - (TextWidth / 2)];
        KeepLastWithNext();
        var table = Layout(widths);
        table.Append(Row(widths, SignatureParagraphs(left, lines), SignatureParagraphs(right, lines)));
        body.Append(table);
    }

    /// <summary>A signature block; <paramref name="authorityLines"/> pads the top so blocks side by side align.</summary>
    private static List<Paragraph> SignatureParagraphs(SignatureBlock signature, int authorityLines)
    {
        var paragraphs = Enumerable.Range(0, Math.Max(0, authorityLines - signature.AuthorityLines.Count)).Select(_ => Centered(string.Empty, SignerSize)).ToList();
        paragraphs.AddRange(signature.AuthorityLines.Select(line => Centered(line, SignerSize, bold: true)));
        paragraphs.Add(Centered(signature.Title, SignerSize, bold: true));
        paragraphs.AddRange(Enumerable.Range(0, 4).Select(_ => Centered(string.Empty, SignerSize)));
        paragraphs.Add(Centered(signature.Name, SignerSize, bold: true));
        return paragraphs;
    }

    /// <summary>The body's last paragraph moves with the block that follows it.</summary>
    private void KeepLastWithNext()
    {
        if (body.LastChild is Paragraph last)
        {
            last.ParagraphProperties ??= new ParagraphProperties();
            last.ParagraphProperties.KeepNext = new KeepNext();
        }
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
