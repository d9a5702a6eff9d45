using System.Globalization;
using DienHong.Features.Text;

namespace DienHong.Features.Sittings;

/// <summary>A sitting the plan implies, before it is saved.</summary>
public sealed record ProposedSitting(string Title, string? PhaseName, DateTime PlannedStart, DateTime PlannedEnd);

/// <summary>The rules of sittings that need no database: which steps are allowed, and which sittings a plan implies.</summary>
public static class SittingPlan
{
    // Office hours in Vietnam time: a morning sitting ends by 11h30, an afternoon one starts at 13h30.
    private static readonly TimeSpan DayStart = new(7, 30, 0);
    private static readonly TimeSpan MorningEnd = new(11, 30, 0);
    private static readonly TimeSpan AfternoonStart = new(13, 30, 0);
    private static readonly TimeSpan DayEnd = new(17, 0, 0);

    public static bool CanMove(SittingState from, SittingState to) => (from, to) switch
    {
        (SittingState.NotStarted, SittingState.InProgress) => true,
        (SittingState.InProgress, SittingState.Paused) => true,
        (SittingState.Paused, SittingState.InProgress) => true,
        (SittingState.InProgress or SittingState.Paused, SittingState.Ended) => true,
        _ => false,
    };

    /// <summary>
    /// A morning and/or an afternoon sitting for each day of each span (a phase, or the whole
    /// meeting): the first day from the span's start, the last until its end, days between in
    /// office hours. Titles "Phiên sáng 19/11", "Phiên chiều 19/11".
    /// </summary>
    public static List<ProposedSitting> Propose(IEnumerable<(string? PhaseName, DateTime StartsAt, DateTime EndsAt)> spans)
    {
        var proposed = new List<ProposedSitting>();
        foreach (var (phase, startsAt, endsAt) in spans.Where(s => s.EndsAt > s.StartsAt))
        {
            var start = VietnamTime.ToLocal(startsAt);
            var end = VietnamTime.ToLocal(endsAt);
            for (var day = start.Date; day <= end.Date && proposed.Count < 200; day = day.AddDays(1))
            {
                var from = day == start.Date ? start : day + DayStart;
                var to = day == end.Date ? end : day + DayEnd;
                if (to <= from)
                {
                    continue;
                }

                var label = day.ToString("dd/MM", CultureInfo.InvariantCulture);
                var noon = day + MorningEnd;
                var afternoon = day + AfternoonStart;
                if (from < noon && to > afternoon)
                {
                    proposed.Add(new($"Phiên sáng {label}", phase, VietnamTime.ToUtc(from), VietnamTime.ToUtc(noon)));
                    proposed.Add(new($"Phiên chiều {label}", phase, VietnamTime.ToUtc(afternoon), VietnamTime.ToUtc(to)));
                }
                else
                {
                    proposed.Add(new($"Phiên {(from.TimeOfDay < new TimeSpan(12, 0, 0) ? "sáng" : "chiều")} {label}", phase, VietnamTime.ToUtc(from), VietnamTime.ToUtc(to)));
                }
            }
        }

        return proposed;
    }
}
