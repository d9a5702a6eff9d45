using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Incidents;
using DienHong.Features.Live;
using DienHong.Features.Readiness;
using DienHong.Features.Validation;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Video;

/// <summary>
/// Letting consoles and people into the meeting's room, and hearing what the consoles see. A
/// console that drops out of the room opens a connection incident on its site; back in the room, the
/// incident closes and its duration is recorded.
/// </summary>
public sealed class VideoService(DienHongDbContext db, MeetingAccess meetings, CurrentUser user, LiveFeed feed, IVideoEngine engine, TimeProvider clock)
{
    /// <summary>Who opens and closes the incidents the consoles' reports cause.</summary>
    public const string Reporter = "Hệ thống video";
    public const int MaxParticipants = 10_000;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A site console's way into the room: the site's name shows in the conference; the host's console moderates.</summary>
    public async Task<VideoAccess?> SiteJoinAsync(int meetingId, int siteId, CancellationToken cancellationToken = default)
    {
        if (await meetings.CanOperateSiteAsync(db, meetingId, siteId, cancellationToken) is not { } mayOperate)
        {
            return null;
        }

        if (!mayOperate)
        {
            throw new ForbiddenException(new("Site", "Chỉ người điều hành điểm cầu này mới vào phòng video thay cho điểm cầu."));
        }

        if (!engine.Configured)
        {
            return new VideoAccess(false, null, VideoAccess.NotConfigured);
        }

        var site = await db.Sites.AsNoTracking().Where(s => s.Id == siteId && s.MeetingId == meetingId).Select(s => new { s.Name, s.IsHost }).FirstAsync(cancellationToken);
        var who = new VideoIdentity($"site-{siteId}", site.Name, null, site.IsHost);
        return new VideoAccess(true, engine.Join(engine.RoomFor(meetingId), who, Now), null);
    }

    /// <summary>A person's own way into the room (a delegate on their device); the secretariat moderates.</summary>
    public async Task<VideoAccess?> PersonJoinAsync(int meetingId, CancellationToken cancellationToken = default)
    {
        if (!await meetings.CanSeeMeetingAsync(db, meetingId, cancellationToken))
        {
            return null;
        }

        if (!engine.Configured)
        {
            return new VideoAccess(false, null, VideoAccess.NotConfigured);
        }

        var who = new VideoIdentity($"user-{user.Id}", user.Name, null, meetings.CanPlan);
        return new VideoAccess(true, engine.Join(engine.RoomFor(meetingId), who, Now), null);
    }

    /// <summary>Records what a console saw; a drop opens an incident, a return closes it.</summary>
    public async Task<SiteVideoDto?> ReportAsync(int meetingId, int siteId, VideoReport report, CancellationToken cancellationToken = default)
    {
        switch (await meetings.CanOperateSiteAsync(db, meetingId, siteId, cancellationToken))
        {
            case null:
                return null;
            case false:
                throw new ForbiddenException(new("Site", "Chỉ bảng điều khiển của điểm cầu này mới báo tình trạng video của nó."));
        }

        Check(report);
        // Two reports of one site at once (a join and a count): the later one reads the new state and goes again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyAsync(meetingId, siteId, report, cancellationToken);
            }
            catch (DbUpdateException exception) when (attempt < 3 && (exception is DbUpdateConcurrencyException || exception.IsUniqueViolation()))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static void Check(VideoReport report)
    {
        var violations = new List<RuleViolation>();
        if (!Enum.IsDefined(report.Event))
        {
            violations.Add(new("Event", "Sự kiện video \"{0}\" không hợp lệ.", report.Event));
        }

        if (report.Participants is < 0 or > MaxParticipants)
        {
            violations.Add(new("Participants", "Số người trong phòng video {0} không hợp lý (từ 0 đến {1}).", report.Participants, MaxParticipants));
        }

        if (report.Quality is { } quality && !Enum.IsDefined(quality))
        {
            violations.Add(new("Quality", "Chất lượng kết nối chỉ là tốt, trung bình hoặc kém."));
        }

        if (report.Message?.Length > Text.TextLimits.Line)
        {
            violations.Add(new("Message", "Thông báo lỗi dài quá {0} ký tự.", Text.TextLimits.Line));
        }

        RuleViolationException.ThrowIfAny(violations);
    }

    private async Task<SiteVideoDto> ApplyAsync(int meetingId, int siteId, VideoReport report, CancellationToken cancellationToken)
    {
        var now = Now;
        var state = await db.SiteVideos.FirstOrDefaultAsync(v => v.SiteId == siteId, cancellationToken);
        if (state is null)
        {
            state = new SiteVideo { SiteId = siteId, MeetingId = meetingId, Since = now };
            db.SiteVideos.Add(state);
        }

        var message = string.IsNullOrWhiteSpace(report.Message) ? null : report.Message.Trim();
        switch (report.Event)
        {
            case VideoEvent.Joined:
                if (!state.InRoom)
                {
                    state.Since = now;
                }

                state.InRoom = true;
                state.Participants = report.Participants ?? Math.Max(state.Participants, 1);
                state.Quality = report.Quality ?? Readiness.SignalQuality.Good;
                state.LastError = null;
                await CloseDropAsync(state, now, cancellationToken);
                break;
            case VideoEvent.Left:
            case VideoEvent.Error when report.Fatal:
                state.LastError = message ?? state.LastError;
                if (state.InRoom)
                {
                    state.InRoom = false;
                    state.Since = now;
                    state.Participants = 0;
                    state.Quality = null;
                    OpenDrop(state, meetingId, siteId, message, now);
                }

                break;
            case VideoEvent.Error:
                state.LastError = message ?? "Lỗi không rõ";
                break;
            case VideoEvent.Participants:
                state.Participants = report.Participants ?? state.Participants;
                break;
            case VideoEvent.Quality:
                state.Quality = report.Quality ?? state.Quality;
                break;
        }

        state.ReportedAt = now;
        state.Version++;
        await feed.SaveAsync(db, meetingId, async token =>
        {
            var tile = (await ReadinessQueries.TilesAsync(db, meetingId, siteId, now, token)).Single();
            return [new LiveChange(SiteChange.EventType, new SiteChange(tile), LiveAudience.Site, siteId)];
        }, cancellationToken);
        return SiteVideoDto.From(state);
    }

    private void OpenDrop(SiteVideo state, int meetingId, int siteId, string? message, DateTime now)
    {
        var incident = new Incident
        {
            MeetingId = meetingId,
            SiteId = siteId,
            Kind = IncidentKind.ConnectionLost,
            Description = message is null ? "Điểm cầu rời phòng video." : $"Điểm cầu rời phòng video: {message}",
            OpenedAt = now,
            OpenedBy = Reporter,
            Version = 1,
        };
        db.Incidents.Add(incident);
        state.DropIncident = incident;
    }

    private async Task CloseDropAsync(SiteVideo state, DateTime now, CancellationToken cancellationToken)
    {
        if (state.DropIncidentId is not { } id)
        {
            return;
        }

        state.DropIncidentId = null;
        state.DropIncident = null;
        // Someone may have closed it by hand meanwhile: then it keeps their time and words.
        if (await db.Incidents.FirstOrDefaultAsync(i => i.Id == id && i.ClosedAt == null, cancellationToken) is { } incident)
        {
            incident.ClosedAt = now;
            incident.ClosedBy = Reporter;
            incident.Resolution = "Điểm cầu đã vào lại phòng video.";
            incident.Version++;
        }
    }
}
