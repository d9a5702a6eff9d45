using System.IO.Compression;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Text;
using DocumentFormat.OpenXml.Wordprocessing;
using QRCoder;

namespace DienHong.Features.Drafting;

/// <summary>One invitation: who is invited (at their site) and the check-in code their QR carries.</summary>
public sealed record Invitee(Participant Participant, string CheckInCode);

/// <summary>
/// Invitations (Giấy mời), one page each, in one DOCX: who is invited, what, when, at which site and
/// room, and a QR code with the check-in code the site console scans.
/// </summary>
public static class InvitationDocument
{
    public static byte[] Generate(Meeting meeting, DocumentHeading heading, DocumentWording wording, SignatureBlock signature, string archiveLine, IReadOnlyList<Invitee> invitees)
    {
        using var document = new OfficialDocument();
        using var qr = new QRCodeGenerator();
        var start = VietnamTime.ToLocal(meeting.StartsAt);
        var when = $"{VietnameseDates.Time(TimeOnly.FromDateTime(start))}, {VietnameseDates.Weekday(DateOnly.FromDateTime(start))}, ngày {VietnameseDates.Short(DateOnly.FromDateTime(start))}";
        for (var i = 0; i < invitees.Count; i++)
        {
            var (participant, code) = invitees[i];
            if (i > 0)
            {
                document.Body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
            }

            document.AddHeading(heading);
            document.AddTitle("Giấy mời", wording.Summary);
            document.Body.Append(DocumentLayout.Centered("Kính gửi: " + Addressee(participant), DocumentLayout.BodySize, bold: true, after: 120));
            foreach (var line in wording.Introduction)
            {
                document.AddParagraph(line);
            }

            document.AddParagraph($"Thời gian: {when}.");
            var site = participant.Site;
            document.AddParagraph(site is null ? "Địa điểm: theo thông báo của Ban tổ chức." : $"Địa điểm: {site.Room ?? site.Name} (điểm cầu {site.Name}).");
            foreach (var line in wording.Closing)
            {
                document.AddParagraph(line);
            }

            var png = new PngByteQRCode(qr.CreateQrCode(code, QRCodeGenerator.ECCLevel.M)).GetGraphic(6);
            var qrParagraph = DocumentLayout.Centered(string.Empty, DocumentLayout.BodySize);
            qrParagraph.Append(DocxImage.InlinePng(document.MainPart, png, 3.0, (uint)(i + 1)));
            document.Body.Append(qrParagraph);
            // The QR carries the signed code; the page shows a short reference a person can read out.
            document.Body.Append(DocumentLayout.Centered($"Mã điểm danh: {meeting.Id}-{participant.Id:00000}", DocumentLayout.RecipientsSize, italic: true, after: 60));
            document.AddRecipientsAndSignature([], archiveLine, signature, startsWithAsAbove: true);
        }

        return document.ToBytes();
    }

    /// <summary>The same invitations as one DOCX per invitee in a ZIP, named by number and addressee.</summary>
    public static byte[] Zip(Meeting meeting, DocumentHeading heading, DocumentWording wording, SignatureBlock signature, string archiveLine, IReadOnlyList<Invitee> invitees)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < invitees.Count; i++)
            {
                var name = Issuing.FileNames.Slug(invitees[i].Participant.PersonName ?? invitees[i].Participant.DisplayName);
                using var entry = archive.CreateEntry($"{i + 1:0000}-{name}.docx", CompressionLevel.Fastest).Open();
                entry.Write(Generate(meeting, heading, wording, signature, archiveLine, [invitees[i]]));
            }
        }

        return zip.ToArray();
    }

    /// <summary>"Ông/Bà Phan Viết Lượng, Đại biểu Quốc hội" or "Đại diện lãnh đạo Sở Y tế".</summary>
    public static string Addressee(Participant participant) =>
        participant.PersonName is { } name
            ? "Ông/Bà " + name + (string.IsNullOrWhiteSpace(participant.Title) ? string.Empty : ", " + participant.Title)
            : participant.DisplayName;
}
