using System.Globalization;
using DienHong.Data;
using DienHong.Features.Drafting;
using DienHong.Features.Incidents;
using DienHong.Features.Localization;
using DienHong.Features.Participants;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Sittings;

/// <summary>
/// The minutes' record of one sitting, read from what was logged while it ran: when it started and
/// ended, where, who presided, who was present at each site, each item's actual times and the
/// incidents with their durations. A handful of grouped queries, whatever the number of people.
/// </summary>
public static class SittingMinutes
{
    public static async Task<MinutesView?> RecordAsync(DienHongDbContext db, int meetingId, int sittingId, CancellationToken cancellationToken = default)
    {
        var sitting = await db.Sittings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sittingId && s.MeetingId == meetingId, cancellationToken);
        if (sitting is null)
        {
            return null;
        }

        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => new { m.Place, m.SignerName }).FirstAsync(cancellationToken);
        var start = sitting.StartedAt ?? sitting.PlannedStart;
        var end = sitting.EndedAt;
        var until = end ?? DateTime.MaxValue;
        var sites = await db.Sites.AsNoTracking().Where(s => s.MeetingId == meetingId)
            .OrderByDescending(s => s.IsHost).ThenBy(s => s.Level).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Name, s.IsHost, s.Capacity }).ToListAsync(cancellationToken);
        // Present during the sitting: checked in before it ended and not gone before it began.
        var present = await db.CheckIns.Where(c => c.MeetingId == meetingId && c.CheckedInAt <= until && (c.CheckedOutAt == null || c.CheckedOutAt >= start))
            .GroupBy(c => c.SiteId).Select(g => new { SiteId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.SiteId, g => g.Count, cancellationToken);
        var presiding = await db.Participants.AsNoTracking().Where(p => p.MeetingId == meetingId && p.Role == ParticipantRole.Presiding)
            .OrderBy(p => p.Id).Select(p => new { p.PersonName, p.Title }).ToListAsync(cancellationToken);
        var runs = await db.AgendaItemRuns.AsNoTracking().Where(r => r.SittingId == sittingId).ToListAsync(cancellationToken);
        var itemIds = runs.Select(r => r.AgendaItemId).Distinct().ToList();
        var items = await db.AgendaItems.AsNoTracking().Where(a => itemIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => i.MeetingId == meetingId && i.OpenedAt <= until && (i.ClosedAt == null || i.ClosedAt >= start))
            .OrderBy(i => i.OpenedAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);

        // Delegates (participants who vote from an account) present during the sitting, against the body's membership that day.
        var delegatesPresent = await db.CheckIns.Where(c => c.MeetingId == meetingId && c.ParticipantId != null && c.CheckedInAt <= until && (c.CheckedOutAt == null || c.CheckedOutAt >= start)
                && db.Participants.Any(p => p.Id == c.ParticipantId && p.UserId != null))
            .Select(c => c.ParticipantId).Distinct().CountAsync(cancellationToken);
        int? members = await Voting.Quorum.BodyIdAsync(db, meetingId, cancellationToken) is { } body ? await Voting.Quorum.MembersOnAsync(db, body, Voting.Quorum.Today(start), cancellationToken) : null;
        var speeches = await SpeechesAsync(db, meetingId, start, until, itemIds, cancellationToken);
        var votes = await Voting.VoteRecords.OfSittingAsync(db, meetingId, sittingId, cancellationToken);

        var siteNames = sites.ToDictionary(s => s.Id, s => s.Name);
        var host = sites.FirstOrDefault(s => s.IsHost)?.Name;
        var place = string.Join(", ", new[] { host, meeting.Place }.Where(p => !string.IsNullOrWhiteSpace(p)));
        var chair = presiding.Count > 0
            ? string.Join("; ", presiding.Select(p => p.Title is { Length: > 0 } title ? $"{p.PersonName}, {title}" : p.PersonName))
            : meeting.SignerName ?? "…";
        var proceedings = runs.GroupBy(r => r.AgendaItemId)
            .Select(g => (Item: items[g.Key], Started: g.Min(r => r.StartedAt), Ended: g.Any(r => r.EndedAt is null) ? (DateTime?)null : g.Max(r => r.EndedAt)))
            .OrderBy(p => p.Started)
            .Select(p => new ProceedingView($"{p.Item.Order}. {p.Item.Content.Trim()}", ItemTimes(p.Item.PlannedMinutes, p.Started, p.Ended)))
            .ToList();
        var localStart = VietnamTime.ToLocal(start);
        return new MinutesView(
            DateOnly.FromDateTime(localStart), TimeOnly.FromDateTime(localStart), end is { } ended ? TimeOnly.FromDateTime(VietnamTime.ToLocal(ended)) : null,
            string.IsNullOrEmpty(place) ? "…" : place, chair, "…",
            [.. sites.Select((s, n) => new AttendanceView(Number(n), s.Name, present.GetValueOrDefault(s.Id), s.Capacity))],
            proceedings, null)
        {
            Incidents = [.. incidents.Select((i, n) => new IncidentView(
                Number(n), i.SiteId is { } site ? siteNames.GetValueOrDefault(site, "—") : "—", Labels.IncidentKinds[i.Kind], i.Description,
                Clock(i.OpenedAt), i.ClosedAt is { } closed ? Clock(closed) : null,
                i.Duration is { } d ? IncidentQueries.Duration((int)Math.Round(d.TotalSeconds)) : "chưa khắc phục"))],
            Speakers = [.. speeches.Where(r => r.StartedAt is not null).Select((r, n) => new SpeakerView(
                Number(n), SpeakerName(r), r.SiteName, $"{r.ItemOrder}. {r.Item.Trim()}", Clock(r.StartedAt!.Value),
                r.SpokenSeconds is { } spoken ? SpeechLength(spoken) : "đang phát biểu"))],
            WrittenSpeeches = [.. speeches.Where(r => r.WrittenSpeech is not null).Select((r, n) => new WrittenSpeechView(
                Number(n), SpeakerName(r), r.SiteName, $"{r.ItemOrder}. {r.Item.Trim()}", r.WrittenSpeech!))],
            Votes = votes,
            Sitting = sitting.Title,
            DelegatesPresent = delegatesPresent,
            Members = members is > 0 ? members : null,
        };
    }

    /// <summary>
    /// The floor's record for the sitting: speeches given while it ran, and speeches handed in
    /// writing while it ran or, before it ended, on the items it took up.
    /// </summary>
    private static async Task<List<Floor.SpeechRecord>> SpeechesAsync(DienHongDbContext db, int meetingId, DateTime start, DateTime until, List<int> itemIds, CancellationToken cancellationToken)
    {
        var record = await Floor.FloorService.RecordAsync(db, meetingId, cancellationToken);
        return [.. record.Where(r => r.StartedAt is { } started
            ? started >= start && started <= until
            : r.WrittenAt is { } written && written <= until && (written >= start || itemIds.Contains(r.AgendaItemId)))];
    }

    /// <summary>A speech's length to the second, as the clock kept it: "7 phút 5 giây", "3 phút", "45 giây".</summary>
    private static string SpeechLength(int seconds) => (seconds / 60, seconds % 60) switch
    {
        (0, var s) => $"{s} giây",
        (var m, 0) => $"{m} phút",
        (var m, var s) => $"{m} phút {s} giây",
    };

    /// <summary>"Nguyễn Văn A (thôn 3)", or the site as a whole.</summary>
    private static string SpeakerName(Floor.SpeechRecord speech) =>
        speech.WholeSite ? $"Điểm cầu {speech.SiteName}" : string.IsNullOrWhiteSpace(speech.Address) ? speech.Name : $"{speech.Name} ({speech.Address})";

    private static string Number(int index) => (index + 1).ToString("00", CultureInfo.InvariantCulture);

    private static string Clock(DateTime utc) => VietnamTime.ToLocal(utc).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"Từ 08:05 đến 08:50 (45 phút; kế hoạch 30 phút)."</summary>
    private static string ItemTimes(int? planned, DateTime started, DateTime? ended)
    {
        var plan = planned is { } minutes ? $"kế hoạch {minutes} phút" : null;
        if (ended is not { } end)
        {
            return $"Bắt đầu lúc {Clock(started)}, chưa kết thúc{(plan is null ? "" : $" ({plan})")}.";
        }

        var spent = IncidentQueries.Duration((int)Math.Round((end - started).TotalSeconds));
        return $"Từ {Clock(started)} đến {Clock(end)} ({spent}{(plan is null ? "" : $"; {plan}")}).";
    }
}
