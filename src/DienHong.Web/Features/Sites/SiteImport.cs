using DienHong.Data;
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
        var units = (await db.AdministrativeUnits.AsNoTracking().ToListAsync(cancellationToken))
            .Where(u => u.IsValidOn(meetingDay)).GroupBy(u => u.Code).ToDictionary(g => g.Key, g => g.First().Id);
        var names = meeting.Sites.Select(s => VietnameseText.Fold(s.Name)).ToHashSet();
        var errors = new List<ImportRowError>();
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
                if (units.TryGetValue(unitCode, out var id))
                {
                    unitId = id;
                }
                else
                {
                    rowErrors.Add($"không có đơn vị hành chính mã \"{unitCode}\" còn hiệu lực vào ngày họp");
                }
            }

            var hostText = row.Get("Trung tâm", "Điểm cầu trung tâm", "Host");
            if (!CellParsing.TryYesNo(hostText, out var isHost))
            {
                rowErrors.Add($"Trung tâm \"{hostText}\" không hợp lệ (ghi x cho điểm cầu trung tâm, để trống nếu không phải)");
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
                }
                else
                {
                    rowErrors.Add($"Giờ kiểm tra kết nối \"{testText}\" không đúng dạng dd/MM/yyyy HH:mm (ví dụ 18/11/2021 14:00)");
                }
            }

            if (rowErrors.Count > 0)
            {
                errors.Add(ImportRowError.For(row, rowErrors));
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

        if (errors.Count > 0)
        {
            return ImportResult.Failed(errors);
        }

        return await MeetingImport.SaveAsync(db, meeting, meeting.Sites, sites, cancellationToken);
    }
}
