using System.Text.Json.Serialization;
using DienHong.Features.Agenda;
using DienHong.Features.Assignments;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Features.Text;

namespace DienHong.Features.Meetings;

[JsonConverter(typeof(JsonStringEnumConverter<MeetingKind>))]
public enum MeetingKind
{
    /// <summary>Kỳ họp thường lệ.</summary>
    RegularSession = 1,
    /// <summary>Kỳ họp bất thường.</summary>
    ExtraordinarySession = 2,
    /// <summary>Phiên họp.</summary>
    Sitting = 3,
    /// <summary>Hội nghị tiếp xúc cử tri.</summary>
    VoterContactConference = 4,
    /// <summary>Hội nghị.</summary>
    Conference = 5,
    /// <summary>Họp giao ban.</summary>
    MonthlyBriefing = 6,
}

[JsonConverter(typeof(JsonStringEnumConverter<MeetingFormat>))]
public enum MeetingFormat
{
    InPerson = 1,
    Online = 2,
    Hybrid = 3,
}

[JsonConverter(typeof(JsonStringEnumConverter<MeetingStatus>))]
public enum MeetingStatus
{
    Draft = 1,
    Planned = 2,
    InProgress = 3,
    Completed = 4,
    Cancelled = 5,
}

/// <summary>Signing authority on the signer block (Decree 30/2020, Art. 13).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SigningAuthority>))]
public enum SigningAuthority
{
    /// <summary>The head signs in their own name.</summary>
    None = 0,
    /// <summary>TM. — on behalf of a collective body.</summary>
    OnBehalfOfCollective = 1,
    /// <summary>KT. — signed by a deputy for the head.</summary>
    Deputy = 2,
    /// <summary>Q. — acting head.</summary>
    Acting = 3,
    /// <summary>TL. — by order of the head.</summary>
    ByOrder = 4,
    /// <summary>TUQ. — by authorization.</summary>
    ByAuthorization = 5,
}

/// <summary>
/// One planned meeting and everything that hangs on it: phases, legal bases, sites, participants,
/// agenda, assignments, recipients, signer. The aggregate is loaded, edited and checked as a whole
/// (see <see cref="MeetingRules"/>).
/// </summary>
public class Meeting : IFoldedSearch
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public MeetingKind Kind { get; set; }
    public MeetingFormat Format { get; set; }
    public MeetingStatus Status { get; set; } = MeetingStatus.Draft;

    /// <summary>Ordinal of the session it belongs to or follows, e.g. "kỳ họp thứ 2, Quốc hội khóa XV".</summary>
    public string? SessionReference { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }

    /// <summary>Place in the document's date line: "Bình Phước".</summary>
    public string? Place { get; set; }
    /// <summary>The meeting's name on the backdrop (maket): "TIẾP XÚC CỬ TRI VỚI ĐOÀN ĐẠI BIỂU QUỐC HỘI …", "KỲ HỌP THỨ 13 (BẤT THƯỜNG)".</summary>
    public string? BackdropTitle { get; set; }
    public string? Purpose { get; set; }
    public string? Requirements { get; set; }

    public string? SignerName { get; set; }
    public string? SignerTitle { get; set; }
    public SigningAuthority SigningAuthority { get; set; }

    /// <summary>The collective or head the signer signs for: "ĐOÀN ĐẠI BIỂU QUỐC HỘI" (TM.), "CHỦ TỊCH" (KT.).</summary>
    public string? SignerOnBehalfOf { get; set; }

    /// <summary>
    /// A collective line above a deputy's: "THƯỜNG TRỰC HĐND TỈNH" prints "TM. THƯỜNG TRỰC HĐND TỈNH"
    /// over "KT. CHỦ TỊCH" (seed 004).
    /// </summary>
    public string? SignerCollective { get; set; }

    /// <summary>Folded title and place, kept for accent-insensitive search on any database.</summary>
    public string SearchText { get; set; } = string.Empty;

    public string SearchedText() => $"{Title} {Place}";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// Goes up with every saved change to the meeting or anything on it; a save made from an older
    /// version is refused (optimistic concurrency), so no one overwrites a change they have not seen.
    /// </summary>
    public int Version { get; set; }

    public List<MeetingOrganizer> Organizers { get; set; } = [];
    public List<MeetingPhase> Phases { get; set; } = [];
    public List<LegalBasis> LegalBases { get; set; } = [];
    public List<Site> Sites { get; set; } = [];
    public List<Participant> Participants { get; set; } = [];
    public List<AgendaItem> AgendaItems { get; set; } = [];
    public List<Assignment> Assignments { get; set; } = [];
    public List<Recipient> Recipients { get; set; } = [];

    /// <summary>Related documents the paperwork cites (a summons, a notice that assigned tasks).</summary>
    public List<Issuing.MeetingReference> References { get; set; } = [];
}

/// <summary>An organizing body; a plan can be joint (the delegation with the Front committee).</summary>
public class MeetingOrganizer
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int OrganizationId { get; set; }
    public Organizations.Organization? Organization { get; set; }
    public bool IsLead { get; set; }
}

/// <summary>A phase (đợt) with its own dates and format.</summary>
public class MeetingPhase
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public required string Name { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public MeetingFormat Format { get; set; }
}

/// <summary>A legal basis (căn cứ) the plan cites.</summary>
public class LegalBasis
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Order { get; set; }
    public required string Text { get; set; }
}

/// <summary>A line of the distribution list (Nơi nhận).</summary>
public class Recipient
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }
}
