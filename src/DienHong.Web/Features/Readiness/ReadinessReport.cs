using System.Globalization;
using DienHong.Features.Drafting;
using DienHong.Features.Localization;
using DienHong.Features.Text;

namespace DienHong.Features.Readiness;

/// <summary>
/// The readiness report for the leader's morning briefing: every site's state, in the Decree 30
/// layout (DOCX, not numbered: an internal report) and as a table (XLSX).
/// </summary>
public static class ReadinessReport
{
    public static byte[] Docx(ReadinessBoard board, DocumentHeading heading, SignatureBlock signature, IReadOnlyList<string> recipients, string archiveLine, DateTime now)
    {
        using var document = new OfficialDocument();
        document.AddHeading(heading);
        document.AddTitle("Báo cáo", $"Tình hình chuẩn bị các điểm cầu {board.Title}");
        document.AddParagraph($"Tính đến {VietnamTime.Format(now)}, {board.Summary.Text}.");
        if (board.Summary.TasksOpen > 0 || board.Tasks.Count > 0)
        {
            document.AddParagraph($"Nhiệm vụ của các cơ quan: {board.Tasks.Count - board.Summary.TasksOpen}/{board.Tasks.Count} đã hoàn thành"
                + (board.Summary.TasksOverdue > 0 ? $", {board.Summary.TasksOverdue} quá hạn." : "."));
        }

        document.AddSectionHeading("I. TÌNH HÌNH CÁC ĐIỂM CẦU");
        document.AddTable(
            [700, 3000, 1300, 2200, 1000, DocumentLayout.TextWidth - 8200],
            ["STT", "ĐIỂM CẦU", "DANH MỤC", "KIỂM TRA KẾT NỐI", "SỰ CỐ", "TÌNH TRẠNG"],
            board.Sites.Select((s, i) => new[] { (i + 1).ToString("00", CultureInfo.InvariantCulture), s.Name, ChecklistText(s), TestText(s), s.OpenIncidents == 0 ? "—" : s.OpenIncidents.ToString(CultureInfo.InvariantCulture), StateText(s) }));
        if (board.Sites.Any(s => !s.Ready))
        {
            document.AddSectionHeading("II. CÁC ĐIỂM CẦU CHƯA SẴN SÀNG");
            foreach (var site in board.Sites.Where(s => !s.Ready))
            {
                document.AddParagraph($"- {site.Name}: {Reasons(site)}" + (site.TechnicalContact is { } contact ? $" Cán bộ kỹ thuật: {contact}{(site.TechnicalPhone is { } phone ? ", " + phone : string.Empty)}." : string.Empty));
            }
        }

        if (board.Tasks.Count > 0)
        {
            document.AddSectionHeading(board.Sites.Any(s => !s.Ready) ? "III. NHIỆM VỤ CỦA CÁC CƠ QUAN" : "II. NHIỆM VỤ CỦA CÁC CƠ QUAN");
            document.AddTable(
                [700, 2600, 3400, DocumentLayout.TextWidth - 6700],
                ["STT", "CƠ QUAN", "NHIỆM VỤ", "TÌNH TRẠNG"],
                board.Tasks.Select((t, i) => new[] { (i + 1).ToString("00", CultureInfo.InvariantCulture), t.Assignee, t.Content, TaskText(t) }));
        }

        document.AddRecipientsAndSignature(recipients, archiveLine, signature);
        return document.ToBytes();
    }

    public static byte[] Xlsx(ReadinessBoard board) => MeetingSpreadsheets.Workbook(
        "Sẵn sàng",
        ["STT", "Điểm cầu", "Cấp", "Tình trạng", "Danh mục đạt", "Không đạt", "Chưa kiểm tra", "Giờ kiểm tra kết nối (kế hoạch)", "Kết quả kiểm tra", "Lúc", "Sự cố đang mở", "Trực tuyến", "Thành phần / sức chứa", "Cán bộ kỹ thuật", "Điện thoại"],
        [6, 48, 10, 22, 12, 10, 12, 18, 14, 18, 10, 10, 14, 28, 16],
        board.Sites.Select((s, i) => new[]
        {
            (i + 1).ToString(CultureInfo.InvariantCulture), s.Name, Labels.Of(s.Level), StateText(s),
            $"{s.Checklist.Passed}/{s.Checklist.Applicable}", s.Checklist.Failed.ToString(CultureInfo.InvariantCulture), s.Checklist.Unchecked.ToString(CultureInfo.InvariantCulture),
            s.TestPlannedAt is { } planned ? VietnamTime.Format(planned) : "", s.LastTestResult is { } r ? Labels.Of(r) : "", s.LastTestAt is { } at ? VietnamTime.Format(at) : "",
            s.OpenIncidents.ToString(CultureInfo.InvariantCulture), s.Online ? "Có" : "Không", $"{s.Participants}/{s.Capacity}", s.TechnicalContact ?? "", s.TechnicalPhone ?? "",
        }));

    public static string StateText(SiteTile site) => site.Ready ? "Sẵn sàng" : site.TestOverdue ? "Chưa sẵn sàng (quá hạn kiểm tra kết nối)" : "Chưa sẵn sàng";

    private static string ChecklistText(SiteTile s) =>
        $"{s.Checklist.Passed}/{s.Checklist.Applicable} đạt" + (s.Checklist.Failed > 0 ? $", {s.Checklist.Failed} không đạt" : string.Empty);

    private static string TestText(SiteTile s) => s.LastTestResult switch
    {
        TestResult.Passed => $"Đạt ({VietnamTime.Format(s.LastTestAt!.Value)})",
        TestResult.Failed => $"Không đạt ({VietnamTime.Format(s.LastTestAt!.Value)})",
        _ => s.TestOverdue ? "Chưa kiểm tra (quá hạn)" : "Chưa kiểm tra",
    };

    private static string Reasons(SiteTile s)
    {
        var reasons = new List<string>();
        if (s.Checklist.Failed > 0)
        {
            reasons.Add($"{s.Checklist.Failed} mục không đạt");
        }

        if (s.Checklist.Unchecked > 0)
        {
            reasons.Add($"{s.Checklist.Unchecked} mục chưa kiểm tra");
        }

        reasons.Add(s.LastTestResult switch
        {
            TestResult.Passed => "",
            TestResult.Failed => "kiểm tra kết nối lần gần nhất không đạt",
            _ => s.TestOverdue ? "chưa kiểm tra kết nối, đã quá giờ kế hoạch" : "chưa kiểm tra kết nối",
        });
        if (s.OpenIncidents > 0)
        {
            reasons.Add($"{s.OpenIncidents} sự cố chưa khắc phục");
        }

        return string.Join("; ", reasons.Where(r => r.Length > 0)) + ".";
    }

    private static string TaskText(TaskTile t) => t.Status == Assignments.AssignmentStatus.Done
        ? "Hoàn thành" + (t.CompletedAt is { } at ? $" ({VietnamTime.Format(at)})" : string.Empty) + (t.CompletionNote is { } note ? $": {note}" : string.Empty)
        : (t.Overdue ? "Quá hạn" : "Chưa hoàn thành") + (t.Deadline is { } d ? $", hạn {VietnameseDates.Short(d)}" : string.Empty);
}
