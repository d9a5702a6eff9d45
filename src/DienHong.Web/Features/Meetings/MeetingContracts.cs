namespace DienHong.Features.Meetings;

/// <summary>A row of the meeting list.</summary>
public sealed record MeetingSummary(
    int Id, string Title, MeetingKind Kind, MeetingFormat Format, MeetingStatus Status,
    DateTime StartsAt, DateTime EndsAt, string? Place, IReadOnlyList<string> Organizers, int SiteCount);

public sealed record PhaseDto(string Name, DateTime StartsAt, DateTime EndsAt, MeetingFormat Format);

/// <summary>A related document the paperwork cites (see <see cref="Issuing.MeetingReference"/>): a notice, a summons.</summary>
public sealed record ReferenceDto(Issuing.ReferenceKind Kind, string Number, DateOnly IssuedOn, string Issuer, string? Summary = null, string? Concerns = null);

/// <summary>An organizer; <paramref name="Name"/> is shown in answers and ignored in requests.</summary>
public sealed record OrganizerDto(int OrganizationId, string? Name = null, bool IsLead = false);

/// <summary>
/// What a client sends to create a meeting or replace its own fields and lists (not its sites,
/// people, agenda or tasks, which are resources of their own). A replacement is whole: what is
/// left out becomes empty, except <paramref name="Status"/>, which a replacement must state (a new
/// meeting is a draft unless it says otherwise). <paramref name="Version"/>, when sent, must be
/// the meeting's current version. See docs/decisions/0010-put-replaces-the-whole-resource.md.
/// </summary>
public sealed record MeetingInput(
    string Title,
    MeetingKind Kind,
    MeetingFormat Format,
    DateTime StartsAt,
    DateTime EndsAt,
    MeetingStatus? Status = null,
    string? SessionReference = null,
    string? Place = null,
    string? BackdropTitle = null,
    string? Purpose = null,
    string? Requirements = null,
    string? SignerName = null,
    string? SignerTitle = null,
    SigningAuthority SigningAuthority = SigningAuthority.None,
    string? SignerOnBehalfOf = null,
    string? SignerCollective = null,
    IReadOnlyList<OrganizerDto>? Organizers = null,
    IReadOnlyList<PhaseDto>? Phases = null,
    IReadOnlyList<string>? LegalBases = null,
    IReadOnlyList<string>? Recipients = null,
    int? Version = null,
    IReadOnlyList<ReferenceDto>? References = null);

public sealed record MeetingDetail(
    int Id, string Title, MeetingKind Kind, MeetingFormat Format, MeetingStatus Status,
    DateTime StartsAt, DateTime EndsAt, string? SessionReference, string? Place, string? BackdropTitle, string? Purpose, string? Requirements,
    string? SignerName, string? SignerTitle, SigningAuthority SigningAuthority, string? SignerOnBehalfOf, string? SignerCollective,
    IReadOnlyList<OrganizerDto> Organizers, IReadOnlyList<PhaseDto> Phases, IReadOnlyList<string> LegalBases,
    IReadOnlyList<string> Recipients, int SiteCount, int ParticipantCount, int AgendaItemCount, int AssignmentCount, int Version,
    IReadOnlyList<ReferenceDto> References)
{
    public static MeetingDetail From(Meeting m) => new(
        m.Id, m.Title, m.Kind, m.Format, m.Status, m.StartsAt, m.EndsAt, m.SessionReference, m.Place, m.BackdropTitle, m.Purpose, m.Requirements,
        m.SignerName, m.SignerTitle, m.SigningAuthority, m.SignerOnBehalfOf, m.SignerCollective,
        [.. m.Organizers.OrderByDescending(o => o.IsLead).Select(o => new OrganizerDto(o.OrganizationId, o.Organization?.Name, o.IsLead))],
        [.. m.Phases.OrderBy(p => p.StartsAt).Select(p => new PhaseDto(p.Name, p.StartsAt, p.EndsAt, p.Format))],
        [.. m.LegalBases.OrderBy(b => b.Order).Select(b => b.Text)],
        [.. m.Recipients.OrderBy(r => r.Order).Select(r => r.Name)],
        m.Sites.Count, m.Participants.Count, m.AgendaItems.Count, m.Assignments.Count, m.Version,
        [.. m.References.OrderBy(r => r.Order).Select(r => new ReferenceDto(r.Kind, r.Number, r.IssuedOn, r.Issuer, r.Summary, r.Concerns))]);
}

public sealed record CopyMeetingRequest(DateTime StartsAt, string? Title = null);

/// <summary>Filters of the meeting list; all optional.</summary>
public sealed record MeetingFilter(
    string? Search = null, MeetingKind? Kind = null, int? OrganizationId = null,
    DateOnly? From = null, DateOnly? To = null, MeetingStatus? Status = null);
