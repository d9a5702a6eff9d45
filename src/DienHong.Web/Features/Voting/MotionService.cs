using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Live;
using DienHong.Features.Sittings;
using DienHong.Features.Text;
using DienHong.Features.Validation;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Voting;

/// <summary>
/// Motions from draft to result: the chair opens (only with quorum), closes, annuls and repeats;
/// delegates vote from their own accounts; a site's secretary enters its show of hands; secret
/// ballots go through the <see cref="BallotBox"/>. Returns null when the meeting or motion is not
/// found (or not visible); throws <see cref="RuleViolationException"/>, <see cref="ConflictException"/>
/// or <see cref="ForbiddenException"/> with nothing written.
/// </summary>
public sealed class MotionService(DienHongDbContext db, MeetingAccess meetings, CurrentUser user, LiveFeed feed, TimeProvider clock, BallotBox box, VoteWriter writer)
{
    // In whole microseconds, as PostgreSQL stores times: an answer built from the saved motion then says what a later read says.
    private DateTime Now
    {
        get
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        }
    }

    public async Task<MotionDto?> CreateAsync(int meetingId, MotionInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken))
        {
            return null;
        }

        var violations = new List<RuleViolation>();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            violations.Add(new("Title", "Hãy ghi nội dung biểu quyết, ví dụ \"Thông qua Nghị quyết về kế hoạch đầu tư công năm 2020\"."));
        }

        if (!await db.AgendaItems.AnyAsync(a => a.Id == input.AgendaItemId && a.MeetingId == meetingId, cancellationToken))
        {
            violations.Add(new("AgendaItemId", "Mục {0} không có trong chương trình của cuộc họp này.", input.AgendaItemId));
        }

        if (!Enum.IsDefined(input.Kind) || !Enum.IsDefined(input.Rule) || !Enum.IsDefined(input.Method))
        {
            violations.Add(new("Rule", "Loại nội dung, cách biểu quyết hoặc tỷ lệ thông qua không hợp lệ."));
        }

        var candidates = (input.Candidates ?? []).Select(c => c?.Trim() ?? "").ToList();
        if (input.Method == VotingMethod.Secret)
        {
            if (input.BallotKind is not { } kind || !Enum.IsDefined(kind))
            {
                violations.Add(new("BallotKind", "Bỏ phiếu kín cần nói rõ: bầu, miễn nhiệm/bãi nhiệm hay lấy phiếu tín nhiệm."));
            }

            if (candidates.Count == 0 || candidates.Count > 100 || candidates.Any(string.IsNullOrEmpty))
            {
                violations.Add(new("Candidates", "Hãy ghi tên những người có tên trong phiếu (từ 1 đến 100 người)."));
            }

            if (input.Seats < 1 || input.Seats > Math.Max(1, candidates.Count))
            {
                violations.Add(new("Seats", "Số người được chọn phải từ 1 đến số người có tên trong phiếu."));
            }
        }
        else if (candidates.Count > 0 || input.BallotKind is not null)
        {
            violations.Add(new("Candidates", "Danh sách người trong phiếu chỉ dùng cho bỏ phiếu kín."));
        }

        RuleViolationException.ThrowIfAny(violations);
        var motion = new Motion
        {
            MeetingId = meetingId,
            AgendaItemId = input.AgendaItemId,
            Title = title!,
            Kind = input.Kind,
            Rule = input.Rule,
            Method = input.Method,
            BallotKind = input.Method == VotingMethod.Secret ? input.BallotKind : null,
            Seats = input.Method == VotingMethod.Secret ? input.Seats : 1,
            Documents = string.IsNullOrWhiteSpace(input.Documents) ? null : input.Documents.Trim(),
            Version = 1,
        };
        db.Motions.Add(motion);
        return await SaveAsync(meetingId, motion, async token =>
        {
            db.Candidates.AddRange(candidates.Select((name, i) => new Candidate { MotionId = motion.Id, MeetingId = meetingId, Order = i + 1, Name = name }));
            await db.SaveChangesAsync(token);
        }, cancellationToken);
    }

    /// <summary>Opens the vote: in a running sitting, with quorum, one vote open at a time; membership and presence are kept on the motion.</summary>
    public async Task<MotionDto?> OpenAsync(int meetingId, int motionId, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken) || await FindAsync(meetingId, motionId, cancellationToken) is not { } motion)
        {
            return null;
        }

        if (motion.State != MotionState.Draft)
        {
            throw new RuleViolationException([new("State", "Nội dung \"{0}\" đang ở trạng thái \"{1}\"; chỉ mở biểu quyết được khi còn là dự kiến.", motion.Title, VotingLabels.Of(motion.State))]);
        }

        var sitting = await db.Sittings.AsNoTracking().FirstOrDefaultAsync(s => s.MeetingId == meetingId && s.State == SittingState.InProgress, cancellationToken);
        if (sitting is null)
        {
            throw new RuleViolationException([new("State", "Chưa có phiên họp nào đang họp; hãy bắt đầu (hoặc tiếp tục) phiên họp trước khi mở biểu quyết.")]);
        }

        var quorum = await Quorum.StateAsync(db, meetingId, Now, cancellationToken);
        if (quorum.Members == 0)
        {
            throw new RuleViolationException([new("Quorum", "Chưa khai báo tổng số đại biểu của {0}; chưa tính được túc số nên chưa mở biểu quyết được.", quorum.BodyName ?? "cơ quan chủ trì")]);
        }

        if (!quorum.HasQuorum)
        {
            throw new RuleViolationException([new("Quorum", "Chưa đủ túc số: có mặt {0}/{1} đại biểu, cần ít nhất {2} ({3}). Chưa mở biểu quyết được.",
                quorum.Present, quorum.Members, quorum.Required, VotingLabels.Of(quorum.Rule))]);
        }

        if (motion.Method == VotingMethod.Secret && !await db.Candidates.AnyAsync(c => c.MotionId == motion.Id, cancellationToken))
        {
            throw new RuleViolationException([new("Candidates", "Phiếu bầu chưa có tên ai.")]);
        }

        if (await db.Motions.AsNoTracking().FirstOrDefaultAsync(m => m.MeetingId == meetingId && m.State == MotionState.Open, cancellationToken) is { } open)
        {
            throw new RuleViolationException([new("State", "Đang biểu quyết \"{0}\"; hãy kết thúc biểu quyết đó trước.", open.Title)]);
        }

        motion.State = MotionState.Open;
        motion.SittingId = sitting.Id;
        motion.Members = quorum.Members;
        motion.PresentAtOpening = quorum.Present;
        motion.OpenedAt = Now;
        motion.OpenedBy = user.Name;
        motion.Version++;
        return await SaveAsync(meetingId, motion, null, cancellationToken);
    }

    /// <summary>
    /// Closes the vote and counts it in the same transaction: the update waits for votes in flight
    /// (they hold a share lock on the motion) and refuses later ones; the count is a grouped query.
    /// </summary>
    public async Task<MotionDto?> CloseAsync(int meetingId, int motionId, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken) || await FindAsync(meetingId, motionId, cancellationToken) is not { } motion)
        {
            return null;
        }

        if (motion.State != MotionState.Open)
        {
            throw new RuleViolationException([new("State", "Nội dung \"{0}\" không đang biểu quyết (trạng thái \"{1}\").", motion.Title, VotingLabels.Of(motion.State))]);
        }

        if (motion.Method == VotingMethod.Open)
        {
            // Every vote this node received before the close is written first, and so counted.
            await writer.DrainAsync(cancellationToken);
        }

        motion.State = MotionState.Closed;
        motion.ClosedAt = Now;
        motion.ClosedBy = user.Name;
        motion.Version++;
        List<PendingBallot> flushed = [];
        MotionDto closed;
        try
        {
            closed = await SaveAsync(meetingId, motion, async token =>
            {
                if (motion.Method == VotingMethod.Secret)
                {
                    flushed = box.Take(motion.Id, all: true);
                    BallotBox.Stage(db, motion.Id, flushed);
                    await db.SaveChangesAsync(token);
                    await Tally.CountSecretAsync(db, motion, token);
                }
                else
                {
                    await Tally.CountOpenAsync(db, motion, token);
                }
            }, cancellationToken);
        }
        catch
        {
            box.Return(motion.Id, flushed);
            throw;
        }

        return closed;
    }

    /// <summary>The counting committee confirms a secret ballot's count: only then is its result shown.</summary>
    public async Task<MotionDto?> ConfirmAsync(int meetingId, int motionId, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken) || await FindAsync(meetingId, motionId, cancellationToken) is not { } motion)
        {
            return null;
        }

        if (motion.Method != VotingMethod.Secret || motion.State != MotionState.Closed || motion.ConfirmedAt is not null)
        {
            throw new RuleViolationException([new("State", "Chỉ xác nhận được kết quả kiểm phiếu của một cuộc bỏ phiếu kín đã kết thúc và chưa xác nhận.")]);
        }

        motion.ConfirmedAt = Now;
        motion.ConfirmedBy = user.Name;
        motion.Version++;
        return await SaveAsync(meetingId, motion, null, cancellationToken);
    }

    /// <summary>Annuls an open or counted vote, with the reason (kept and audited); its votes stay on record.</summary>
    public async Task<MotionDto?> AnnulAsync(int meetingId, int motionId, AnnulInput input, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken) || await FindAsync(meetingId, motionId, cancellationToken) is not { } motion)
        {
            return null;
        }

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw new RuleViolationException([new("Reason", "Hãy ghi lý do hủy kết quả biểu quyết.")]);
        }

        if (motion.State is not (MotionState.Open or MotionState.Closed))
        {
            throw new RuleViolationException([new("State", "Nội dung \"{0}\" chưa biểu quyết hoặc đã hủy; không có gì để hủy.", motion.Title)]);
        }

        var wasOpen = motion.State == MotionState.Open;
        motion.State = MotionState.Annulled;
        motion.AnnulledAt = Now;
        motion.AnnulledBy = user.Name;
        motion.AnnulReason = reason;
        motion.ClosedAt ??= Now;
        motion.Version++;
        var annulled = await SaveAsync(meetingId, motion, null, cancellationToken);
        if (wasOpen)
        {
            box.Take(motion.Id, all: true);
        }

        return annulled;
    }

    /// <summary>A new draft of an annulled motion (same item, rule and candidates), to vote again.</summary>
    public async Task<MotionDto?> RepeatAsync(int meetingId, int motionId, CancellationToken cancellationToken = default)
    {
        if (!await CanChairAsync(meetingId, cancellationToken) || await FindAsync(meetingId, motionId, cancellationToken) is not { } motion)
        {
            return null;
        }

        if (motion.State != MotionState.Annulled)
        {
            throw new RuleViolationException([new("State", "Chỉ biểu quyết lại được một nội dung đã bị hủy kết quả.")]);
        }

        var candidates = await db.Candidates.AsNoTracking().Where(c => c.MotionId == motion.Id).OrderBy(c => c.Order).Select(c => c.Name).ToListAsync(cancellationToken);
        return await CreateAsync(meetingId, new MotionInput(motion.AgendaItemId, motion.Title, motion.Kind, motion.Rule, motion.Method, motion.BallotKind, motion.Seats, motion.Documents,
            motion.Method == VotingMethod.Secret ? candidates : null), cancellationToken) is { } repeated
            ? await SetRepeatOfAsync(meetingId, repeated.Id, motion.Id, cancellationToken)
            : null;
    }

    private async Task<MotionDto> SetRepeatOfAsync(int meetingId, int repeatedId, int originalId, CancellationToken cancellationToken)
    {
        var repeated = await db.Motions.FirstAsync(m => m.Id == repeatedId, cancellationToken);
        repeated.RepeatOfId = originalId;
        return await SaveAsync(meetingId, repeated, null, cancellationToken);
    }

    /// <summary>
    /// A delegate's vote, from their own account, while they are checked in: one statement inserts
    /// it or changes it, only while the motion is open and their site has not voted by show of hands;
    /// the receipt only once its transaction has committed (<see cref="VoteWriter"/>).
    /// </summary>
    public async Task<VoteReceipt?> VoteAsync(int meetingId, int motionId, VoteInput input, CancellationToken cancellationToken = default) =>
        await meetings.CanSeeMeetingAsync(db, meetingId, cancellationToken) ? await VoteWithAccessDecidedAsync(meetingId, motionId, input, cancellationToken) : null;

    /// <summary>
    /// <see cref="VoteAsync"/> for a caller that has already decided this user may vote in the meeting
    /// (the live hub, once per connection and meeting). Nothing is widened: the statement still writes
    /// only for the account's own seat in this meeting with a present check-in, read at this moment.
    /// </summary>
    internal async Task<VoteReceipt?> VoteWithAccessDecidedAsync(int meetingId, int motionId, VoteInput input, CancellationToken cancellationToken)
    {
        // Written together with the votes arriving at the same moment (group commit), answered once committed;
        // the statement finds the delegate's seat and site and checks the motion itself.
        var now = Now;
        if (Enum.IsDefined(input.Choice) && user.Id is { } userId && await writer.WriteAsync(meetingId, motionId, userId, input.Choice, now, cancellationToken) is { } changes)
        {
            return new VoteReceipt(motionId, input.Choice, now, changes);
        }

        // Nothing was written: say why, checking in the rules' order.
        var (motion, _, siteId) = await VoterAsync(meetingId, motionId, cancellationToken);
        if (motion is null)
        {
            return null;
        }

        if (!Enum.IsDefined(input.Choice))
        {
            throw new RuleViolationException([new("Choice", "Hãy chọn Tán thành, Không tán thành hoặc Không biểu quyết.")]);
        }

        if (motion.Method != VotingMethod.Open)
        {
            throw new RuleViolationException([new("Choice", "\"{0}\" là bỏ phiếu kín: hãy bỏ phiếu trên phiếu bầu.", motion.Title)]);
        }

        throw await RefusalAsync(motion, siteId, cancellationToken);
    }

    /// <summary>The delegate's own recorded vote (their receipt, again), or null.</summary>
    public async Task<VoteReceipt?> MyVoteAsync(int meetingId, int motionId, CancellationToken cancellationToken = default)
    {
        var userId = user.Id;
        return await (from v in db.Votes
                      join p in db.Participants on v.ParticipantId equals p.Id
                      where v.MotionId == motionId && p.MeetingId == meetingId && p.UserId == userId
                      select new VoteReceipt(v.MotionId, v.Choice, v.CastAt, v.Changes)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>A secret ballot: who voted is recorded now, the ballot goes into the box (written later, shuffled, without them).</summary>
    public async Task<BallotReceipt?> CastBallotAsync(int meetingId, int motionId, BallotInput input, CancellationToken cancellationToken = default)
    {
        var (motion, participantId, _) = await VoterAsync(meetingId, motionId, cancellationToken);
        if (motion is null)
        {
            return null;
        }

        if (motion.Method != VotingMethod.Secret)
        {
            throw new RuleViolationException([new("Marks", "\"{0}\" biểu quyết công khai: hãy chọn Tán thành, Không tán thành hoặc Không biểu quyết.", motion.Title)]);
        }

        var ballot = await Tally.ReadBallotAsync(db, motion, input, cancellationToken);
        var postgres = db.Database.IsNpgsql();
        var inBox = false;
        try
        {
            var recorded = await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                if (postgres)
                {
                    await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Motions" WHERE "Id" = {motionId} FOR SHARE""", token);
                }

                var rows = await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "BallotCasts" ("MotionId", "ParticipantId")
                    SELECT m."Id", {participantId} FROM "Motions" AS m WHERE m."Id" = {motionId} AND m."State" = 'Open'
                    """, token);
                if (rows == 1)
                {
                    // In the box before the commit: a close waiting on our lock finds it there.
                    box.Add(motionId, ballot);
                    inBox = true;
                }

                await transaction.CommitAsync(token);
                return rows == 1;
            }, cancellationToken);
            if (!recorded)
            {
                throw await RefusalAsync(motion, null, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not (RuleViolationException or ConflictException))
        {
            if (inBox)
            {
                box.Remove(motionId, ballot);
            }

            // The key (motion, delegate) is taken: they voted already, perhaps from another device at the same moment.
            if (DatabaseErrors.IsConcurrentChange(exception))
            {
                throw new ConflictException(new("Marks", "Bạn đã bỏ phiếu cho \"{0}\"; mỗi đại biểu một phiếu.", motion.Title));
            }

            throw;
        }

        await FlushBatchAsync(motionId, cancellationToken);
        return new BallotReceipt(motionId, Now);
    }

    /// <summary>Writes a full batch of ballots from the box, shuffled, in a transaction of its own.</summary>
    private async Task FlushBatchAsync(int motionId, CancellationToken cancellationToken)
    {
        var batch = box.Take(motionId, all: false);
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            db.ChangeTracker.Clear();
            BallotBox.Stage(db, motionId, batch);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            db.ChangeTracker.Clear();
            box.Return(motionId, batch);
            throw;
        }
    }

    /// <summary>A site's show of hands: capped by the delegates checked in there who did not vote by device.</summary>
    public async Task<SiteTallyDto?> HandsAsync(int meetingId, int siteId, int motionId, HandsInput input, CancellationToken cancellationToken = default)
    {
        switch (await meetings.CanOperateSiteAsync(db, meetingId, siteId, cancellationToken))
        {
            case null:
                return null;
            case false:
                throw new ForbiddenException(new("Site", "Chỉ thư ký điểm cầu này mới nhập kết quả giơ tay của điểm cầu."));
        }

        if (await FindAsync(meetingId, motionId, cancellationToken) is not { } motion)
        {
            return null;
        }

        if (input.InFavour < 0 || input.Against < 0 || input.Abstaining < 0)
        {
            throw new RuleViolationException([new("InFavour", "Số đại biểu giơ tay không được âm.")]);
        }

        if (motion.Method != VotingMethod.Open)
        {
            throw new RuleViolationException([new("InFavour", "\"{0}\" là bỏ phiếu kín, không biểu quyết bằng giơ tay.", motion.Title)]);
        }

        db.ChangeTracker.Clear();
        var postgres = db.Database.IsNpgsql();
        SiteTally? tally = null;
        var cap = 0;
        try
        {
            await feed.SaveAsync(db, meetingId, async token =>
            {
                if (postgres)
                {
                    // Excludes votes by device while the cap is read and the count written (they take a share lock).
                    await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Motions" WHERE "Id" = {motionId} FOR UPDATE""", token);
                }

                var state = await db.Motions.Where(m => m.Id == motionId).Select(m => m.State).FirstAsync(token);
                if (state != MotionState.Open)
                {
                    throw new ConflictException(new("Motion", "Biểu quyết về \"{0}\" đã kết thúc; kết quả giơ tay của điểm cầu không được ghi nhận.", motion.Title));
                }

                cap = await db.CheckIns.CountAsync(c => c.SiteId == siteId && c.CheckedOutAt == null && c.ParticipantId != null
                    && db.Participants.Any(p => p.Id == c.ParticipantId && p.MeetingId == meetingId && p.UserId != null)
                    && !db.Votes.Any(v => v.MotionId == motionId && v.ParticipantId == c.ParticipantId), token);
                var hands = (long)input.InFavour + input.Against + input.Abstaining;
                if (hands > cap)
                {
                    throw new RuleViolationException([new("InFavour", "Điểm cầu có {0} đại biểu đang có mặt chưa biểu quyết bằng thiết bị; tổng số {1} vượt quá, chưa ghi nhận.", cap, hands)]);
                }

                tally = await db.SiteTallies.FirstOrDefaultAsync(t => t.MotionId == motionId && t.SiteId == siteId, token);
                if (tally is null)
                {
                    tally = new SiteTally { MotionId = motionId, MeetingId = meetingId, SiteId = siteId, EnteredBy = user.Name, Version = 0 };
                    db.SiteTallies.Add(tally);
                }
                else if (input.Version != 0 && input.Version != tally.Version)
                {
                    throw new ConflictException(new("Version", "Kết quả giơ tay của điểm cầu vừa được người khác sửa; hãy tải lại rồi làm lại."));
                }

                tally.InFavour = input.InFavour;
                tally.Against = input.Against;
                tally.Abstaining = input.Abstaining;
                tally.EnteredBy = user.Name;
                tally.EnteredAt = Now;
                tally.Version++;
                await db.SaveChangesAsync(token);
                return [];
            }, cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || exception.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(new("Version", "Kết quả giơ tay của điểm cầu vừa được người khác nhập cùng lúc; hãy tải lại rồi làm lại."));
        }

        var t = tally!;
        return new SiteTallyDto(motionId, siteId, t.InFavour, t.Against, t.Abstaining, cap, t.EnteredBy, t.EnteredAt, t.Version);
    }

    /// <summary>Who voted how in an open vote (the chair's console and exports); never for a secret ballot.</summary>
    public static async Task<List<NamedVote>?> NamedListAsync(DienHongDbContext db, int meetingId, int motionId, CancellationToken cancellationToken = default)
    {
        var motion = await db.Motions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == motionId && m.MeetingId == meetingId, cancellationToken);
        if (motion is null || motion.Method != VotingMethod.Open)
        {
            return null;
        }

        var rows = await (from p in db.Participants
                          where p.MeetingId == meetingId && p.UserId != null
                          select new
                          {
                              p.Id,
                              Name = p.PersonName ?? p.Title ?? "",
                              Vote = db.Votes.Where(v => v.MotionId == motionId && v.ParticipantId == p.Id).Select(v => new { v.Choice, v.SiteId }).FirstOrDefault(),
                          }).ToListAsync(cancellationToken);
        var sites = await db.Sites.Where(s => s.MeetingId == meetingId).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return [.. rows.OrderBy(r => r.Name, Comparer<string>.Create(VietnameseText.Compare)).Select(r => new NamedVote(r.Id, r.Name, r.Vote?.SiteId,
            r.Vote is null ? null : sites.GetValueOrDefault(r.Vote.SiteId), r.Vote?.Choice, r.Vote is null ? "Không tham gia bằng thiết bị" : "Thiết bị"))];
    }

    /// <summary>How many have voted so far (counts only): what the chair's console shows while the vote is open.</summary>
    public static async Task<Turnout> TurnoutAsync(DienHongDbContext db, int motionId, CancellationToken cancellationToken = default)
    {
        var present = await db.Motions.Where(m => m.Id == motionId).Select(m => m.PresentAtOpening).FirstOrDefaultAsync(cancellationToken);
        var devices = await db.Votes.CountAsync(v => v.MotionId == motionId, cancellationToken);
        var hands = await db.SiteTallies.Where(t => t.MotionId == motionId).SumAsync(t => t.InFavour + t.Against + t.Abstaining, cancellationToken);
        var ballots = await db.BallotCasts.CountAsync(c => c.MotionId == motionId, cancellationToken);
        return new Turnout(devices, hands, ballots, present);
    }

    /// <summary>The site's cap for a show of hands, read as <see cref="HandsAsync"/> reads it, and the counts already entered.</summary>
    public static async Task<SiteHandsState> SiteHandsAsync(DienHongDbContext db, int meetingId, int siteId, int motionId, CancellationToken cancellationToken = default)
    {
        var present = db.CheckIns.Where(c => c.SiteId == siteId && c.MeetingId == meetingId && c.CheckedOutAt == null && c.ParticipantId != null
            && db.Participants.Any(p => p.Id == c.ParticipantId && p.MeetingId == meetingId && p.UserId != null));
        var count = await present.CountAsync(cancellationToken);
        var devices = await present.CountAsync(c => db.Votes.Any(v => v.MotionId == motionId && v.ParticipantId == c.ParticipantId), cancellationToken);
        var entered = await db.SiteTallies.AsNoTracking().Where(t => t.MotionId == motionId && t.SiteId == siteId)
            .Select(t => new SiteTallyDto(t.MotionId, t.SiteId, t.InFavour, t.Against, t.Abstaining, count - devices, t.EnteredBy, t.EnteredAt, t.Version))
            .FirstOrDefaultAsync(cancellationToken);
        return new SiteHandsState(count, devices, count - devices, entered);
    }

    public static async Task<List<MotionDto>> ListAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default)
    {
        var ids = await db.Motions.AsNoTracking().Where(m => m.MeetingId == meetingId).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken);
        var list = new List<MotionDto>(ids.Count);
        foreach (var id in ids)
        {
            list.Add((await ReadAsync(db, id, cancellationToken))!);
        }

        return list;
    }

    public static async Task<MotionDto?> ReadAsync(DienHongDbContext db, int motionId, CancellationToken cancellationToken = default)
    {
        var motion = await db.Motions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == motionId, cancellationToken);
        return motion is null ? null : await DescribeAsync(db, motion, cancellationToken);
    }

    /// <summary>The motion as read or just saved; only a secret ballot has candidates to read.</summary>
    private static async Task<MotionDto> DescribeAsync(DienHongDbContext db, Motion motion, CancellationToken cancellationToken)
    {
        List<Candidate> candidates = motion.Method == VotingMethod.Secret
            ? await db.Candidates.AsNoTracking().Where(c => c.MotionId == motion.Id).OrderBy(c => c.Order).ToListAsync(cancellationToken)
            : [];
        var shown = Tally.IsShown(motion);
        return new MotionDto(motion.Id, motion.AgendaItemId, motion.Title, motion.Kind, motion.Rule, motion.Method, motion.BallotKind, motion.Seats, motion.Documents,
            motion.State, motion.Members, motion.PresentAtOpening, motion.OpenedAt, motion.ClosedAt, motion.ConfirmedAt, motion.AnnulReason, motion.RepeatOfId,
            shown ? Tally.Result(motion, candidates) : null,
            [.. candidates.Select(c => new CandidateDto(c.Id, c.Order, c.Name, shown ? c.Chosen : null, shown ? c.Medium : null, shown ? c.Low : null, shown ? c.Elected : null))],
            motion.Version);
    }

    /// <summary>Why a vote or ballot was not recorded, with the motion's state read again.</summary>
    private async Task<Exception> RefusalAsync(Motion motion, int? siteId, CancellationToken cancellationToken)
    {
        var now = await db.Motions.AsNoTracking().Where(m => m.Id == motion.Id).Select(m => new { m.State, m.ClosedAt }).FirstAsync(cancellationToken);
        if (now.State == MotionState.Open && siteId is { } site && await db.SiteTallies.AnyAsync(t => t.MotionId == motion.Id && t.SiteId == site, cancellationToken))
        {
            return new RuleViolationException([new("Choice", "Điểm cầu của bạn đã biểu quyết bằng giơ tay cho \"{0}\"; phiếu trên thiết bị không được tính thêm.", motion.Title)]);
        }

        return now.State switch
        {
            MotionState.Closed or MotionState.Annulled => new ConflictException(new("Motion", "Biểu quyết về \"{0}\" đã kết thúc lúc {1}; phiếu của bạn không được ghi nhận.", motion.Title, VietnamTime.Format(now.ClosedAt ?? Now))),
            MotionState.Draft => new RuleViolationException([new("Motion", "Chủ tọa chưa mở biểu quyết \"{0}\".", motion.Title)]),
            _ => new ConflictException(new("Marks", "Bạn đã bỏ phiếu cho \"{0}\"; mỗi đại biểu một phiếu.", motion.Title)),
        };
    }

    /// <summary>The motion, and the caller as a delegate of the meeting checked in at a site; refusals name why.</summary>
    private async Task<(Motion? Motion, int ParticipantId, int SiteId)> VoterAsync(int meetingId, int motionId, CancellationToken cancellationToken)
    {
        if (!await meetings.CanSeeMeetingAsync(db, meetingId, cancellationToken))
        {
            return default;
        }

        var motion = await db.Motions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == motionId && m.MeetingId == meetingId, cancellationToken);
        if (motion is null)
        {
            return default;
        }

        // The delegate's seat and where they are checked in, in one query.
        var userId = user.Id;
        var seat = await db.Participants.AsNoTracking().Where(p => p.MeetingId == meetingId && p.UserId == userId)
            .Select(p => new { p.Id, SiteId = db.CheckIns.Where(c => c.ParticipantId == p.Id && c.CheckedOutAt == null).Select(c => (int?)c.SiteId).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        if (seat is not { Id: var participantId })
        {
            throw new RuleViolationException([new("Delegate", "Tài khoản của bạn không phải đại biểu biểu quyết của cuộc họp này; phiếu không được ghi nhận.")]);
        }

        if (seat.SiteId is not { } siteId)
        {
            throw new RuleViolationException([new("Delegate", "Bạn chưa điểm danh tại điểm cầu nào; hãy điểm danh trước khi biểu quyết.")]);
        }

        return (motion, participantId, siteId);
    }

    private async Task<Motion?> FindAsync(int meetingId, int motionId, CancellationToken cancellationToken) =>
        await db.Motions.FirstOrDefaultAsync(m => m.Id == motionId && m.MeetingId == meetingId, cancellationToken);

    private async Task<bool> CanChairAsync(int meetingId, CancellationToken cancellationToken) =>
        await meetings.VerdictAsync(db, meetingId, null, MeetingAction.Chair, cancellationToken) switch
        {
            AccessVerdict.Allowed => true,
            AccessVerdict.Forbidden => throw new ForbiddenException(new("Meeting", "Chỉ chủ tọa hoặc bộ phận giúp việc của cuộc họp mới điều hành biểu quyết.")),
            _ => false,
        };

    /// <summary>
    /// Saves the motion (and what <paramref name="more"/> writes in the same transaction) with its new state as the "motion" event,
    /// and answers that state: built from the saved motion inside the transaction, so the caller's answer costs no read after the commit.
    /// </summary>
    private async Task<MotionDto> SaveAsync(int meetingId, Motion motion, Func<CancellationToken, Task>? more, CancellationToken cancellationToken)
    {
        MotionDto? saved = null;
        try
        {
            await feed.SaveAsync(db, meetingId, async token =>
            {
                if (more is not null)
                {
                    await more(token);
                }

                saved = await DescribeAsync(db, motion, token);
                return [new LiveChange(MotionDto.EventType, saved, LiveAudience.Public)];
            }, cancellationToken);
            return saved!;
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || exception.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(new("Version", "\"{0}\" vừa được người khác thay đổi cùng lúc; hãy xem trạng thái mới rồi làm lại.", motion.Title));
        }
    }
}
