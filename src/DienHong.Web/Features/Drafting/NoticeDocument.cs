using DienHong.Features.Meetings;

namespace DienHong.Features.Drafting;

/// <summary>A notice (Thông báo): what, when, where, the agenda, then recipients and signer.</summary>
public static class NoticeDocument
{
    public static byte[] Generate(Meeting meeting, DocumentHeading heading, DocumentWording wording, SignatureBlock signature, string archiveLine)
    {
        using var document = new OfficialDocument();
        document.AddHeading(heading);
        document.AddTitle("Thông báo", wording.Summary);
        foreach (var line in wording.Introduction)
        {
            document.AddParagraph(line);
        }

        if (meeting.Sites.FirstOrDefault(s => s.IsHost) is { } host)
        {
            var others = meeting.Sites.Count - 1;
            document.AddParagraph($"Địa điểm: điểm cầu trung tâm tại {host.Room ?? host.Name}" + (others > 0 ? $", kết nối {others:00} điểm cầu." : "."));
        }

        if (meeting.AgendaItems.Count > 0)
        {
            document.AddParagraph("Nội dung:");
            foreach (var item in meeting.AgendaItems.OrderBy(a => a.Order))
            {
                document.AddParagraph($"{item.Order}. {item.Content.TrimEnd('.')}" + (item.Presenter is { } by ? $" ({by})." : "."));
            }
        }

        foreach (var line in wording.Closing)
        {
            document.AddParagraph(line);
        }

        document.AddRecipientsAndSignature(meeting.Recipients.OrderBy(r => r.Order).Select(r => r.Name), archiveLine, signature);
        return document.ToBytes();
    }
}
