using System.Globalization;
using DienHong.Data;
using DienHong.Features.Drafting;
using DienHong.Features.Meetings;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Petitions;

/// <summary>A recommendation as the reports print it.</summary>
public sealed record ReportItem(
    int Id, string Content, string? Field, CompetenceLevel? Level, string? Agency, RecommendationStatus Status, bool Published,
    IReadOnlyList<ReportPetition> Petitions, IReadOnlyList<ReportReferral> Referrals);

public sealed record ReportPetition(string TrackingCode, DateTime RecordedAt, PetitionChannel Channel, string? Place, string? VoterName, string? VoterAddress, string Content);

public sealed record ReportReferral(string Agency, DateOnly Deadline, ReferralStatus Status, DateTime? AnsweredAt, string? AnswerText, string? ReturnReason);

/// <summary>
/// The reports the delegation sends: the summary of petitions grouped by competence and field with
/// counts (DOCX in the Decree 30 layout of Drafting, PDF through LibreOffice), the report of answers
/// received, and an XLSX of everything.
/// </summary>
public static class PetitionReports
{
    private static readonly string[] Roman = ["I", "II", "III", "IV", "V", "VI"];

    public static async Task<List<ReportItem>> LoadAsync(IQueryable<Recommendation> recommendations, CancellationToken cancellationToken = default)
    {
        var rows = await recommendations.AsNoTracking().AsSplitQuery()
            .OrderBy(r => r.Id)
            .Select(r => new ReportItem(
                r.Id, r.Content, r.Field!.Name, r.Level, r.Agency!.Name, r.Status, r.IsPublished,
                r.Petitions.OrderBy(p => p.Id).Select(p => new ReportPetition(
                    p.TrackingCode, p.RecordedAt, p.Channel, p.Site != null ? p.Site.Name : p.AdministrativeUnit != null ? p.AdministrativeUnit.Name : null,
                    p.VoterName, p.VoterAddress, p.Content)).ToList(),
                r.Referrals.OrderBy(f => f.Id).Select(f => new ReportReferral(f.Agency!.Name, f.Deadline, f.Status, f.AnsweredAt, f.AnswerText, f.ReturnReason)).ToList()))
            .ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>The heading and signature of the meeting's lead organizer, from its template when it has one.</summary>
    public static async Task<(DocumentHeading Heading, SignatureBlock Signature, string ArchiveLine)> IssuerAsync(DienHongDbContext db, Meeting meeting, DateOnly today, CancellationToken cancellationToken = default)
    {
        var lead = meeting.Organizers.OrderByDescending(o => o.IsLead).FirstOrDefault();
        var template = lead is null ? null : await db.OrganizationTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.OrganizationId == lead.OrganizationId, cancellationToken);
        var signature = !string.IsNullOrWhiteSpace(meeting.SignerName) || template is null ? SignatureBlock.From(meeting) : SignatureBlock.From(template);
        var heading = template is not null
            ? new DocumentHeading(template.ParentBodyName, template.IssuingBodyName, $"      /BC-{template.BodySymbol}", template.Place, today)
            : new DocumentHeading(null, lead?.Organization?.Name ?? "Văn phòng", null, meeting.Place ?? "……", today);
        return (heading, signature, template?.ArchiveLine ?? "Lưu: VT");
    }

    /// <summary>The summary report (Báo cáo tổng hợp ý kiến, kiến nghị của cử tri).</summary>
    public static byte[] Summary(Meeting meeting, DocumentHeading heading, SignatureBlock signature, string archiveLine, IReadOnlyList<ReportItem> items)
    {
        using var document = new OfficialDocument();
        document.AddHeading(heading);
        document.AddTitle("Báo cáo", $"Tổng hợp ý kiến, kiến nghị của cử tri tại {LowerFirst(meeting.Title)}");
        var petitions = items.Sum(i => i.Petitions.Count);
        var places = items.SelectMany(i => i.Petitions).Select(p => p.Place).Where(p => p is not null).Distinct().Count();
        var byLevel = items.Where(i => i.Level is not null).GroupBy(i => i.Level!.Value).ToDictionary(g => g.Key, g => g.Count());
        var unclassified = items.Count(i => i.Level is null);
        var levels = Enum.GetValues<CompetenceLevel>().Where(byLevel.ContainsKey).ToList();
        document.AddParagraph($"Thực hiện quy định về việc đại biểu Quốc hội tiếp xúc cử tri (Nghị quyết liên tịch số 72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN), {heading.IssuingBody.ToLower(CultureInfo.GetCultureInfo("vi-VN"))} tổng hợp ý kiến, kiến nghị của cử tri như sau:");
        document.AddParagraph($"Tổng số {petitions} ý kiến của cử tri tại {places} điểm cầu, địa phương và gửi bằng văn bản, trực tuyến; sau khi gộp các ý kiến trùng nội dung, tổng hợp thành {items.Count} kiến nghị, trong đó: "
            + string.Join("; ", levels.Select(l => $"{byLevel[l]} kiến nghị thuộc thẩm quyền {LevelName(l)}"))
            + (unclassified > 0 ? $"; {unclassified} kiến nghị chưa phân loại" : string.Empty) + ".");

        // Counts by field and competence.
        var fields = items.GroupBy(i => i.Field ?? "Chưa phân loại").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var columns = Enum.GetValues<CompetenceLevel>().ToList();
        var widths = new[] { 700, 3055, 1100, 1100, 1100, 1100, 1200 };
        var table = fields.Select((g, i) => (string[])
        [
            (i + 1).ToString(CultureInfo.InvariantCulture), g.Key,
            .. columns.Select(l => g.Count(x => x.Level == l).ToString(CultureInfo.InvariantCulture)),
            g.Count().ToString(CultureInfo.InvariantCulture),
        ]).Append(["", "Cộng", .. columns.Select(l => items.Count(x => x.Level == l).ToString(CultureInfo.InvariantCulture)), items.Count.ToString(CultureInfo.InvariantCulture)]);
        document.AddSectionHeading("Số lượng kiến nghị theo lĩnh vực và thẩm quyền giải quyết");
        document.AddTable(widths, ["STT", "Lĩnh vực", "Trung ương", "Tỉnh", "Huyện", "Xã", "Cộng"], table);

        var section = 0;
        foreach (var level in levels.Cast<CompetenceLevel?>().Append(null).Where(l => l is not null || unclassified > 0))
        {
            var inLevel = items.Where(i => i.Level == level).ToList();
            document.AddSectionHeading($"{Roman[Math.Min(section++, Roman.Length - 1)]}. {OfficialDocument.Upper(level is { } l ? PetitionLabels.Competence(l) : "Kiến nghị chưa phân loại")} ({inLevel.Count} kiến nghị)");
            var fieldNumber = 0;
            foreach (var field in inLevel.GroupBy(i => i.Field ?? "Chưa phân loại").OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                fieldNumber++;
                document.AddSectionHeading($"{fieldNumber}. Lĩnh vực {field.Key} ({field.Count()} kiến nghị)");
                var number = 0;
                foreach (var item in field)
                {
                    number++;
                    var (voters, where) = (item.Petitions.Count, item.Petitions.Select(p => p.Place).Where(p => p is not null).Distinct().ToList());
                    var raised = where.Count > 0 ? $"{voters} cử tri tại {string.Join(", ", where)} nêu" : $"{voters} cử tri nêu";
                    document.AddParagraph($"{fieldNumber}.{number}. {item.Content} ({raised}{(item.Agency is null ? string.Empty : $"; cơ quan giải quyết: {item.Agency}")}).");
                }
            }
        }

        document.AddParagraph($"Trên đây là báo cáo tổng hợp ý kiến, kiến nghị của cử tri tại {LowerFirst(meeting.Title)}./.");
        document.AddRecipientsAndSignature(
            ["Ủy ban Thường vụ Quốc hội", "Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam", "Thường trực HĐND, UBND tỉnh", "Ban Thường trực UBMTTQVN tỉnh", "Các cơ quan có liên quan"],
            archiveLine, signature);
        return document.ToBytes();
    }

    /// <summary>The report of answers received: each referred recommendation, its agency, deadline and answer.</summary>
    public static byte[] Answers(Meeting meeting, DocumentHeading heading, SignatureBlock signature, string archiveLine, IReadOnlyList<ReportItem> items, DateOnly today)
    {
        using var document = new OfficialDocument();
        document.AddHeading(heading);
        document.AddTitle("Báo cáo", $"Kết quả trả lời ý kiến, kiến nghị của cử tri tại {LowerFirst(meeting.Title)}");
        var referred = items.Where(i => i.Referrals.Count > 0).ToList();
        var answered = referred.Where(i => i.Referrals[^1].Status == ReferralStatus.Answered).ToList();
        var late = answered.Count(i => i.Referrals[^1] is { AnsweredAt: { } at } f && DateOnly.FromDateTime(VietnamTime.ToLocal(at)) > f.Deadline);
        var overdue = referred.Count(i => i.Referrals[^1] is { Status: ReferralStatus.Pending } f && f.Deadline < today);
        document.AddParagraph($"Đã chuyển {referred.Count} kiến nghị đến các cơ quan có thẩm quyền; đã nhận trả lời {answered.Count} kiến nghị ({late} trả lời quá hạn); {overdue} kiến nghị quá hạn chưa trả lời; {referred.Count - answered.Count - overdue} kiến nghị đang trong hạn giải quyết.");
        int[] widths = [600, 3000, 1700, 1100, 2955];
        var rows = referred.Select((item, i) =>
        {
            var last = item.Referrals[^1];
            var state = last.Status switch
            {
                ReferralStatus.Answered => $"Đã trả lời ngày {VietnameseDates.Short(DateOnly.FromDateTime(VietnamTime.ToLocal(last.AnsweredAt!.Value)))}: {last.AnswerText}",
                ReferralStatus.Returned => $"Trả lại: {last.ReturnReason}",
                _ => last.Deadline < today ? "Quá hạn, chưa trả lời" : "Đang giải quyết",
            };
            return new[] { (i + 1).ToString(CultureInfo.InvariantCulture), item.Content, last.Agency, VietnameseDates.Short(last.Deadline), state };
        });
        document.AddTable(widths, ["STT", "Kiến nghị", "Cơ quan giải quyết", "Hạn", "Kết quả trả lời"], rows);
        document.AddRecipientsAndSignature(["Ủy ban Thường vụ Quốc hội", "Thường trực HĐND, UBND tỉnh", "Ban Thường trực UBMTTQVN tỉnh"], archiveLine, signature);
        return document.ToBytes();
    }

    /// <summary>Every petition with its recommendation, classification, referral and answer: one row each.</summary>
    public static byte[] Spreadsheet(IReadOnlyList<ReportItem> items)
    {
        var rows = items.SelectMany(item => item.Petitions.Select(p => (item, p))).Select((x, i) =>
        {
            var last = x.item.Referrals.Count > 0 ? x.item.Referrals[^1] : null;
            return new[]
            {
                (i + 1).ToString(CultureInfo.InvariantCulture), x.p.TrackingCode, VietnamTime.Format(x.p.RecordedAt), PetitionLabels.Channels[x.p.Channel],
                x.p.Place ?? "", x.p.VoterName ?? "", x.p.VoterAddress ?? "", x.p.Content, x.item.Id.ToString(CultureInfo.InvariantCulture), x.item.Content,
                x.item.Field ?? "", x.item.Level is { } l ? PetitionLabels.Levels[l] : "", x.item.Agency ?? "", PetitionLabels.Statuses[x.item.Status],
                last is null ? "" : VietnameseDates.Short(last.Deadline), last?.AnsweredAt is { } at ? VietnamTime.Format(at) : "", last?.AnswerText ?? last?.ReturnReason ?? "",
                x.item.Published ? "Có" : "",
            };
        });
        return MeetingSpreadsheets.Workbook("Kiến nghị cử tri",
            ["STT", "Mã theo dõi", "Ngày ghi nhận", "Hình thức", "Điểm cầu / nơi", "Cử tri", "Địa chỉ", "Nội dung ý kiến", "Số kiến nghị", "Kiến nghị tổng hợp",
             "Lĩnh vực", "Cấp", "Cơ quan giải quyết", "Trạng thái", "Hạn trả lời", "Ngày trả lời", "Trả lời / lý do trả lại", "Công khai"],
            [6, 16, 16, 14, 30, 20, 24, 60, 10, 60, 18, 10, 30, 18, 12, 16, 60, 10], rows);
    }

    private static string LevelName(CompetenceLevel level) => level switch
    {
        CompetenceLevel.Central => "Trung ương",
        CompetenceLevel.Province => "tỉnh",
        CompetenceLevel.District => "cấp huyện",
        _ => "cấp xã",
    };

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLower(text[0], CultureInfo.GetCultureInfo("vi-VN")) + text[1..];
}
