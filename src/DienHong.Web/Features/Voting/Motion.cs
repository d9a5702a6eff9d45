using System.Text.Json.Serialization;
using DienHong.Features.Agenda;
using DienHong.Features.Auditing;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Voting;

/// <summary>What is put to the vote.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MotionKind>))]
public enum MotionKind
{
    /// <summary>Dự thảo nghị quyết.</summary>
    Resolution = 1,

    /// <summary>Báo cáo.</summary>
    Report = 2,

    /// <summary>Sửa đổi, bổ sung.</summary>
    Amendment = 3,

    /// <summary>Nhân sự: bầu, miễn nhiệm, bãi nhiệm, lấy phiếu tín nhiệm (by secret ballot).</summary>
    Personnel = 4,

    /// <summary>Vấn đề thủ tục.</summary>
    Procedural = 5,
}

/// <summary>How delegates vote: electronically in the open (with named lists), or by secret ballot.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VotingMethod>))]
public enum VotingMethod
{
    Open = 1,
    Secret = 2,
}

/// <summary>What a secret ballot decides.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BallotKind>))]
public enum BallotKind
{
    /// <summary>Bầu: choose up to <see cref="Motion.Seats"/> of the candidates.</summary>
    Election = 1,

    /// <summary>Miễn nhiệm, bãi nhiệm: choose the persons to dismiss.</summary>
    Dismissal = 2,

    /// <summary>Lấy phiếu tín nhiệm: each person rated tín nhiệm cao / tín nhiệm / tín nhiệm thấp.</summary>
    Confidence = 3,
}

/// <summary>Soạn → đang biểu quyết → đã kết thúc (→ đã công bố for a secret ballot); or hủy kết quả.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MotionState>))]
public enum MotionState
{
    Draft = 1,
    Open = 2,
    Closed = 3,
    Annulled = 4,
}

/// <summary>A delegate's choice in an open vote.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VoteChoice>))]
public enum VoteChoice
{
    /// <summary>Tán thành.</summary>
    For = 1,

    /// <summary>Không tán thành.</summary>
    Against = 2,

    /// <summary>Không biểu quyết.</summary>
    Abstain = 3,
}

/// <summary>
/// A motion (nội dung biểu quyết) on an agenda item, with its passing rule. Opening it takes the
/// body's membership and the delegates present (refused without quorum); closing it counts the
/// votes once, with grouped queries, and keeps the counts and the outcome on the row.
/// </summary>
public class Motion
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int AgendaItemId { get; set; }
    public required string Title { get; set; }
    public MotionKind Kind { get; set; } = MotionKind.Resolution;
    public PassingRule Rule { get; set; } = PassingRule.MoreThanHalfOfMembers;
    public VotingMethod Method { get; set; } = VotingMethod.Open;
    public BallotKind? BallotKind { get; set; }

    /// <summary>How many candidates a ballot may choose (secret elections).</summary>
    public int Seats { get; set; } = 1;

    /// <summary>The documents put to the vote, as the secretariat names them (the draft resolution, the report).</summary>
    public string? Documents { get; set; }
    public MotionState State { get; set; } = MotionState.Draft;
    public int? SittingId { get; set; }

    /// <summary>Total membership of the body and delegates present when it opened: the base of every figure.</summary>
    public int Members { get; set; }
    public int PresentAtOpening { get; set; }
    public DateTime? OpenedAt { get; set; }
    public string? OpenedBy { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }

    /// <summary>Counted at close (devices and sites' shows of hands; for a secret ballot, valid ballots in favour).</summary>
    public int InFavour { get; set; }
    public int Against { get; set; }
    public int Abstaining { get; set; }
    public int InvalidBallots { get; set; }
    public bool? Passed { get; set; }

    /// <summary>Secret ballot: the counting committee (ban kiểm phiếu) confirmed the count; only then is it announced.</summary>
    public DateTime? ConfirmedAt { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTime? AnnulledAt { get; set; }
    public string? AnnulledBy { get; set; }
    public string? AnnulReason { get; set; }

    /// <summary>The annulled motion this one repeats.</summary>
    public int? RepeatOfId { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// One delegate's current choice on an open vote: written (and changed) with one statement that
/// also checks the motion is open; the database holds one row per delegate and motion.
/// </summary>
public class Vote : INotAudited
{
    public long Id { get; set; }
    public int MotionId { get; set; }
    public int ParticipantId { get; set; }

    /// <summary>Where the delegate was checked in when they voted.</summary>
    public int SiteId { get; set; }
    public VoteChoice Choice { get; set; }
    public DateTime CastAt { get; set; }

    /// <summary>How many times they changed their mind.</summary>
    public int Changes { get; set; }
}

/// <summary>
/// A site's show of hands, entered by its secretary: never more hands than the delegates checked
/// in there who did not vote by device (see docs/decisions/0013-voting.md).
/// </summary>
public class SiteTally
{
    public int MotionId { get; set; }
    public int MeetingId { get; set; }
    public int SiteId { get; set; }
    public int InFavour { get; set; }
    public int Against { get; set; }
    public int Abstaining { get; set; }
    public required string EnteredBy { get; set; }
    public DateTime EnteredAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A person on a secret ballot (a candidate, or someone whose dismissal or confidence is voted on).</summary>
public class Candidate
{
    public int Id { get; set; }
    public int MotionId { get; set; }
    public int MeetingId { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }

    /// <summary>Counted at close: chosen (election, dismissal) or rated tín nhiệm cao.</summary>
    public int Chosen { get; set; }
    public int Medium { get; set; }
    public int Low { get; set; }
    public bool? Elected { get; set; }
}

/// <summary>
/// Who received and cast a secret ballot: the motion and the participant, nothing else — no time,
/// no number, no key shared with <see cref="Ballot"/>. Guards one ballot per delegate.
/// </summary>
public class BallotCast : INotAudited
{
    public int MotionId { get; set; }
    public int ParticipantId { get; set; }
}

/// <summary>
/// What was voted, without who: a random key, the motion, valid or not, and its marks. Written in
/// shuffled batches away from the <see cref="BallotCast"/> rows (docs/decisions/0013-voting.md).
/// </summary>
public class Ballot : INotAudited
{
    public Guid Id { get; set; }
    public int MotionId { get; set; }
    public bool Valid { get; set; }
}

/// <summary>A mark on a ballot: the candidate chosen, or the person's rating (1 cao, 2 tín nhiệm, 3 thấp).</summary>
public class BallotMark : INotAudited
{
    public Guid BallotId { get; set; }
    public int CandidateId { get; set; }
    public int Mark { get; set; }
}

internal sealed class MotionConfiguration : IEntityTypeConfiguration<Motion>
{
    public void Configure(EntityTypeBuilder<Motion> motion)
    {
        motion.Property(m => m.Title).HasMaxLength(TextLimits.Line);
        motion.Property(m => m.Documents).HasMaxLength(TextLimits.Line);
        motion.Property(m => m.OpenedBy).HasMaxLength(TextLimits.Name);
        motion.Property(m => m.ClosedBy).HasMaxLength(TextLimits.Name);
        motion.Property(m => m.ConfirmedBy).HasMaxLength(TextLimits.Name);
        motion.Property(m => m.AnnulledBy).HasMaxLength(TextLimits.Name);
        motion.Property(m => m.AnnulReason).HasMaxLength(TextLimits.Line);
        motion.Property(m => m.Version).IsConcurrencyToken();
        motion.HasOne<Meeting>().WithMany().HasForeignKey(m => m.MeetingId).OnDelete(DeleteBehavior.Cascade);
        motion.HasOne<AgendaItem>().WithMany().HasForeignKey(m => m.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
        motion.HasOne<Motion>().WithMany().HasForeignKey(m => m.RepeatOfId).OnDelete(DeleteBehavior.SetNull);
        motion.HasIndex(m => new { m.MeetingId, m.AgendaItemId });
        // One vote open at a time in a meeting: the chair's console and the delegates' pages show one.
        motion.HasIndex(m => m.MeetingId).IsUnique().HasFilter($"\"State\" = '{nameof(MotionState.Open)}'").HasDatabaseName("IX_Motions_Open");
    }
}

internal sealed class VoteConfiguration : IEntityTypeConfiguration<Vote>
{
    public void Configure(EntityTypeBuilder<Vote> vote)
    {
        vote.HasOne<Motion>().WithMany().HasForeignKey(v => v.MotionId).OnDelete(DeleteBehavior.Cascade);
        vote.HasOne<Participant>().WithMany().HasForeignKey(v => v.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        vote.HasOne<Site>().WithMany().HasForeignKey(v => v.SiteId).OnDelete(DeleteBehavior.Cascade);
        // One vote per delegate and motion, whatever the code above does: a change of mind updates it.
        vote.HasIndex(v => new { v.MotionId, v.ParticipantId }).IsUnique();
        vote.HasIndex(v => new { v.MotionId, v.SiteId });
    }
}

internal sealed class SiteTallyConfiguration : IEntityTypeConfiguration<SiteTally>
{
    public void Configure(EntityTypeBuilder<SiteTally> tally)
    {
        tally.HasKey(t => new { t.MotionId, t.SiteId });
        tally.Property(t => t.EnteredBy).HasMaxLength(TextLimits.Name);
        tally.Property(t => t.Version).IsConcurrencyToken();
        tally.HasOne<Motion>().WithMany().HasForeignKey(t => t.MotionId).OnDelete(DeleteBehavior.Cascade);
        tally.HasOne<Site>().WithMany().HasForeignKey(t => t.SiteId).OnDelete(DeleteBehavior.Cascade);
        tally.HasOne<Meeting>().WithMany().HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class CandidateConfiguration : IEntityTypeConfiguration<Candidate>
{
    public void Configure(EntityTypeBuilder<Candidate> candidate)
    {
        candidate.Property(c => c.Name).HasMaxLength(TextLimits.Name);
        candidate.HasOne<Motion>().WithMany().HasForeignKey(c => c.MotionId).OnDelete(DeleteBehavior.Cascade);
        candidate.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.NoAction);
        candidate.HasIndex(c => new { c.MotionId, c.Order });
    }
}

internal sealed class BallotCastConfiguration : IEntityTypeConfiguration<BallotCast>
{
    public void Configure(EntityTypeBuilder<BallotCast> cast)
    {
        cast.HasKey(c => new { c.MotionId, c.ParticipantId });
        cast.HasOne<Motion>().WithMany().HasForeignKey(c => c.MotionId).OnDelete(DeleteBehavior.Cascade);
        cast.HasOne<Participant>().WithMany().HasForeignKey(c => c.ParticipantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BallotConfiguration : IEntityTypeConfiguration<Ballot>
{
    public void Configure(EntityTypeBuilder<Ballot> ballot)
    {
        ballot.Property(b => b.Id).ValueGeneratedNever();
        ballot.HasOne<Motion>().WithMany().HasForeignKey(b => b.MotionId).OnDelete(DeleteBehavior.Cascade);
        ballot.HasIndex(b => b.MotionId);
    }
}

internal sealed class BallotMarkConfiguration : IEntityTypeConfiguration<BallotMark>
{
    public void Configure(EntityTypeBuilder<BallotMark> mark)
    {
        mark.HasKey(m => new { m.BallotId, m.CandidateId });
        mark.HasOne<Ballot>().WithMany().HasForeignKey(m => m.BallotId).OnDelete(DeleteBehavior.Cascade);
        mark.HasOne<Candidate>().WithMany().HasForeignKey(m => m.CandidateId).OnDelete(DeleteBehavior.NoAction);
        mark.HasIndex(m => m.CandidateId);
    }
}
