namespace DienHong.Features.Drafting;

/// <summary>What minutes record; the live room will fill it from its record of the meeting.</summary>
public sealed record MinutesRecord(
    string MeetingTitle,
    DateTime StartedAt,
    DateTime? EndedAt,
    string Place,
    string Chair,
    string Secretary,
    IReadOnlyList<(string Site, int Present, int Capacity)> Attendance,
    IReadOnlyList<(string Item, string Summary)> Proceedings,
    string? Conclusion);

/// <summary>
/// Minutes (Biên bản) from a <see cref="MinutesRecord"/>. The hook the live room fills: until it
/// exists, an office can type the record itself.
/// </summary>
public static class MinutesDocument
{
    public static byte[] Generate(MinutesRecord record, DocumentHeading heading, SignatureBlock secretarySignature, SignatureBlock chairSignature)
    {
        using var document = new OfficialDocument();
        document.AddHeading(heading);
        document.AddTitle("Biên bản", record.MeetingTitle);
        var start = Text.VietnamTime.ToLocal(record.StartedAt);
        document.AddParagraph($"Thời gian: bắt đầu lúc {VietnameseDates.Time(TimeOnly.FromDateTime(start))}, {VietnameseDates.Long(DateOnly.FromDateTime(start))}.");
        document.AddParagraph($"Địa điểm: {record.Place}.");
        document.AddParagraph($"Chủ trì: {record.Chair}. Thư ký: {record.Secretary}.");
        if (record.Attendance.Count > 0)
        {
            document.AddSectionHeading("I. THÀNH PHẦN THAM DỰ");
            document.AddTable(
                [900, 5500, DocumentLayout.TextWidth - 6400],
                ["STT", "ĐIỂM CẦU", "CÓ MẶT / SỨC CHỨA"],
                record.Attendance.Select((a, i) => new[] { (i + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture), a.Site, $"{a.Present}/{a.Capacity}" }));
        }

        document.AddSectionHeading("II. DIỄN BIẾN");
        foreach (var (item, summary) in record.Proceedings)
        {
            document.AddParagraph(item, bold: true);
            document.AddParagraph(summary);
        }

        if (!string.IsNullOrWhiteSpace(record.Conclusion))
        {
            document.AddSectionHeading("III. KẾT LUẬN");
            document.AddParagraph(record.Conclusion);
        }

        if (record.EndedAt is { } ended)
        {
            var end = Text.VietnamTime.ToLocal(ended);
            document.AddParagraph($"Cuộc họp kết thúc lúc {VietnameseDates.Time(TimeOnly.FromDateTime(end))} cùng ngày./.");
        }

        int[] widths = [DocumentLayout.TextWidth / 2, DocumentLayout.TextWidth - (DocumentLayout.TextWidth / 2)];
        var table = DocumentLayout.Layout(widths);
        table.Append(DocumentLayout.Row(widths, SignatureParagraphs(secretarySignature), SignatureParagraphs(chairSignature)));
        document.Body.Append(table);
        return document.ToBytes();
    }

    private static IEnumerable<DocumentFormat.OpenXml.Wordprocessing.Paragraph> SignatureParagraphs(SignatureBlock signature) =>
        [.. signature.AuthorityLines.Append(signature.Title).Select(l => DocumentLayout.Centered(l, DocumentLayout.SignerSize, bold: true)),
         .. Enumerable.Range(0, 4).Select(_ => DocumentLayout.Centered(string.Empty, DocumentLayout.SignerSize)),
         DocumentLayout.Centered(signature.Name, DocumentLayout.SignerSize, bold: true)];
}
