namespace DienHong.Features.Voting;

/// <summary>The meeting's body: its quorum rule, its membership changes and the meeting's delegates.</summary>
public sealed record MembershipDto(int OrganizationId, string Name, QuorumRule QuorumRule, int Version, IReadOnlyList<MembershipChangeDto> Changes, IReadOnlyList<DelegateDto> Delegates);

public sealed record MembershipChangeDto(int Id, DateOnly EffectiveOn, int Members, string Reason);

/// <summary>A participant who votes, the account they vote from, and whether they are checked in (where).</summary>
public sealed record DelegateDto(int ParticipantId, string Name, string UserName, int? PlannedSiteId, int? PresentAtSiteId);

/// <summary>Present / total and whether the sitting may proceed: what the chair's console shows.</summary>
public sealed record QuorumState(int MeetingId, int? BodyId, string? BodyName, QuorumRule Rule, int Members, int Required, int Present, bool HasQuorum,
    IReadOnlyList<SiteDelegates> Sites)
{
    public const string EventType = "quorum";
}

/// <summary>Delegates checked in at a site.</summary>
public sealed record SiteDelegates(int SiteId, int Present);

/// <summary>Sets the body's quorum rule (<paramref name="Version"/>: the one seen, 0 for any).</summary>
public sealed record BodyInput(QuorumRule QuorumRule, int Version = 0);

/// <summary>From <paramref name="EffectiveOn"/> the body has <paramref name="Members"/> members, for <paramref name="Reason"/>.</summary>
public sealed record MembershipChangeInput(DateOnly EffectiveOn, int Members, string Reason);

/// <summary>The account (Delegate role) a participant votes from.</summary>
public sealed record DelegateInput(string UserName);

/// <summary>A new motion on an agenda item; candidates for a secret ballot.</summary>
public sealed record MotionInput(int AgendaItemId, string Title, MotionKind Kind = MotionKind.Resolution, PassingRule Rule = PassingRule.MoreThanHalfOfMembers,
    VotingMethod Method = VotingMethod.Open, BallotKind? BallotKind = null, int Seats = 1, string? Documents = null, IReadOnlyList<string>? Candidates = null);

/// <summary>A delegate's choice.</summary>
public sealed record VoteInput(VoteChoice Choice);

/// <summary>What the server recorded: the delegate's receipt.</summary>
public sealed record VoteReceipt(int MotionId, VoteChoice Choice, DateTime RecordedAt, int Changes);

/// <summary>A site's show of hands (<paramref name="Version"/>: the one seen when correcting it, 0 the first time).</summary>
public sealed record HandsInput(int InFavour, int Against, int Abstaining, int Version = 0);

public sealed record SiteTallyDto(int MotionId, int SiteId, int InFavour, int Against, int Abstaining, int Cap, string EnteredBy, DateTime EnteredAt, int Version);

/// <summary>Why a vote is annulled (kept and audited).</summary>
public sealed record AnnulInput(string Reason);

/// <summary>A secret ballot: the candidates chosen, or each person's rating (1 tín nhiệm cao, 2 tín nhiệm, 3 tín nhiệm thấp).</summary>
public sealed record BallotInput(IReadOnlyList<BallotMarkInput> Marks);

public sealed record BallotMarkInput(int CandidateId, int Mark = 1);

/// <summary>That a ballot went in: nothing about what it said.</summary>
public sealed record BallotReceipt(int MotionId, DateTime RecordedAt);

public sealed record CandidateDto(int Id, int Order, string Name, int? Chosen, int? Medium, int? Low, bool? Elected);

/// <summary>
/// The count, against all members: each line as the National Assembly's screen shows it
/// ("Tán thành: 45 (90,00%)"), and whether the motion passed.
/// </summary>
public sealed record MotionResult(int Members, int InFavour, int Against, int Abstaining, int Voting, int NotVoting, int InvalidBallots, int Required, bool Passed, IReadOnlyList<string> Lines);

/// <summary>A motion's state; <see cref="Result"/> once closed (a secret ballot's once the committee confirmed it). The "motion" event carries it.</summary>
public sealed record MotionDto(int Id, int AgendaItemId, string Title, MotionKind Kind, PassingRule Rule, VotingMethod Method, BallotKind? BallotKind, int Seats,
    string? Documents, MotionState State, int Members, int PresentAtOpening, DateTime? OpenedAt, DateTime? ClosedAt, DateTime? ConfirmedAt,
    string? AnnulReason, int? RepeatOfId, MotionResult? Result, IReadOnlyList<CandidateDto> Candidates, int Version)
{
    public const string EventType = "motion";
}

/// <summary>One line of an open vote's named list (never for a secret ballot).</summary>
public sealed record NamedVote(int ParticipantId, string Name, int? SiteId, string? SiteName, VoteChoice? Choice, string How);

/// <summary>How many have voted so far on an open motion: devices, the sites' shows of hands, secret ballots cast (counts only, never who or what).</summary>
public sealed record Turnout(int Devices, int Hands, int Ballots, int PresentAtOpening)
{
    public int Total => Devices + Hands + Ballots;
}

/// <summary>A site's show of hands as its secretary sees it: delegates present there, those who voted by device, the cap, and what was entered.</summary>
public sealed record SiteHandsState(int Present, int Devices, int Cap, SiteTallyDto? Entered);
