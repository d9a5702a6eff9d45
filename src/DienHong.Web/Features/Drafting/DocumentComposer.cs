using DienHong.Features.Issuing;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DienHong.Features.Drafting;

/// <summary>
/// Lays out what a wording template wrote in the state's format: the heading block, the type and
/// summary (a letter's "V/v …" under its number and its "Kính gửi"), the body, then "Nơi nhận" and
/// the signer. The same for every kind; the kind decides only those framing parts.
/// </summary>
public static class DocumentComposer
{
    public static byte[] Compose(DocumentKind kind, DocumentContent content, DocumentHeading heading, SignatureBlock signature, string archiveLine)
    {
        using var document = new OfficialDocument();
        AddPage(document, kind, content, heading, signature, archiveLine);
        return document.ToBytes();
    }

    /// <summary>Each invitee's page: the invitation template rendered for them, their QR code (the signed check-in code) and a reference to read out.</summary>
    public static List<(DocumentContent Content, byte[] QrPng, string Reference)> InvitationPages(string template, DocumentModel model, IEnumerable<(InviteeView View, string CheckInCode)> invitees) =>
        [.. invitees.Select(i => (
            DocumentContent.Parse(WordingTemplates.Render(template, model with { Invitee = i.View })),
            DocxImage.QrPng(i.CheckInCode),
            i.View.CheckInReference))];

    /// <summary>Invitations, one page each in one file, each with its QR code and a reference a person can read out.</summary>
    public static byte[] Invitations(IReadOnlyList<(DocumentContent Content, byte[] QrPng, string Reference)> pages, DocumentHeading heading, SignatureBlock signature, string archiveLine)
    {
        using var document = new OfficialDocument();
        for (var i = 0; i < pages.Count; i++)
        {
            if (i > 0)
            {
                document.Body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
            }

            var (content, qr, reference) = pages[i];
            document.AddHeading(heading);
            document.AddTitle(DocumentIssuer.KindName(DocumentKind.Invitation), content.Summary);
            document.AddAddressees(content.To);
            document.AddContent([.. content.Blocks.Where(b => b.Kind != BlockKind.QrCode)]);
            var checkIn = DocumentLayout.Centered(string.Empty, DocumentLayout.BodySize);
            checkIn.Append(DocxImage.InlinePng(document.MainPart, qr, 3.0, document.NextImageId()));
            List<Paragraph[]> codes = [[checkIn, DocumentLayout.Centered(reference, DocumentLayout.RecipientsSize, italic: true, after: 60)]];
            // A code the template adds (the petition page) stands beside the check-in code, each under its own caption.
            codes.AddRange(content.Blocks.Where(b => b.Kind == BlockKind.QrCode).Select(b => new[]
            {
                document.QrParagraph(b.Address!, 3.0),
                DocumentLayout.Centered(b.Text, DocumentLayout.RecipientsSize, italic: true, after: 60),
            }));
            var widths = Enumerable.Repeat(DocumentLayout.TextWidth / codes.Count, codes.Count).ToArray();
            var row = DocumentLayout.Layout(widths);
            row.Append(DocumentLayout.Row(widths, [.. codes]));
            document.Body.Append(row);
            document.AddRecipientsAndSignature(content.Copies, archiveLine, signature);
        }

        return document.ToBytes();
    }

    /// <summary>Minutes: the record's body, then the secretary and the chair side by side.</summary>
    public static byte[] Minutes(DocumentContent content, DocumentHeading heading, SignatureBlock secretary, SignatureBlock chair)
    {
        using var document = new OfficialDocument();
        document.AddHeading(heading);
        document.AddTitle(DocumentIssuer.KindName(DocumentKind.Minutes), content.Summary);
        document.AddContent(content.Blocks);
        document.AddSignaturesSideBySide(secretary, chair);
        return document.ToBytes();
    }

    /// <summary>
    /// A counting record (biên bản kiểm phiếu): the count, then the counting committee signing —
    /// its members on the left, its head on the right.
    /// </summary>
    public static byte[] CountingRecord(DocumentContent content, DocumentHeading heading, IReadOnlyList<string> committee)
    {
        using var document = new OfficialDocument();
        document.AddHeading(heading);
        document.AddTitle(DocumentIssuer.KindName(DocumentKind.CountingRecord), content.Summary);
        document.AddContent(content.Blocks);
        var head = committee.Count > 0 ? committee[0] : string.Empty;
        var members = string.Join("; ", committee.Skip(1));
        document.AddSignaturesSideBySide(new SignatureBlock([], "CÁC THÀNH VIÊN", members), new SignatureBlock([], "TRƯỞNG BAN KIỂM PHIẾU", head));
        return document.ToBytes();
    }

    private static void AddPage(OfficialDocument document, DocumentKind kind, DocumentContent content, DocumentHeading heading, SignatureBlock signature, string archiveLine)
    {
        if (kind == DocumentKind.Letter)
        {
            document.AddHeading(heading, content.Summary);
            document.AddAddressees(content.To);
        }
        else
        {
            document.AddHeading(heading);
            document.AddTitle(DocumentIssuer.KindName(kind), content.Summary);
            document.AddAddressees(content.To);
        }

        document.AddContent(content.Blocks);
        document.AddRecipientsAndSignature(content.Copies, archiveLine, signature, startsWithAsAbove: kind == DocumentKind.Letter && content.To.Count > 0);
    }
}
