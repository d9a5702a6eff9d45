using System.Text.Json.Serialization;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Organizations;
using DienHong.Features.Sites;
using DienHong.Features.Text;

namespace DienHong.Features.Petitions;

/// <summary>How a petition reached us.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PetitionChannel>))]
public enum PetitionChannel
{
    /// <summary>Raised aloud at a site during the conference.</summary>
    AtSite = 1,
    /// <summary>In writing, from a commune that was not connected (a batch compiled by the Front committee).</summary>
    InWriting = 2,
    /// <summary>Sent by a voter from the meeting's public page.</summary>
    Online = 3,
}

/// <summary>The level competent to answer (joint resolution 72/2025: central matters to the NA Standing Committee, local ones to the council and local agencies).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CompetenceLevel>))]
public enum CompetenceLevel
{
    Central = 1,
    Province = 2,
    /// <summary>Districts existed until 30 June 2025; older petitions keep it.</summary>
    District = 3,
    Commune = 4,
}

[JsonConverter(typeof(JsonStringEnumConverter<RecommendationStatus>))]
public enum RecommendationStatus
{
    /// <summary>Recorded, not yet classified by staff.</summary>
    New = 1,
    Classified = 2,
    Referred = 3,
    Answered = 4,
    /// <summary>Returned by the agency as not theirs: to be referred again.</summary>
    Returned = 5,
}

[JsonConverter(typeof(JsonStringEnumConverter<ReferralStatus>))]
public enum ReferralStatus
{
    Pending = 1,
    Answered = 2,
    Returned = 3,
}

/// <summary>A field petitions are classified by (land, health, …); administrators add their own.</summary>
public class PetitionField
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int Order { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>
/// One voter's petition as it was raised (ý kiến cử tri): kept word for word, whoever merges it.
/// It always belongs to one <see cref="Recommendation"/>: its own, or the one it was merged into.
/// </summary>
public class Petition
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int? SiteId { get; set; }
    public Site? Site { get; set; }
    public int RecommendationId { get; set; }
    public Recommendation? Recommendation { get; set; }
    public PetitionChannel Channel { get; set; }
    public string? VoterName { get; set; }

    /// <summary>Where the voter lives: "Ấp 3, xã Tân Lập".</summary>
    public string? VoterAddress { get; set; }

    /// <summary>The commune the petition comes from (the site's, or the one a written batch names), for the public page per commune.</summary>
    public int? AdministrativeUnitId { get; set; }
    public AdministrativeUnit? AdministrativeUnit { get; set; }
    public required string Content { get; set; }

    /// <summary>The delegate it was put to at the conference.</summary>
    public string? Delegate { get; set; }

    /// <summary>The code given back to the voter to follow the petition: "KN-7F3Q-9XKD".</summary>
    public required string TrackingCode { get; set; }

    /// <summary>Folded content, for accent-insensitive search (full-text index on each provider).</summary>
    public string SearchText { get; set; } = string.Empty;

    /// <summary>
    /// The content's words that carry the issue (folded, stop words dropped), kept so similarity
    /// compares stored words instead of folding every candidate's content again.
    /// </summary>
    public string Terms { get; set; } = string.Empty;
    public DateTime RecordedAt { get; set; }
    public string? RecordedBy { get; set; }

    /// <summary>When it was merged into another petition's recommendation, if it was.</summary>
    public DateTime? MergedAt { get; set; }
}

/// <summary>
/// A recommendation (kiến nghị): one issue as the delegation compiles it, raised by one or more
/// petitions; it is classified, referred, answered and published as a whole.
/// </summary>
public class Recommendation
{
    public int Id { get; set; }
    public int MeetingId { get; set; }

    /// <summary>The issue in the compiler's words; starts as the first petition's text.</summary>
    public required string Content { get; set; }
    public int? FieldId { get; set; }
    public PetitionField? Field { get; set; }
    public CompetenceLevel? Level { get; set; }
    public int? AgencyId { get; set; }
    public Organization? Agency { get; set; }
    public RecommendationStatus Status { get; set; } = RecommendationStatus.New;
    public DateTime? ClassifiedAt { get; set; }
    public string? ClassifiedBy { get; set; }

    /// <summary>The model's confidence in the field it suggested when staff confirmed; null if classified by hand.</summary>
    public double? SuggestionConfidence { get; set; }
    public bool IsPublished { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string SearchText { get; set; } = string.Empty;
    public DateTime CreatedAt { get; set; }
    public List<Petition> Petitions { get; set; } = [];
    public List<Referral> Referrals { get; set; } = [];
}

/// <summary>Sending a recommendation to an agency with a deadline; the agency answers it or returns it with a reason.</summary>
public class Referral
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int RecommendationId { get; set; }
    public Recommendation? Recommendation { get; set; }
    public int AgencyId { get; set; }
    public Organization? Agency { get; set; }
    public DateOnly Deadline { get; set; }
    public DateTime ReferredAt { get; set; }
    public string? ReferredBy { get; set; }
    public ReferralStatus Status { get; set; } = ReferralStatus.Pending;
    public string? AnswerText { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
    public string? ReturnReason { get; set; }
    public DateTime? ReturnedAt { get; set; }
    public List<AnswerAttachment> Attachments { get; set; } = [];

    /// <summary>Answered after the deadline (a Vietnam calendar day).</summary>
    public bool AnsweredLate => AnsweredAt is { } at && DateOnly.FromDateTime(VietnamTime.ToLocal(at)) > Deadline;

    public bool IsOverdue(DateOnly today) => Status == ReferralStatus.Pending && today > Deadline;
}

/// <summary>A file an agency attaches to its answer (the signed reply letter).</summary>
public class AnswerAttachment
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int ReferralId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>A meeting's petition deadlines: when the compilation is due (the plan's "trước ngày 23/11/2021").</summary>
public class PetitionSchedule
{
    public int MeetingId { get; set; }
    public DateOnly CompilationDeadline { get; set; }

    /// <summary>The regular session the conference precedes or follows, when known, to check the legal limit.</summary>
    public DateOnly? SessionOpensOn { get; set; }
    public DateOnly? SessionClosesOn { get; set; }
}
