using DienHong.Data;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Imports;
using DienHong.Features.Localization;
using DienHong.Features.Meetings;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Sites;

/// <summary>
/// Imports a meeting's sites from CSV or XLSX. Columns: Tên điểm cầu, Trung tâm (x), Cấp, Mã đơn vị
/// hành chính, Phòng họp, Sức chứa, Người chủ trì, Cán bộ kỹ thuật, Điện thoại, Giờ kiểm tra kết nối.
/// The whole file lands or nothing does.
/// </summary>
public static class SiteImport
{
    public static async Task<ImportResult> ImportSitesAsync(this DienHongDbContext db, int meetingId, Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        var (rows, readError) = await TabularFile.ReadAsync(content, fileName, cancellationToken);
        if (readError is not null)
        {
            return ImportResult.Failed([readError]);
        }

        if (await db.LoadMeetingAsync(meetingId, cancellationToken) is not { } meeting)
        {
            return ImportResult.Failed([new ImportRowError(0, "Không tìm thấy cuộc họp.")]);
        }

        var meetingDay = DateOnly.FromDateTime(VietnamTime.ToLocal(meeting.StartsAt));
        var units = new AdministrativeUnitCodes.Index<AdministrativeUnit>(
            (await db.AdministrativeUnits.AsNoTracking().ToListAsync(cancellationToken)).Where(u => u.IsValidOn(meetingDay)), u => u.Code);
        var names = meeting.Sites.Select(s => VietnameseText.Fold(s.Name)).ToHashSet();
        var problems = new List<(TabularRow Row, List<string> Problems)>();
        var hostLines = new List<TabularRow>();
        var sites = new List<Site>();
        foreach (var row in rows)
        {
            var rowErrors = new List<string>();
            var name = row.Text(TextLimits.Name, rowErrors, "Tên điểm cầu", "Điểm cầu", "Tên", "Name", "Site");
            if (name is null)
            {
                rowErrors.Add("thiếu Tên điểm cầu");
            }
            else if (!names.Add(VietnameseText.Fold(name)))
            {
                rowErrors.Add($"điểm cầu \"{name}\" đã có trong cuộc họp hoặc lặp lại trong tệp");
            }

            var capacityText = row.Get("Sức chứa", "Số người tối đa", "Capacity");
            if (!CellParsing.TryPositiveInt(capacityText, out var capacity))
            {
                rowErrors.Add(capacityText is null ? "thiếu Sức chứa" : $"Sức chứa \"{capacityText}\" không phải số nguyên dương");
            }

            var level = SiteLevel.Commune;
            var levelText = row.Get("Cấp", "Level");
            if (levelText is not null && !CellParsing.TryLabel(levelText, Labels.SiteLevels, out level))
            {
                rowErrors.Add($"Cấp \"{levelText}\" không hợp lệ (Trung ương, Tỉnh, Huyện, Xã)");
            }

            int? unitId = null;
            var unitCode = row.Get("Mã đơn vị hành chính", "Mã ĐVHC", "Unit code");
            if (unitCode is not null)
            {
                // A site of a province means the province's code when Excel turned "01" into 1.
                AdministrativeLevel? unitLevel = levelText is null ? null : level switch
                {
                    SiteLevel.Province => AdministrativeLevel.Province,
                    SiteLevel.District => AdministrativeLevel.District,
                    SiteLevel.Commune => AdministrativeLevel.Commune,
                    _ => null,
                };
                var unit = units.Find(unitCode, unitLevel is { } l ? u => u.Level == l : null, out var unitProblem, " còn hiệu lực vào ngày họp");
                unitId = unit?.Id;
                if (unitProblem is not null)
                {
                    rowErrors.Add(unitProblem);
                }
            }

            var hostText = row.Get("Trung tâm", "Điểm cầu trung tâm", "Host");
            if (!CellParsing.TryYesNo(hostText, out var isHost))
            {
                rowErrors.Add($"Trung tâm \"{hostText}\" không hợp lệ (ghi x cho điểm cầu trung tâm, để trống nếu không phải)");
            }
            else if (isHost)
            {
                hostLines.Add(row);
            }

            var room = row.Text(TextLimits.Name, rowErrors, "Phòng họp", "Phòng", "Room");
            var presiding = row.Text(TextLimits.Name, rowErrors, "Người chủ trì", "Chủ trì", "Presiding");
            var technician = row.Text(TextLimits.Short, rowErrors, "Cán bộ kỹ thuật", "Kỹ thuật", "Technical contact");
            var phone = row.Text(TextLimits.Code, rowErrors, "Điện thoại", "Phone");

            DateTime? connectionTest = null;
            var testText = row.Get("Giờ kiểm tra kết nối", "Kiểm tra kết nối", "Connection test");
            if (testText is not null)
            {
                if (CellParsing.TryVietnamDateTime(testText, out var test))
                {
                    connectionTest = test;
                    if (test >= meeting.StartsAt)
                    {
                        rowErrors.Add($"giờ kiểm tra kết nối {VietnamTime.Format(test)} phải trước khi cuộc họp bắt đầu ({VietnamTime.Format(meeting.StartsAt)})");
                    }
                }
                else
                {
                    rowErrors.Add($"Giờ kiểm tra kết nối \"{testText}\" không đúng dạng dd/MM/yyyy HH:mm (ví dụ 18/11/2021 14:00)");
                }
            }

            problems.Add((row, rowErrors));
            if (rowErrors.Count > 0)
            {
                continue;
            }

            sites.Add(new Site
            {
                Name = name!,
                Capacity = capacity,
                IsHost = isHost,
                Level = level,
                AdministrativeUnitId = unitId,
                Room = room,
                PresidingPerson = presiding,
                TechnicalContactName = technician,
                TechnicalContactPhone = phone,
                ConnectionTestAt = connectionTest,
            });
        }

        // The rules of the whole plan are checked with the rows, so one report says everything to fix.
        var errors = HostProblems(meeting, hostLines, rows.Count).ToList();
        foreach (var (row, rowErrors) in problems.Where(p => p.Problems.Count > 0 || errors.Any(e => e.Line == p.Row.Line)))
        {
            var fileLevel = errors.Where(e => e.Line == row.Line).Select(e => e.Message).ToList();
            errors.RemoveAll(e => e.Line == row.Line);
            errors.Add(ImportRowError.For(row, [.. rowErrors, .. fileLevel]));
        }

        if (errors.Count > 0)
        {
            return ImportResult.Failed([.. errors.OrderBy(e => e.Line)]);
        }

        return await MeetingImport.SaveAsync(db, meeting, meeting.Sites, sites, cancellationToken);
    }

    /// <summary>Exactly one host once the file is in: each problem on the lines that cause it.</summary>
    private static IEnumerable<ImportRowError> HostProblems(Meeting meeting, List<TabularRow> hostLines, int rowCount)
    {
        var host = meeting.Sites.FirstOrDefault(s => s.IsHost);
        if (host is not null)
        {
            foreach (var row in hostLines)
            {
                yield return new(row.Line, $"cuộc họp đã có điểm cầu trung tâm \"{host.Name}\": bỏ dấu ở cột Trung tâm");
            }
        }
        else if (hostLines.Count > 1)
        {
            var lines = string.Join(", ", hostLines.Select(r => r.Line));
            foreach (var row in hostLines)
            {
                yield return new(row.Line, $"các dòng {lines} cùng đánh dấu Trung tâm, mà cuộc họp chỉ có một điểm cầu trung tâm");
            }
        }
        else if (hostLines.Count == 0 && rowCount > 0 && meeting.Sites.Count == 0)
        {
            yield return ImportRowError.For(0, ["chưa có điểm cầu trung tâm: ghi x ở cột Trung tâm của một dòng"]);
        }
    }
}
