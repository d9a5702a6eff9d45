using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Live;
using DienHong.Features.Localization;
using DienHong.Features.Validation;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Sittings;

/// <summary>
/// Running the meeting: sittings planned, started, paused, resumed and ended, and the current
/// agenda item. For the API and the "Điều hành" page alike: checks the user may chair the meeting,
/// writes the few rows concerned and records the new <see cref="ConductState"/> as a live event.
/// Returns null when the meeting or the sitting is not found (or not visible); throws
/// <see cref="RuleViolationException"/> for a step the state does not allow,
/// <see cref="ConflictException"/> when someone did something else first and
/// <see cref="ForbiddenException"/> when the user may only watch — in each case with nothing written.
/// </summary>
public sealed class SittingService(DienHongDbContext db, MeetingAccess meetings, CurrentUser user, LiveFeed feed, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<SittingDto?> CreateAsync(int meetingId, SittingInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken))
        {
            return null;
        }

        var violations = new List<RuleViolation>();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            violations.Add(new("Title", "Hãy đặt tên phiên họp, ví dụ \"Phiên sáng 19/11\"."));
        }

        if (input.PlannedEnd <= input.PlannedStart)
        {
            violations.Add(new("PlannedEnd", "Giờ kết thúc dự kiến phải sau giờ bắt đầu dự kiến."));
        }
        else if (input.PlannedEnd - input.PlannedStart > TimeSpan.FromHours(24))
        {
            violations.Add(new("PlannedEnd", "Một phiên họp không dài quá 24 giờ; hãy chia thành nhiều phiên."));
        }

        RuleViolationException.ThrowIfAny(violations);
        var sitting = new Sitting
        {
            MeetingId = meetingId,
            Title = title!,
            PhaseName = string.IsNullOrWhiteSpace(input.PhaseName) ? null : input.PhaseName.Trim(),
            PlannedStart = input.PlannedStart,
            PlannedEnd = input.PlannedEnd,
            Version = 1,
        };
        db.Sittings.Add(sitting);
        await SaveAsync(meetingId, cancellationToken);
        return SittingDto.From(sitting);
    }

    /// <summary>Adds the sittings the plan implies (each phase's days, or the meeting's), leaving out titles the meeting has already.</summary>
    public async Task<List<SittingDto>?> ProposeAsync(int meetingId, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken))
        {
            return null;
        }

        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => new { m.StartsAt, m.EndsAt }).FirstAsync(cancellationToken);
        var phases = await db.MeetingPhases.AsNoTracking().Where(p => p.MeetingId == meetingId).OrderBy(p => p.StartsAt)
            .Select(p => new { p.Name, p.StartsAt, p.EndsAt }).ToListAsync(cancellationToken);
        var spans = phases.Count > 0
            ? phases.Select(p => ((string?)p.Name, p.StartsAt, p.EndsAt)).ToList()
            : [(null, meeting.StartsAt, meeting.EndsAt)];
        var existing = (await db.Sittings.Where(s => s.MeetingId == meetingId).Select(s => s.Title).ToListAsync(cancellationToken)).ToHashSet();
        var added = SittingPlan.Propose(spans)
            .Where(p => existing.Add(p.Title))
            .Select(p => new Sitting { MeetingId = meetingId, Title = p.Title, PhaseName = p.PhaseName, PlannedStart = p.PlannedStart, PlannedEnd = p.PlannedEnd, Version = 1 })
            .ToList();
        if (added.Count > 0)
        {
            db.Sittings.AddRange(added);
            await SaveAsync(meetingId, cancellationToken);
        }

        return [.. added.Select(SittingDto.From)];
    }

    /// <summary>Start, pause, resume or end: only the steps the sitting's state allows.</summary>
    public async Task<SittingDto?> ChangeStateAsync(int meetingId, int sittingId, SittingStateInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken))
        {
            return null;
        }

        var sitting = await db.Sittings.FirstOrDefaultAsync(s => s.Id == sittingId && s.MeetingId == meetingId, cancellationToken);
        if (sitting is null)
        {
            return null;
        }

        if (input.Version != 0 && input.Version != sitting.Version)
        {
            throw new ConflictException(new("Version", "Phiên họp \"{0}\" vừa được người khác chuyển sang \"{1}\"; hãy xem trạng thái mới rồi làm lại.", sitting.Title, Labels.Of(sitting.State)));
        }

        if (!Enum.IsDefined(input.State) || !SittingPlan.CanMove(sitting.State, input.State))
        {
            throw new RuleViolationException([new("State", "Phiên họp \"{0}\" đang ở trạng thái \"{1}\", không chuyển sang \"{2}\" được.", sitting.Title, Labels.Of(sitting.State), Labels.Of(input.State))]);
        }

        var now = Now;
        switch (input.State)
        {
            case SittingState.InProgress when sitting.State == SittingState.NotStarted:
                if (await db.Sittings.AsNoTracking().FirstOrDefaultAsync(s => s.MeetingId == meetingId && (s.State == SittingState.InProgress || s.State == SittingState.Paused), cancellationToken) is { } running)
                {
                    throw new RuleViolationException([new("State", "Phiên \"{0}\" đang họp; hãy kết thúc phiên đó trước khi bắt đầu phiên \"{1}\".", running.Title, sitting.Title)]);
                }

                sitting.StartedAt = now;
                sitting.StartedBy = user.Name;
                break;
            case SittingState.InProgress:
                sitting.PausedSeconds += Seconds(now - sitting.PausedAt!.Value);
                sitting.PausedAt = null;
                break;
            case SittingState.Paused:
                sitting.PausedAt = now;
                break;
            case SittingState.Ended:
                if (sitting.PausedAt is { } paused)
                {
                    sitting.PausedSeconds += Seconds(now - paused);
                    sitting.PausedAt = null;
                }

                sitting.EndedAt = now;
                sitting.EndedBy = user.Name;
                // The item under discussion ends with the sitting; the next sitting takes one up again.
                foreach (var run in await db.AgendaItemRuns.Where(r => r.SittingId == sitting.Id && r.EndedAt == null).ToListAsync(cancellationToken))
                {
                    run.EndedAt = now;
                    run.Version++;
                }

                break;
        }

        sitting.State = input.State;
        sitting.Version++;
        await SaveAsync(meetingId, cancellationToken, sitting.Title, floor: input.State == SittingState.Ended);
        return SittingDto.From(sitting);
    }

    /// <summary>A sitting not started yet may be removed; one that ran is part of the record.</summary>
    public async Task<bool?> DeleteAsync(int meetingId, int sittingId, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken))
        {
            return null;
        }

        var sitting = await db.Sittings.FirstOrDefaultAsync(s => s.Id == sittingId && s.MeetingId == meetingId, cancellationToken);
        if (sitting is null)
        {
            return null;
        }

        if (sitting.State != SittingState.NotStarted)
        {
            throw new RuleViolationException([new("State", "Phiên họp \"{0}\" đã bắt đầu nên là một phần của biên bản, không xóa được.", sitting.Title)]);
        }

        db.Sittings.Remove(sitting);
        await SaveAsync(meetingId, cancellationToken, sitting.Title);
        return true;
    }

    /// <summary>
    /// Makes an agenda item the current one in the running sitting: ends the previous item's run and
    /// starts a run of this one, in one transaction. Null ends the current item without another.
    /// </summary>
    public async Task<ConductState?> SetCurrentItemAsync(int meetingId, CurrentItemInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken))
        {
            return null;
        }

        var current = await db.AgendaItemRuns.FirstOrDefaultAsync(r => r.MeetingId == meetingId && r.EndedAt == null, cancellationToken);
        var now = Now;
        if (input.AgendaItemId is { } itemId)
        {
            var item = await db.AgendaItems.AsNoTracking().Where(a => a.Id == itemId && a.MeetingId == meetingId).Select(a => new { a.Order, a.Content }).FirstOrDefaultAsync(cancellationToken);
            if (item is null)
            {
                throw new RuleViolationException([new("AgendaItemId", "Mục {0} không có trong chương trình của cuộc họp này.", itemId)]);
            }

            var sitting = await db.Sittings.AsNoTracking().FirstOrDefaultAsync(s => s.MeetingId == meetingId && (s.State == SittingState.InProgress || s.State == SittingState.Paused), cancellationToken);
            if (sitting?.State != SittingState.InProgress)
            {
                throw new RuleViolationException([sitting is null
                    ? new("AgendaItemId", "Chưa có phiên họp nào đang họp; hãy bắt đầu phiên họp trước khi chuyển sang mục \"{0}\".", item.Content)
                    : new("AgendaItemId", "Phiên \"{0}\" đang tạm dừng; hãy tiếp tục phiên họp trước khi chuyển mục.", sitting.Title)]);
            }

            if (current?.AgendaItemId == itemId)
            {
                throw new RuleViolationException([new("AgendaItemId", "Mục {0}. \"{1}\" đang là mục hiện tại.", item.Order, item.Content)]);
            }

            db.AgendaItemRuns.Add(new AgendaItemRun { MeetingId = meetingId, AgendaItemId = itemId, SittingId = sitting.Id, StartedAt = now, Version = 1 });
        }
        else if (current is null)
        {
            throw new RuleViolationException([new("AgendaItemId", "Không có mục nào đang là mục hiện tại.")]);
        }

        if (current is not null)
        {
            current.EndedAt = now;
            current.Version++;
        }

        await SaveAsync(meetingId, cancellationToken, "Mục hiện tại", floor: true);
        return await ConductAsync(db, meetingId, cancellationToken);
    }

    /// <summary>The sittings and the agenda with actual times: a few small indexed reads, whatever the number of participants.</summary>
    public static async Task<ConductState> ConductAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default)
    {
        var sittings = await db.Sittings.AsNoTracking().Where(s => s.MeetingId == meetingId).OrderBy(s => s.PlannedStart).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var items = await db.AgendaItems.AsNoTracking().Where(a => a.MeetingId == meetingId).OrderBy(a => a.Order).ToListAsync(cancellationToken);
        var runs = (await db.AgendaItemRuns.AsNoTracking().Where(r => r.MeetingId == meetingId).ToListAsync(cancellationToken)).ToLookup(r => r.AgendaItemId);
        var current = runs.SelectMany(g => g).FirstOrDefault(r => r.EndedAt is null);
        var agenda = items.Select(a =>
        {
            var own = runs[a.Id].ToList();
            var open = own.Any(r => r.EndedAt is null);
            return new AgendaTimingDto(a.Id, a.Order, a.Content, a.Presenter, a.PlannedMinutes,
                own.Count > 0 ? own.Min(r => r.StartedAt) : null,
                own.Count > 0 && !open ? own.Max(r => r.EndedAt) : null,
                own.Where(r => r.EndedAt is not null).Sum(r => Seconds(r.EndedAt!.Value - r.StartedAt)),
                open);
        }).ToList();
        var running = sittings.FirstOrDefault(s => s.State is SittingState.InProgress or SittingState.Paused);
        return new ConductState(meetingId, [.. sittings.Select(SittingDto.From)], agenda, running?.Id, current?.AgendaItemId);
    }

    private static int Seconds(TimeSpan span) => (int)Math.Max(0, Math.Round(span.TotalSeconds));

    private async Task<bool> CanChairAsync(int meetingId, CancellationToken cancellationToken) =>
        await meetings.VerdictAsync(db, meetingId, null, MeetingAction.Chair, cancellationToken) switch
        {
            AccessVerdict.Allowed => true,
            AccessVerdict.Forbidden => throw new ForbiddenException(new("Meeting", "Chỉ chủ tọa hoặc bộ phận giúp việc của cuộc họp mới được điều hành cuộc họp.")),
            _ => false,
        };

    /// <summary>Saves with the meeting's new conduct as the event; two people acting at once get one result and a message.</summary>
    /// <summary>With <paramref name="floor"/>, the floor's new state too: another item has other requests to speak.</summary>
    private async Task SaveAsync(int meetingId, CancellationToken cancellationToken, string what = "Phiên họp", bool floor = false)
    {
        try
        {
            await feed.SaveAsync(db, meetingId, async token =>
            {
                var conduct = new LiveChange(ConductState.EventType, await ConductAsync(db, meetingId, token), LiveAudience.Public);
                return floor
                    ? [conduct, new LiveChange(Floor.FloorState.EventType, Floor.FloorEvent.Of(await Floor.FloorService.StateAsync(db, meetingId, token)), LiveAudience.Public)]
                    : [conduct];
            }, cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || exception.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(new("Version", "\"{0}\" vừa được người khác thay đổi cùng lúc; hãy xem trạng thái mới rồi làm lại.", what));
        }
    }
}
