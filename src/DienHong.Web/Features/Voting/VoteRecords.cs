using System.Globalization;
using DienHong.Data;
using DienHong.Features.Drafting;
using DienHong.Features.Text;
using DienHong.Features.Validation;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Voting;

/// <summary>
/// Votes as the paperwork states them: a sitting's results for its minutes, one vote's result for
/// its results document, an open vote's named list as a spreadsheet. Built from the counts saved at
/// close (<see cref="Tally"/>), never from the ballots; a secret ballot gives counts only.
/// </summary>
public static class VoteRecords
{
    /// <summary>The sitting's votes that were announced or annulled, in the order they opened.</summary>
    public static async Task<List<VoteView>> OfSittingAsync(DienHongDbContext db, int meetingId, int sittingId, CancellationToken cancellationToken = default)
    {
        var motions = await db.Motions.AsNoTracking()
            .Where(m => m.MeetingId == meetingId && m.SittingId == sittingId && (m.State == MotionState.Closed || m.State == MotionState.Annulled))
            .OrderBy(m => m.OpenedAt).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        // A secret ballot the committee has not confirmed is not announced yet: it stays out of the record.
        motions = [.. motions.Where(m => m.State == MotionState.Annulled || Tally.IsShown(m))];
        if (motions.Count == 0)
        {
            return [];
        }

        var ids = motions.Select(m => m.Id).ToList();
        var candidates = (await db.Candidates.AsNoTracking().Where(c => ids.Contains(c.MotionId)).ToListAsync(cancellationToken)).ToLookup(c => c.MotionId);
        var items = await ItemsAsync(db, motions, cancellationToken);
        return [.. motions.Select((m, n) => View(m, [.. candidates[m.Id]], items.GetValueOrDefault(m.AgendaItemId, ""), n))];
    }

    /// <summary>One announced vote for its results document; null when the meeting has no such motion, refused while it is not announced.</summary>
    public static async Task<VoteView?> AnnouncedAsync(DienHongDbContext db, int meetingId, int motionId, CancellationToken cancellationToken = default)
    {
        var motion = await db.Motions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == motionId && m.MeetingId == meetingId, cancellationToken);
        if (motion is null)
        {
            return null;
        }

        if (!Tally.IsShown(motion))
        {
            throw new RuleViolationException([new("MotionId", motion.Method == VotingMethod.Secret && motion.State == MotionState.Closed
                ? "Ban kiểm phiếu chưa xác nhận kết quả \"{0}\": chưa lập được biên bản kiểm phiếu."
                : "\"{0}\" chưa có kết quả được công bố (trạng thái \"{1}\"): chưa lập được văn bản kết quả.", motion.Title, VotingLabels.Of(motion.State))]);
        }

        var candidates = await db.Candidates.AsNoTracking().Where(c => c.MotionId == motionId).ToListAsync(cancellationToken);
        var items = await ItemsAsync(db, [motion], cancellationToken);
        return View(motion, candidates, items.GetValueOrDefault(motion.AgendaItemId, ""), 0);
    }

    /// <summary>
    /// An open vote's named list as XLSX: each delegate, where they voted and how. Refused for a
    /// secret ballot (it has none) and before the vote closes (the list would change).
    /// </summary>
    public static async Task<byte[]?> NamedListXlsxAsync(DienHongDbContext db, int meetingId, int motionId, CancellationToken cancellationToken = default)
    {
        var motion = await db.Motions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == motionId && m.MeetingId == meetingId, cancellationToken);
        if (motion is null)
        {
            return null;
        }

        if (motion.Method != VotingMethod.Open)
        {
            throw new RuleViolationException([new("MotionId", "\"{0}\" là bỏ phiếu kín: không có danh sách ai bỏ phiếu thế nào.", motion.Title)]);
        }

        if (motion.State != MotionState.Closed)
        {
            throw new RuleViolationException([new("MotionId", "Biểu quyết \"{0}\" chưa kết thúc: danh sách chỉ xuất được sau khi chủ tọa kết thúc biểu quyết.", motion.Title)]);
        }

        var list = await MotionService.NamedListAsync(db, meetingId, motionId, cancellationToken) ?? [];
        var hands = await db.SiteTallies.AsNoTracking().Where(t => t.MotionId == motionId)
            .Join(db.Sites, t => t.SiteId, s => s.Id, (t, s) => new { s.Name, t.InFavour, t.Against, t.Abstaining }).ToListAsync(cancellationToken);
        var rows = list.Select((v, n) => new[]
        {
            (n + 1).ToString(CultureInfo.InvariantCulture), v.Name, v.SiteName ?? "", v.Choice is { } choice ? VotingLabels.Of(choice) : "", v.How,
        }).Concat(hands.OrderBy(h => h.Name, Comparer<string>.Create(VietnameseText.Compare)).Select(h => new[]
        {
            "", $"Giơ tay tại điểm cầu: tán thành {h.InFavour}, không tán thành {h.Against}, không biểu quyết {h.Abstaining}", h.Name, "", "Giơ tay",
        }));
        return MeetingSpreadsheets.Workbook("Danh sách biểu quyết", ["STT", "Đại biểu", "Điểm cầu", "Biểu quyết", "Hình thức"], [6, 40, 36, 18, 28], rows);
    }

    internal static VoteView View(Motion motion, IReadOnlyList<Candidate> candidates, string item, int index)
    {
        var secret = motion.Method == VotingMethod.Secret;
        var annulled = motion.State == MotionState.Annulled;
        var method = secret ? "Bỏ phiếu kín" + (motion.BallotKind is { } kind ? $" ({VotingLabels.Of(kind).ToLowerInvariant()})" : "") : "Biểu quyết công khai bằng thiết bị điện tử";
        var local = VietnamTime.ToLocal(motion.OpenedAt ?? motion.ClosedAt ?? DateTime.UtcNow);
        return new VoteView(
            (index + 1).ToString(CultureInfo.InvariantCulture), motion.Title, item, method, VotingLabels.Of(motion.Rule), secret,
            DateOnly.FromDateTime(local), Clock(motion.OpenedAt), Clock(motion.ClosedAt), motion.Members, motion.PresentAtOpening,
            annulled ? [] : Tally.Result(motion, candidates).Lines, Outcome(motion, candidates), motion.Documents);
    }

    private static string Outcome(Motion motion, IReadOnlyList<Candidate> candidates)
    {
        if (motion.State == MotionState.Annulled)
        {
            return $"Kết quả biểu quyết đã bị hủy: {motion.AnnulReason}.";
        }

        if (motion.Method == VotingMethod.Open)
        {
            var required = Majorities.Required(motion.Rule, motion.Members, motion.InFavour + motion.Against + motion.Abstaining);
            return motion.Passed == true
                ? $"Thông qua (cần {required} phiếu tán thành, {VotingLabels.Of(motion.Rule)})."
                : $"Không được thông qua (cần {required} phiếu tán thành, {VotingLabels.Of(motion.Rule)}).";
        }

        var chosen = candidates.Where(c => c.Elected == true).OrderBy(c => c.Order).Select(c => c.Name).ToList();
        return motion.BallotKind switch
        {
            BallotKind.Confidence => "Kết quả lấy phiếu tín nhiệm như trên.",
            BallotKind.Dismissal => chosen.Count > 0 ? $"Được miễn nhiệm: {string.Join(", ", chosen)}." : "Không ai đủ số phiếu để được miễn nhiệm.",
            _ => chosen.Count > 0 ? $"Trúng cử: {string.Join(", ", chosen)}." : "Không ai trúng cử.",
        };
    }

    private static string Clock(DateTime? utc) => utc is { } at ? VietnamTime.ToLocal(at).ToString("HH:mm", CultureInfo.InvariantCulture) : "…";

    private static async Task<Dictionary<int, string>> ItemsAsync(DienHongDbContext db, IReadOnlyList<Motion> motions, CancellationToken cancellationToken)
    {
        var itemIds = motions.Select(m => m.AgendaItemId).Distinct().ToList();
        return await db.AgendaItems.AsNoTracking().Where(a => itemIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => $"{a.Order}. {a.Content.Trim()}", cancellationToken);
    }
}
