using DienHong.Data;
using DienHong.Features.Imports;
using DienHong.Features.Localization;
using DienHong.Features.Meetings;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Participants;

/// <summary>
/// Imports a meeting's participants from CSV or XLSX. Columns: Họ tên, Chức vụ, Cơ quan, Vai trò,
/// Điểm cầu, Email, Điện thoại. A row needs a name or an organization; the organization is matched
/// to a registered one by name (accents ignored) or kept as text; the site must be one of the
/// meeting's. The whole file lands or nothing does.
/// </summary>
public static class ParticipantImport
{
    public static async Task<ImportResult> ImportParticipantsAsync(this DienHongDbContext db, int meetingId, Stream content, string fileName, CancellationToken cancellationToken = default)
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

        var organizations = (await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.ShortName }).ToListAsync(cancellationToken))
            .SelectMany(o => new[] { (Key: VietnameseText.Fold(o.Name), o.Id), (Key: VietnameseText.Fold(o.ShortName), o.Id) })
            .Where(o => o.Key.Length > 0).GroupBy(o => o.Key).ToDictionary(g => g.Key, g => g.First().Id);
        var sites = meeting.Sites.GroupBy(s => VietnameseText.Fold(s.Name)).ToDictionary(g => g.Key, g => g.First());
        var errors = new List<ImportRowError>();
        var participants = new List<Participant>();
        foreach (var row in rows)
        {
            var rowErrors = new List<string>();
            var name = row.Text(TextLimits.Short, rowErrors, "Họ tên", "Họ và tên", "Tên", "Name");
            var organizationName = row.Text(TextLimits.Name, rowErrors, "Cơ quan", "Đơn vị", "Cơ quan, đơn vị", "Organization");
            if (name is null && organizationName is null)
            {
                rowErrors.Add("cần Họ tên hoặc Cơ quan");
            }

            var role = ParticipantRole.Delegate;
            var roleText = row.Get("Vai trò", "Thành phần", "Role");
            if (roleText is not null && !CellParsing.TryLabel(roleText, Labels.ParticipantRoles, out role))
            {
                rowErrors.Add($"Vai trò \"{roleText}\" không hợp lệ ({string.Join(", ", Labels.ParticipantRoles.Values)})");
            }

            Sites.Site? site = null;
            var siteName = row.Get("Điểm cầu", "Site");
            if (siteName is not null && !sites.TryGetValue(VietnameseText.Fold(siteName), out site))
            {
                rowErrors.Add($"không tìm thấy điểm cầu \"{siteName}\" trong cuộc họp");
            }

            var title = row.Text(TextLimits.Name, rowErrors, "Chức vụ", "Title");
            var email = row.Text(TextLimits.Short, rowErrors, "Email", "Thư điện tử");
            var phone = row.Text(TextLimits.Code, rowErrors, "Điện thoại", "Phone");
            if (rowErrors.Count > 0)
            {
                errors.Add(ImportRowError.For(row, rowErrors));
                continue;
            }

            int? organizationId = organizationName is not null && organizations.TryGetValue(VietnameseText.Fold(organizationName), out var id) ? id : null;
            participants.Add(new Participant
            {
                PersonName = name,
                Title = title,
                OrganizationId = organizationId,
                OrganizationName = organizationId is null ? organizationName : null,
                Role = role,
                Site = site,
                Email = email,
                Phone = phone,
            });
        }

        if (errors.Count > 0)
        {
            return ImportResult.Failed(errors);
        }

        return await MeetingImport.SaveAsync(db, meeting, meeting.Participants, participants, cancellationToken);
    }
}
