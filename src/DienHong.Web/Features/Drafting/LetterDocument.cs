using DienHong.Features.Meetings;

namespace DienHong.Features.Drafting;

/// <summary>
/// The official letter (Công văn) of seed 004: "V/v …" under the number, "Kính gửi:" the agencies,
/// the tasks numbered per agency, the backdrop text where sites must prepare it, the contact line,
/// "Nơi nhận" opening "- Như trên;".
/// </summary>
public static class LetterDocument
{
    public static byte[] Generate(Meeting meeting, DocumentHeading heading, DocumentWording wording, SignatureBlock signature, string archiveLine)
    {
        using var document = new OfficialDocument();
        document.AddHeading(heading, wording.Summary);
        var addressees = wording.Addressees;
        document.Body.Append(DocumentLayout.Paragraph(DocumentFormat.OpenXml.Wordprocessing.JustificationValues.Center, 120, 0,
            DocumentLayout.Run(addressees.Count == 1 ? "Kính gửi: " + addressees[0] : "Kính gửi:", DocumentLayout.BodySize)));
        if (addressees.Count > 1)
        {
            foreach (var addressee in addressees)
            {
                document.Body.Append(DocumentLayout.Indented($"- {addressee};", 2835, DocumentLayout.BodySize));
            }

            document.Body.Append(DocumentLayout.Centered(string.Empty, DocumentLayout.BodySize, after: 60));
        }

        foreach (var line in wording.Introduction)
        {
            document.AddParagraph(line);
        }

        var number = 1;
        foreach (var group in meeting.Assignments.GroupBy(a => a.Assignee))
        {
            document.AddParagraph($"{number++}. {group.Key}", bold: true);
            foreach (var task in group)
            {
                document.AddParagraph($"- {task.Content.TrimEnd('.', ';')}.");
            }
        }

        if (meeting.Sites.FirstOrDefault(s => s.IsHost) is { } host)
        {
            document.AddParagraph("Nội dung maket tại phòng họp như sau:");
            foreach (var line in BackdropText.For(meeting, host))
            {
                document.Body.Append(DocumentLayout.Centered(line.Text, DocumentLayout.BodySize, bold: line.Kind != BackdropLineKind.DateLine, italic: line.Kind == BackdropLineKind.DateLine, after: 60));
            }
        }

        var closing = string.Join(" ", wording.Closing).TrimEnd('.', '/', ' ');
        var contact = string.IsNullOrWhiteSpace(wording.ContactLine) ? string.Empty : $" (thông tin liên hệ: {wording.ContactLine})";
        document.AddParagraph($"{closing}{contact}./.");
        document.AddRecipientsAndSignature(meeting.Recipients.OrderBy(r => r.Order).Select(r => r.Name), archiveLine, signature, startsWithAsAbove: true);
        return document.ToBytes();
    }
}
