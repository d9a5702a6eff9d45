using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Live;
using DienHong.Features.Validation;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Voting;

/// <summary>
/// The meeting's body (its lead organizer) as a voting body: its quorum rule, its dated
/// membership, and which participants are its delegates (each linked to their own account in the
/// Delegate role). For the secretariat, through the API and the pages alike; null when the meeting
/// is not found or not visible.
/// </summary>
public sealed class MembershipService(DienHongDbContext db, MeetingAccess meetings, CurrentUser user, LiveFeed feed, TimeProvider clock)
{
    public async Task<MembershipDto?> GetAsync(int meetingId, CancellationToken cancellationToken = default)
    {
        if (!await meetings.CanSeeMeetingAsync(db, meetingId, cancellationToken) || await Quorum.BodyIdAsync(db, meetingId, cancellationToken) is not { } body)
        {
            return null;
        }

        return await ReadAsync(meetingId, body, cancellationToken);
    }

    public async Task<MembershipDto?> SetBodyAsync(int meetingId, BodyInput input, CancellationToken cancellationToken = default)
    {
        if (await PlannedBodyAsync(meetingId, cancellationToken) is not { } body)
        {
            return null;
        }

        if (!Enum.IsDefined(input.QuorumRule))
        {
            throw new RuleViolationException([new("QuorumRule", "Quy tắc túc số không hợp lệ.")]);
        }

        var row = await db.VotingBodies.FirstOrDefaultAsync(b => b.OrganizationId == body, cancellationToken);
        if (row is null)
        {
            db.VotingBodies.Add(new VotingBody { OrganizationId = body, QuorumRule = input.QuorumRule, Version = 1 });
        }
        else
        {
            if (input.Version != 0 && input.Version != row.Version)
            {
                throw new ConflictException(new("Version", "Quy tắc túc số vừa được người khác thay đổi; hãy tải lại rồi làm lại."));
            }

            row.QuorumRule = input.QuorumRule;
            row.Version++;
        }

        await SaveAsync(meetingId, cancellationToken);
        return await ReadAsync(meetingId, body, cancellationToken);
    }

    public async Task<MembershipDto?> AddChangeAsync(int meetingId, MembershipChangeInput input, CancellationToken cancellationToken = default)
    {
        if (await PlannedBodyAsync(meetingId, cancellationToken) is not { } body)
        {
            return null;
        }

        var violations = new List<RuleViolation>();
        if (input.Members is < 1 or > 10_000)
        {
            violations.Add(new("Members", "Tổng số đại biểu phải từ 1 đến 10.000."));
        }

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            violations.Add(new("Reason", "Hãy ghi lý do thay đổi, ví dụ \"Đầu nhiệm kỳ\" hoặc \"Bầu bổ sung 01 đại biểu\"."));
        }

        if (input.EffectiveOn < SaveChecks.EarliestDate || input.EffectiveOn > SaveChecks.LatestDate)
        {
            violations.Add(new("EffectiveOn", "Ngày có hiệu lực không hợp lệ."));
        }

        RuleViolationException.ThrowIfAny(violations);
        if (await db.MembershipChanges.AnyAsync(c => c.OrganizationId == body && c.EffectiveOn == input.EffectiveOn, cancellationToken))
        {
            throw new RuleViolationException([new("EffectiveOn", "Ngày {0:dd/MM/yyyy} đã có một thay đổi tổng số đại biểu; mỗi ngày ghi một lần.", input.EffectiveOn)]);
        }

        db.MembershipChanges.Add(new MembershipChange { OrganizationId = body, EffectiveOn = input.EffectiveOn, Members = input.Members, Reason = reason!, RecordedBy = user.Name });
        await SaveAsync(meetingId, cancellationToken);
        return await ReadAsync(meetingId, body, cancellationToken);
    }

    /// <summary>Links a participant of the meeting to the account (Delegate role) they vote from.</summary>
    public async Task<MembershipDto?> LinkDelegateAsync(int meetingId, int participantId, DelegateInput input, CancellationToken cancellationToken = default)
    {
        if (await PlannedBodyAsync(meetingId, cancellationToken) is not { } body)
        {
            return null;
        }

        if (!await db.Participants.AnyAsync(p => p.Id == participantId && p.MeetingId == meetingId, cancellationToken))
        {
            return null;
        }

        var name = input.UserName?.Trim().ToUpperInvariant();
        var account = string.IsNullOrEmpty(name) ? null : await db.Users.Where(u => u.NormalizedUserName == name).Select(u => new { u.Id, u.UserName }).FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            throw new RuleViolationException([new("UserName", "Không có tài khoản \"{0}\".", input.UserName)]);
        }

        var isDelegate = await db.UserRoles.AnyAsync(r => r.UserId == account.Id && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Delegate), cancellationToken);
        if (!isDelegate)
        {
            throw new RuleViolationException([new("UserName", "Tài khoản \"{0}\" không có vai trò Đại biểu nên không biểu quyết được.", account.UserName)]);
        }

        if (await db.Participants.AnyAsync(p => p.MeetingId == meetingId && p.UserId == account.Id && p.Id != participantId, cancellationToken))
        {
            throw new RuleViolationException([new("UserName", "Tài khoản \"{0}\" đã gắn với một đại biểu khác của cuộc họp này.", account.UserName)]);
        }

        var person = await db.Participants.FirstAsync(p => p.Id == participantId, cancellationToken);
        person.UserId = account.Id;

        await SaveAsync(meetingId, cancellationToken);
        return await ReadAsync(meetingId, body, cancellationToken);
    }

    public async Task<MembershipDto?> UnlinkDelegateAsync(int meetingId, int participantId, CancellationToken cancellationToken = default)
    {
        if (await PlannedBodyAsync(meetingId, cancellationToken) is not { } body)
        {
            return null;
        }

        var person = await db.Participants.FirstOrDefaultAsync(p => p.Id == participantId && p.MeetingId == meetingId && p.UserId != null, cancellationToken);
        if (person is null)
        {
            return null;
        }

        person.UserId = null;
        await SaveAsync(meetingId, cancellationToken);
        return await ReadAsync(meetingId, body, cancellationToken);
    }

    private async Task<MembershipDto> ReadAsync(int meetingId, int body, CancellationToken cancellationToken)
    {
        var name = await db.Organizations.Where(o => o.Id == body).Select(o => o.Name).FirstAsync(cancellationToken);
        var settings = await db.VotingBodies.AsNoTracking().FirstOrDefaultAsync(b => b.OrganizationId == body, cancellationToken);
        var changes = await db.MembershipChanges.AsNoTracking().Where(c => c.OrganizationId == body).OrderBy(c => c.EffectiveOn)
            .Select(c => new MembershipChangeDto(c.Id, c.EffectiveOn, c.Members, c.Reason)).ToListAsync(cancellationToken);
        var delegates = await (from p in db.Participants
                               where p.MeetingId == meetingId && p.UserId != null
                               join u in db.Users on p.UserId equals u.Id
                               select new
                               {
                                   p.Id,
                                   p.PersonName,
                                   p.Title,
                                   u.UserName,
                                   p.SiteId,
                                   Present = db.CheckIns.Where(c => c.ParticipantId == p.Id && c.CheckedOutAt == null).Select(c => (int?)c.SiteId).FirstOrDefault(),
                               }).ToListAsync(cancellationToken);
        return new MembershipDto(body, name, settings?.QuorumRule ?? QuorumRule.TwoThirdsOfMembers, settings?.Version ?? 0, changes,
            [.. delegates.OrderBy(d => d.PersonName ?? d.Title, Comparer<string?>.Create((a, b) => Text.VietnameseText.Compare(a ?? "", b ?? "")))
                .Select(d => new DelegateDto(d.Id, d.PersonName ?? d.Title ?? "", d.UserName ?? "", d.SiteId, d.Present))]);
    }

    /// <summary>The meeting's body when the user may plan the meeting; null when not visible; 403 when they only watch.</summary>
    private async Task<int?> PlannedBodyAsync(int meetingId, CancellationToken cancellationToken)
    {
        switch (await meetings.VerdictAsync(db, meetingId, null, MeetingAction.Plan, cancellationToken))
        {
            case AccessVerdict.NotFound:
                return null;
            case AccessVerdict.Forbidden:
                throw new ForbiddenException(new("Meeting", "Chỉ bộ phận giúp việc của cuộc họp mới khai báo đại biểu và túc số."));
        }

        return await Quorum.BodyIdAsync(db, meetingId, cancellationToken)
            ?? throw new RuleViolationException([new("Organizers", "Cuộc họp chưa có cơ quan chủ trì nên chưa biết tổng số đại biểu của cơ quan nào; hãy chọn cơ quan chủ trì trước.")]);
    }

    /// <summary>Saves and tells the consoles the new quorum (the membership or the delegates changed).</summary>
    private async Task SaveAsync(int meetingId, CancellationToken cancellationToken)
    {
        try
        {
            await feed.SaveAsync(db, meetingId, async token =>
                [new LiveChange(QuorumState.EventType, await Quorum.StateAsync(db, meetingId, clock.GetUtcNow().UtcDateTime, token), LiveAudience.Meeting)], cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || exception.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(new("Version", "Danh sách đại biểu vừa được người khác thay đổi cùng lúc; hãy tải lại rồi làm lại."));
        }
    }
}
