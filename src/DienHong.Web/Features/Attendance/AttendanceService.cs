using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Live;
using DienHong.Features.Text;
using DienHong.Features.Validation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Attendance;

/// <summary>
/// Check-in and check-out at a site, for the API and the site console alike. Each is a small write
/// of one person's row and the site's headcount (never the whole meeting), in one transaction with
/// its live event. The headcount never passes the site's capacity: the database refuses the
/// increment and the operator gets the reason, with nothing recorded. Returns null when the meeting
/// or site is not found (or not visible); throws <see cref="RuleViolationException"/> for bad input
/// or a full room, <see cref="ConflictException"/> for someone already present or already gone, and
/// <see cref="ForbiddenException"/> when the user may only watch.
/// </summary>
public sealed class AttendanceService(DienHongDbContext db, MeetingAccess meetings, CurrentUser user, LiveFeed feed, TimeProvider clock, IDataProtectionProvider protection)
{
    public async Task<CheckInDto?> CheckInAsync(int meetingId, int siteId, CheckInInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanWorkAsync(meetingId, siteId, cancellationToken))
        {
            return null;
        }

        if (input.ParticipantId is { } participantId)
        {
            if (!string.IsNullOrWhiteSpace(input.Name) || !string.IsNullOrWhiteSpace(input.Address))
            {
                throw new RuleViolationException([new("ParticipantId", "Hãy chọn một người trong danh sách hoặc nhập người đến không có giấy mời, không cả hai.")]);
            }

            return await CheckInParticipantAsync(meetingId, siteId, participantId, CheckInMethod.Listed, cancellationToken);
        }

        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw new RuleViolationException([new("Name", "Hãy nhập họ tên người đến dự (cử tri không có giấy mời: họ tên và địa chỉ).")]);
        }

        var address = string.IsNullOrWhiteSpace(input.Address) ? null : input.Address.Trim();
        return await SaveCheckInAsync(meetingId, siteId, new CheckIn
        {
            MeetingId = meetingId,
            SiteId = siteId,
            Name = name,
            Address = address,
            Method = CheckInMethod.WalkIn,
            CheckedInAt = clock.GetUtcNow().UtcDateTime,
            CheckedInBy = user.Name,
            Version = 1,
        }, cancellationToken);
    }

    /// <summary>The invitation's code: made by this app, for this meeting, for someone planned at this site, not present yet.</summary>
    public async Task<CheckInDto?> ScanAsync(int meetingId, int siteId, ScanInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanWorkAsync(meetingId, siteId, cancellationToken))
        {
            return null;
        }

        if (CheckInCodes.Read(protection, input.Code) is not { } code)
        {
            throw new RuleViolationException([new("Code", "Mã điểm danh không hợp lệ: không phải mã trên giấy mời do hệ thống cấp, hoặc đã bị sửa. Hãy quét lại hoặc tìm tên trong danh sách.")]);
        }

        if (code.MeetingId != meetingId)
        {
            throw new RuleViolationException([new("Code", "Mã điểm danh này là của giấy mời một cuộc họp khác, không dùng cho cuộc họp này.")]);
        }

        return await CheckInParticipantAsync(meetingId, siteId, code.ParticipantId, CheckInMethod.Code, cancellationToken);
    }

    /// <summary>
    /// A delegate (a participant linked to the user's account) checks in at their own site from their
    /// device; the site's operator may do the same for them. Null when the participant is not the meeting's.
    /// </summary>
    public async Task<CheckInDto?> CheckInPersonAsync(int meetingId, int participantId, CancellationToken cancellationToken = default)
    {
        if (!await meetings.CanSeeMeetingAsync(db, meetingId, cancellationToken)
            || await db.Participants.AsNoTracking().Where(p => p.Id == participantId && p.MeetingId == meetingId).Select(p => new { p.SiteId, p.UserId }).FirstOrDefaultAsync(cancellationToken) is not { } person)
        {
            return null;
        }

        var own = user.IsInRole(Roles.Delegate) && user.Id is { } userId && person.UserId == userId;
        if (!own && (person.SiteId is not { } site || await meetings.CanOperateSiteAsync(db, meetingId, site, cancellationToken) != true))
        {
            throw new ForbiddenException(new("ParticipantId", "Chỉ đại biểu đó (từ tài khoản của mình) hoặc người phụ trách điểm cầu của đại biểu mới điểm danh được."));
        }

        if (person.SiteId is not { } siteId)
        {
            throw new RuleViolationException([new("ParticipantId", "Đại biểu chưa được xếp vào điểm cầu nào; hãy liên hệ bộ phận giúp việc.")]);
        }

        return await CheckInParticipantAsync(meetingId, siteId, participantId, own ? CheckInMethod.Self : CheckInMethod.Listed, cancellationToken);
    }

    public async Task<CheckInDto?> CheckOutAsync(int meetingId, int siteId, int checkInId, CancellationToken cancellationToken = default)
    {
        if (!await CanWorkAsync(meetingId, siteId, cancellationToken))
        {
            return null;
        }

        var checkIn = await db.CheckIns.FirstOrDefaultAsync(c => c.Id == checkInId && c.SiteId == siteId, cancellationToken);
        if (checkIn is null)
        {
            return null;
        }

        if (checkIn.CheckedOutAt is { } gone)
        {
            throw new ConflictException(new("CheckIn", "{0} đã ra về lúc {1}.", checkIn.Name, VietnamTime.Format(gone)));
        }

        checkIn.CheckedOutAt = clock.GetUtcNow().UtcDateTime;
        checkIn.CheckedOutBy = user.Name;
        checkIn.Version++;
        await SaveAsync(meetingId, siteId, checkIn, async (_, token) =>
        {
            // Never below zero, whatever happened before; the row is there once anyone checked in.
            var lowered = await db.Database.SqlQuery<int>($"""
                UPDATE "SiteHeadcounts" SET "Present" = "Present" - 1 WHERE "SiteId" = {siteId} AND "Present" > 0
                RETURNING "Present" AS "Value"
                """).ToListAsync(token);
            return lowered.Count == 0 ? 0 : lowered[0];
        }, cancellationToken);
        return CheckInDto.From(checkIn);
    }

    private async Task<CheckInDto?> CheckInParticipantAsync(int meetingId, int siteId, int participantId, CheckInMethod method, CancellationToken cancellationToken)
    {
        var person = await db.Participants.AsNoTracking().Include(p => p.Organization)
            .FirstOrDefaultAsync(p => p.Id == participantId && p.MeetingId == meetingId, cancellationToken);
        if (person is null)
        {
            throw new RuleViolationException([new("ParticipantId", method == CheckInMethod.Code
                ? "Người được mời theo mã này không còn trong danh sách thành phần của cuộc họp."
                : "Người này không có trong danh sách thành phần của cuộc họp.")]);
        }

        if (person.SiteId != siteId)
        {
            throw new RuleViolationException([new("ParticipantId", "{0} đăng ký dự tại một điểm cầu khác, không phải điểm cầu này; hãy mời đến đúng điểm cầu ghi trên giấy mời.", person.DisplayName)]);
        }

        if (await db.CheckIns.AsNoTracking().FirstOrDefaultAsync(c => c.ParticipantId == participantId && c.CheckedOutAt == null, cancellationToken) is { } present)
        {
            throw AlreadyPresent(person.DisplayName, present.CheckedInAt);
        }

        return await SaveCheckInAsync(meetingId, siteId, new CheckIn
        {
            MeetingId = meetingId,
            SiteId = siteId,
            ParticipantId = participantId,
            Name = person.DisplayName,
            Method = method,
            CheckedInAt = clock.GetUtcNow().UtcDateTime,
            CheckedInBy = user.Name,
            Version = 1,
        }, cancellationToken);
    }

    private async Task<CheckInDto> SaveCheckInAsync(int meetingId, int siteId, CheckIn checkIn, CancellationToken cancellationToken)
    {
        db.CheckIns.Add(checkIn);
        try
        {
            await SaveAsync(meetingId, siteId, checkIn, async (site, token) =>
            {
                // One statement, in this transaction: creates the site's count at 1 or raises it,
                // only while it is below the capacity read in the same statement. Concurrent
                // check-ins wait on the row (PostgreSQL) or the write lock (SQLite) and re-read it.
                var raised = await db.Database.SqlQuery<int>($"""
                    INSERT INTO "SiteHeadcounts" ("SiteId", "MeetingId", "Present")
                    SELECT s."Id", s."MeetingId", 1 FROM "Sites" AS s WHERE s."Id" = {siteId} AND s."Capacity" > 0
                    ON CONFLICT ("SiteId") DO UPDATE SET "Present" = "SiteHeadcounts"."Present" + 1
                    WHERE "SiteHeadcounts"."Present" < (SELECT c."Capacity" FROM "Sites" AS c WHERE c."Id" = excluded."SiteId")
                    RETURNING "Present" AS "Value"
                    """).ToListAsync(token);
                if (raised.Count == 0)
                {
                    throw new RuleViolationException([new("Capacity", "Điểm cầu đã đủ {0}/{0} người theo sức chứa; chưa ghi nhận {1}. Khi có người ra về, hãy điểm danh lại.", site.Capacity, checkIn.Name)]);
                }

                return raised[0];
            }, cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            throw AlreadyPresent(checkIn.Name, null);
        }

        return CheckInDto.From(checkIn);
    }

    /// <summary>
    /// Saves the check-in row, moves the headcount (<paramref name="count"/>, which returns the
    /// site's new number present) and records the site's new count, all in one transaction. The
    /// site's capacity and planned people are read before it: the transaction (on SQLite, the one
    /// writer's turn) holds only the writes.
    /// </summary>
    private async Task SaveAsync(int meetingId, int siteId, CheckIn checkIn, Func<SiteCount, CancellationToken, Task<int>> count, CancellationToken cancellationToken)
    {
        var site = await db.Sites.AsNoTracking().Where(s => s.Id == siteId)
            .Select(s => new SiteCount(s.Id, 0, db.Participants.Count(p => p.MeetingId == meetingId && p.SiteId == s.Id), s.Capacity))
            .FirstAsync(cancellationToken);
        try
        {
            await feed.SaveAsync(db, meetingId, async token =>
            {
                var counted = site with { Present = await count(site, token) };
                return [new LiveChange(AttendanceChange.EventType, new AttendanceChange(counted, CheckInDto.From(checkIn)), LiveAudience.Site, siteId)];
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(new("CheckIn", "Điểm danh của {0} vừa được người khác cập nhật; hãy xem danh sách mới.", checkIn.Name));
        }
    }

    private static ConflictException AlreadyPresent(string name, DateTime? at) => new(at is { } time
        ? new RuleViolation("ParticipantId", "{0} đã điểm danh lúc {1}; mỗi giấy mời chỉ điểm danh một lần.", name, VietnamTime.Format(time))
        : new RuleViolation("ParticipantId", "{0} vừa được điểm danh cùng lúc ở nơi khác; mỗi giấy mời chỉ điểm danh một lần.", name));

    private async Task<bool> CanWorkAsync(int meetingId, int siteId, CancellationToken cancellationToken) =>
        await meetings.CanOperateSiteAsync(db, meetingId, siteId, cancellationToken) switch
        {
            null => false,
            true => true,
            false => throw new ForbiddenException(new("Site", "Bạn chỉ được xem, không được điểm danh thay cho điểm cầu này.")),
        };
}
