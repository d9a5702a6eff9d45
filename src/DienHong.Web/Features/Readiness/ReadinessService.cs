using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Assignments;
using DienHong.Features.Incidents;
using DienHong.Features.Live;
using DienHong.Features.Text;
using DienHong.Features.Validation;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Readiness;

/// <summary>
/// Every readiness change, for the API and the consoles alike: checks the user may act for the
/// site, checks the input, writes the few rows concerned (never the whole meeting) and records
/// the event with <see cref="LiveFeed"/>. Returns null when the meeting, site or item is not
/// found (or not visible); throws <see cref="RuleViolationException"/> for bad input,
/// <see cref="ConflictException"/> when someone changed it first and
/// <see cref="ForbiddenException"/> when the user may only watch — in each case with nothing written.
/// </summary>
public sealed class ReadinessService(DienHongDbContext db, MeetingAccess meetings, CurrentUser user, LiveFeed feed, TimeProvider clock)
{
    public const int PhotoLimit = 5 * 1024 * 1024;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<MarkDto?> SetMarkAsync(int meetingId, int siteId, int checkId, MarkInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanWorkAsync(meetingId, siteId, cancellationToken))
        {
            return null;
        }

        var check = await db.ReadinessChecks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == checkId && c.MeetingId == meetingId, cancellationToken);
        if (check is null)
        {
            return null;
        }

        var violations = new List<RuleViolation>();
        if (!Enum.IsDefined(input.State))
        {
            violations.Add(new("State", "Trạng thái \"{0}\" không hợp lệ.", input.State));
        }

        if (input.PhotoId is { } photoId && !await db.ReadinessPhotos.AnyAsync(p => p.Id == photoId && p.SiteId == siteId, cancellationToken))
        {
            violations.Add(new("PhotoId", "Ảnh đính kèm không thuộc điểm cầu này."));
        }

        RuleViolationException.ThrowIfAny(violations);
        var mark = await db.ReadinessMarks.FirstOrDefaultAsync(m => m.SiteId == siteId && m.CheckId == checkId, cancellationToken);
        if ((mark?.Version ?? 0) != input.Version)
        {
            throw Changed(check.Name, mark);
        }

        if (mark is null)
        {
            mark = new ReadinessMark { MeetingId = meetingId, SiteId = siteId, CheckId = checkId, SetBy = user.Name };
            db.ReadinessMarks.Add(mark);
        }

        mark.State = input.State;
        mark.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        mark.PhotoId = input.PhotoId;
        mark.SetBy = user.Name;
        mark.SetAt = Now;
        mark.Version++;
        await SaveAsync(meetingId, siteId, check.Name, tile => new SiteChange(tile, Mark: MarkDto.From(mark)), cancellationToken);
        return MarkDto.From(mark);
    }

    public async Task<TestDto?> StartTestAsync(int meetingId, int siteId, CancellationToken cancellationToken = default)
    {
        if (!await CanWorkAsync(meetingId, siteId, cancellationToken))
        {
            return null;
        }

        if (await db.ConnectionTests.AsNoTracking().FirstOrDefaultAsync(t => t.SiteId == siteId && t.EndedAt == null, cancellationToken) is { } running)
        {
            throw new RuleViolationException([new("Test", "Điểm cầu đang có một lần kiểm tra kết nối chưa kết thúc (bắt đầu lúc {0}).", VietnamTime.Format(running.StartedAt))]);
        }

        var test = new ConnectionTest { MeetingId = meetingId, SiteId = siteId, StartedAt = Now, StartedBy = user.Name, Version = 1 };
        db.ConnectionTests.Add(test);
        await SaveAsync(meetingId, siteId, "Kiểm tra kết nối", tile => new SiteChange(tile, Test: TestDto.From(test)), cancellationToken);
        return TestDto.From(test);
    }

    public async Task<TestDto?> FinishTestAsync(int meetingId, int siteId, int testId, FinishTestInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanWorkAsync(meetingId, siteId, cancellationToken))
        {
            return null;
        }

        var test = await db.ConnectionTests.FirstOrDefaultAsync(t => t.Id == testId && t.SiteId == siteId, cancellationToken);
        if (test is null)
        {
            return null;
        }

        var violations = new List<RuleViolation>();
        if (test.EndedAt is { } ended)
        {
            violations.Add(new("Test", "Lần kiểm tra này đã kết thúc lúc {0}.", VietnamTime.Format(ended)));
        }

        if (!Enum.IsDefined(input.Result))
        {
            violations.Add(new("Result", "Hãy chọn kết quả kiểm tra: đạt hoặc không đạt."));
        }

        if (input.Audio is { } audio && !Enum.IsDefined(audio) || input.Video is { } video && !Enum.IsDefined(video))
        {
            violations.Add(new("Quality", "Chất lượng âm thanh, hình ảnh chỉ là tốt, trung bình hoặc kém."));
        }

        if (input.LatencyMs is < 0 or > 60_000)
        {
            violations.Add(new("LatencyMs", "Độ trễ {0} ms không hợp lý (từ 0 đến 60.000 ms).", input.LatencyMs));
        }

        RuleViolationException.ThrowIfAny(violations);
        if (test.Version != input.Version)
        {
            throw new ConflictException(new("Test", "Lần kiểm tra kết nối vừa được người khác cập nhật; hãy tải lại rồi làm lại."));
        }

        test.EndedAt = Now;
        test.EndedBy = user.Name;
        test.Result = input.Result;
        test.Audio = input.Audio;
        test.Video = input.Video;
        test.LatencyMs = input.LatencyMs;
        test.Remarks = string.IsNullOrWhiteSpace(input.Remarks) ? null : input.Remarks.Trim();
        test.Version++;
        await SaveAsync(meetingId, siteId, "Kiểm tra kết nối", tile => new SiteChange(tile, Test: TestDto.From(test)), cancellationToken);
        return TestDto.From(test);
    }

    /// <summary>A site reports a problem to the host.</summary>
    public async Task<IncidentDto?> ReportIncidentAsync(int meetingId, int siteId, IncidentInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanWorkAsync(meetingId, siteId, cancellationToken))
        {
            return null;
        }

        if (!Enum.IsDefined(input.Kind))
        {
            throw new RuleViolationException([new("Kind", "Loại sự cố \"{0}\" không hợp lệ.", input.Kind)]);
        }

        if (input.Kind == IncidentKind.Other && string.IsNullOrWhiteSpace(input.Description))
        {
            throw new RuleViolationException([new("Description", "Hãy mô tả sự cố.")]);
        }

        var incident = new Incident
        {
            MeetingId = meetingId,
            SiteId = siteId,
            Kind = input.Kind,
            Description = input.Description?.Trim(),
            OpenedAt = Now,
            OpenedBy = user.Name,
            Version = 1,
        };
        db.Incidents.Add(incident);
        await SaveAsync(meetingId, siteId, "Sự cố", tile => new SiteChange(tile, Incident: IncidentDto.From(incident)), cancellationToken);
        return IncidentDto.From(incident);
    }

    public async Task<IncidentDto?> CloseIncidentAsync(int meetingId, int siteId, int incidentId, CloseIncidentInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanWorkAsync(meetingId, siteId, cancellationToken))
        {
            return null;
        }

        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId && i.SiteId == siteId, cancellationToken);
        if (incident is null)
        {
            return null;
        }

        if (incident.ClosedAt is { } closed)
        {
            throw new ConflictException(new("Incident", "Sự cố này đã được {0} đóng lúc {1}.", incident.ClosedBy, VietnamTime.Format(closed)));
        }

        if (input.Version != 0 && input.Version != incident.Version)
        {
            throw new ConflictException(new("Incident", "Sự cố vừa được người khác cập nhật; hãy tải lại rồi làm lại."));
        }

        incident.ClosedAt = Now;
        incident.ClosedBy = user.Name;
        incident.Resolution = input.Resolution?.Trim();
        incident.Version++;
        await SaveAsync(meetingId, siteId, "Sự cố", tile => new SiteChange(tile, Incident: IncidentDto.From(incident)), cancellationToken);
        return IncidentDto.From(incident);
    }

    public async Task<PhotoDto?> AddPhotoAsync(int meetingId, int siteId, byte[] content, CancellationToken cancellationToken = default)
    {
        if (!await CanWorkAsync(meetingId, siteId, cancellationToken))
        {
            return null;
        }

        var type = ImageType(content) ?? throw new RuleViolationException([new("Photo", "Tệp không phải ảnh JPEG, PNG hay WebP.")]);
        if (content.Length > PhotoLimit)
        {
            throw new RuleViolationException([new("Photo", "Ảnh lớn {0:0.0} MB, vượt giới hạn 5 MB.", content.Length / 1_048_576.0)]);
        }

        var photo = new ReadinessPhoto { MeetingId = meetingId, SiteId = siteId, Content = content, ContentType = type, UploadedAt = Now, UploadedBy = user.Name };
        db.ReadinessPhotos.Add(photo);
        await db.SaveChangesAsync(cancellationToken);
        return new PhotoDto(photo.Id, type, content.Length);
    }

    /// <summary>An agency marks its own task done with a note (the secretariat may too).</summary>
    public async Task<TaskTile?> CompleteTaskAsync(int meetingId, int assignmentId, CompleteTaskInput input, CancellationToken cancellationToken = default)
    {
        if (!await meetings.CanSeeMeetingAsync(db, meetingId, cancellationToken))
        {
            return null;
        }

        var assignment = await db.Assignments.Include(a => a.Organization).FirstOrDefaultAsync(a => a.Id == assignmentId && a.MeetingId == meetingId, cancellationToken);
        if (assignment is null)
        {
            return null;
        }

        var userId = user.Id;
        var organizationId = await db.Users.Where(u => u.Id == userId).Select(u => u.OrganizationId).FirstOrDefaultAsync(cancellationToken);
        var own = user.IsInRole(Roles.Agency) && organizationId is not null && organizationId == assignment.OrganizationId;
        if (!own && !meetings.CanPlan)
        {
            throw new ForbiddenException(new("Assignment", "Nhiệm vụ này giao cho {0}; chỉ cơ quan được giao hoặc văn phòng mới đánh dấu hoàn thành được.", assignment.Assignee));
        }

        if (assignment.Status == AssignmentStatus.Done)
        {
            throw new ConflictException(new("Assignment", "Nhiệm vụ đã được {0} đánh dấu hoàn thành lúc {1}.", assignment.CompletedBy ?? "văn phòng", assignment.CompletedAt is { } at ? VietnamTime.Format(at) : "—"));
        }

        assignment.Status = AssignmentStatus.Done;
        assignment.CompletionNote = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        assignment.CompletedBy = user.Name;
        assignment.CompletedAt = Now;
        var tile = TaskTile.From(assignment, DateOnly.FromDateTime(VietnamTime.ToLocal(Now)));
        await feed.SaveAsync(db, meetingId, [new LiveChange(TaskTile.EventType, tile, LiveAudience.Staff)], cancellationToken);
        return tile;
    }

    /// <summary>
    /// Sets the meeting's checklist from its lead organizer's own list for the meeting's kind, or the
    /// default one; refused once sites have ticked items.
    /// </summary>
    public async Task<IReadOnlyList<CheckDto>> CreateChecklistAsync(int meetingId, ChecklistRequest request, CancellationToken cancellationToken = default)
    {
        // Who may: the scope filter, as for any plan change of the meeting (MeetingAccess.VerdictAsync).
        if (await db.ReadinessMarks.AnyAsync(m => m.MeetingId == meetingId, cancellationToken))
        {
            throw new RuleViolationException([new("Checklist", "Các điểm cầu đã bắt đầu kiểm tra theo danh mục hiện có; không lập lại danh mục được nữa.")]);
        }

        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId)
            .Select(m => new { m.Kind, Lead = m.Organizers.OrderByDescending(o => o.IsLead).Select(o => (int?)o.OrganizationId).FirstOrDefault() })
            .FirstAsync(cancellationToken);
        var names = await ChecklistTemplates.ForAsync(db, meeting.Lead, meeting.Kind, request.IncludeEpidemicPrevention, cancellationToken);
        db.ReadinessChecks.RemoveRange(await db.ReadinessChecks.Where(c => c.MeetingId == meetingId).ToListAsync(cancellationToken));
        var checks = names.Select((name, i) => new ReadinessCheck { MeetingId = meetingId, Order = i + 1, Name = name }).ToList();
        db.ReadinessChecks.AddRange(checks);
        await feed.SaveAsync(db, meetingId, _ => Task.FromResult<IReadOnlyList<LiveChange>>(
            [new LiveChange(ChecklistEvent, checks.Select(CheckDto.From).ToList(), LiveAudience.Meeting)]), cancellationToken);
        return [.. checks.Select(CheckDto.From)];
    }

    /// <summary>The checklist changed: watchers take a fresh snapshot.</summary>
    public const string ChecklistEvent = "readiness.checklist";

    private async Task<bool> CanWorkAsync(int meetingId, int siteId, CancellationToken cancellationToken) =>
        await meetings.CanOperateSiteAsync(db, meetingId, siteId, cancellationToken) switch
        {
            null => false,
            true => true,
            false => throw new ForbiddenException(new("Site", "Bạn chỉ được xem, không được cập nhật tình hình sẵn sàng của điểm cầu này.")),
        };

    /// <summary>Saves with the site's new tile as the event; a concurrent change of the same row becomes a clear conflict.</summary>
    private async Task SaveAsync(int meetingId, int siteId, string what, Func<SiteTile, SiteChange> change, CancellationToken cancellationToken)
    {
        try
        {
            await feed.SaveAsync(db, meetingId, async token =>
            {
                var tile = (await ReadinessQueries.TilesAsync(db, meetingId, siteId, Now, token)).Single();
                return [new LiveChange(SiteChange.EventType, change(tile), LiveAudience.Site, siteId)];
            }, cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || exception.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(new("Version", "\"{0}\" vừa được người khác cập nhật cùng lúc; hãy xem trạng thái mới rồi làm lại.", what));
        }
    }

    private static ConflictException Changed(string checkName, ReadinessMark? mark) => new(mark is null
        ? new RuleViolation("Version", "\"{0}\" đã được kiểm tra lại; hãy tải lại trang.", checkName)
        : new RuleViolation("Version", "\"{0}\" vừa được {1} cập nhật lúc {2}; hãy xem trạng thái mới rồi chọn lại.", checkName, mark.SetBy, VietnamTime.Format(mark.SetAt)));

    private static string? ImageType(byte[] content) => content switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, ..] => "image/png",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };
}
