using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Features.Text;

namespace DienHong.Features.Drafting;

/// <summary>
/// What a wording template sees (Liquid, snake_case names): the meeting, the issuer, the tasks as
/// offices group them, and, for one invitation or minutes, the invitee or the record. Built once
/// per document from the loaded meeting; the template decides the sentences.
/// </summary>
public sealed record DocumentModel(MeetingView Meeting, IssuerView Issuer, IReadOnlyList<TaskGroup> Tasks, IReadOnlyList<string> Addressees, IReadOnlyList<string> SelfTasks)
{
    public InviteeView? Invitee { get; init; }
    public MinutesView? Minutes { get; init; }
    public BackdropView? Backdrop { get; init; }

    /// <summary>One vote's result, for its results document (Kết quả biểu quyết, Biên bản kiểm phiếu).</summary>
    public VoteView? Vote { get; init; }
    public DocumentView Document { get; init; } = new(null, null);

    public static DocumentModel For(Meeting meeting, IssuerView issuer)
    {
        var tasks = TaskGroups.Build(meeting, issuer);
        var addressees = tasks.Where(g => g.Verb == TaskGroups.Request).Select(g => g.Body).ToList();
        var self = meeting.Assignments.Where(a => a.OrganizationId is { } id && id == issuer.OrganizationId).Select(a => a.Content).ToList();
        return new DocumentModel(MeetingView.From(meeting), issuer, tasks, addressees, self);
    }
}

/// <summary>The document being written: its symbol ("62/KH-ĐBQH") and date, once the register gives them.</summary>
public sealed record DocumentView(string? Symbol, DateOnly? IssuedOn);

/// <summary>
/// The issuing body: its registered name, the body that acts in sentences ("Thường trực HĐND tỉnh"
/// signs for the council), its place.
/// </summary>
public sealed record IssuerView(int OrganizationId, string Name, string ActingBody, string Place, string? Contact)
{
    public static IssuerView From(OrganizationTemplate template, string organizationName) =>
        new(template.OrganizationId, organizationName, string.IsNullOrWhiteSpace(template.ActingBodyName) ? organizationName : template.ActingBodyName.Trim(), template.Place, template.ContactLine);
}

public sealed record MeetingView(
    string Title, string Kind, string Noun, string Format, string? SessionReference,
    DateOnly StartDate, TimeOnly StartTime, DateOnly EndDate, TimeOnly EndTime, int Days, int HalfDays,
    string? Place, IReadOnlyList<string> Purpose, IReadOnlyList<string> Requirements, IReadOnlyList<string> LegalBases,
    IReadOnlyList<ReferenceView> References, IReadOnlyList<string> Grounds, IReadOnlyList<string> Organizers, SiteView? Host, IReadOnlyList<SiteView> Sites,
    IReadOnlyList<SiteGroupView> SiteGroups, IReadOnlyList<ParticipantView> Participants, IReadOnlyList<AgendaView> Agenda,
    IReadOnlyList<PhaseView> Phases, IReadOnlyList<string> Recipients, DateOnly? ConnectionTestDate, TimeOnly? ConnectionTestTime,
    int? Capacity, IReadOnlyList<BackdropView> Backdrops)
{
    /// <summary>The meeting's public page where voters send petitions (its QR code on backdrops and invitations); null when the site's public address is unknown.</summary>
    public string? PetitionPage { get; init; }

    public static MeetingView From(Meeting meeting)
    {
        var start = VietnamTime.ToLocal(meeting.StartsAt);
        var end = VietnamTime.ToLocal(meeting.EndsAt);
        var days = Math.Max(1, end.Date.DayNumber() - start.Date.DayNumber() + 1);
        var bySite = ParticipantsBySite(meeting);
        SiteView View(Site site) => SiteView.From(site, bySite[site]);
        var host = meeting.Sites.FirstOrDefault(s => s.IsHost);
        var remote = meeting.Sites.Where(s => !s.IsHost).OrderBy(s => s.Level).ThenBy(s => s.Id).ToList();
        var test = meeting.Sites.Where(s => s.ConnectionTestAt is not null).Select(s => (DateTime?)VietnamTime.ToLocal(s.ConnectionTestAt!.Value)).Min();
        var capacities = meeting.Sites.Select(s => s.Capacity).Distinct().ToList();
        return new MeetingView(
            meeting.Title, meeting.Kind.ToString(), NounOf(meeting.Kind), FormatPhrase(meeting.Format), meeting.SessionReference,
            DateOnly.FromDateTime(start), TimeOnly.FromDateTime(start), DateOnly.FromDateTime(end), TimeOnly.FromDateTime(end),
            days, days == 1 ? (end - start).TotalHours > 5 ? 2 : 1 : days * 2,
            meeting.Place, Lines(meeting.Purpose), Lines(meeting.Requirements),
            [.. meeting.LegalBases.OrderBy(b => b.Order).Select(b => b.Text.Trim().TrimEnd('.', ';'))],
            [.. meeting.References.OrderBy(r => r.Order).Select(ReferenceView.From)],
            [.. meeting.References.Where(r => r.Concerns is null).OrderBy(r => r.Order).Select(r => ReferenceView.From(r).Citation), .. meeting.LegalBases.OrderBy(b => b.Order).Select(b => b.Text.Trim().TrimEnd('.', ';'))],
            [.. meeting.Organizers.OrderByDescending(o => o.IsLead).Select(o => o.Organization?.Name).OfType<string>()],
            host is null ? null : View(host),
            [.. (host is null ? remote : remote.Prepend(host)).Select(View)],
            [.. remote.GroupBy(s => s.Level).Select(g => SiteGroupView.From(g.Key, [.. g.Select(View)], g.ToList()))],
            [.. ParticipantView.ByRank(meeting.Participants.Select(p => ParticipantView.From(p, p.Site ?? meeting.Sites.Find(s => s.Id == p.SiteId && s.Id > 0))))],
            [.. meeting.AgendaItems.OrderBy(a => a.Order).Select((a, i) => new AgendaView((i + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture), a.Content.Trim(), a.Presenter, a.PlannedMinutes))],
            [.. meeting.Phases.OrderBy(p => p.StartsAt).Select(p => new PhaseView(p.Name, DateOnly.FromDateTime(VietnamTime.ToLocal(p.StartsAt)), DateOnly.FromDateTime(VietnamTime.ToLocal(p.EndsAt)), FormatPhrase(p.Format)))],
            [.. meeting.Recipients.OrderBy(r => r.Order).Select(r => r.Name.Trim().TrimEnd(';', '.'))],
            test is { } t ? DateOnly.FromDateTime(t) : null, test is { } u ? TimeOnly.FromDateTime(u) : null,
            capacities.Count == 1 ? capacities[0] : null,
            BackdropsOf(meeting, host, remote));
    }

    public static string NounOf(MeetingKind kind) => kind switch
    {
        MeetingKind.RegularSession or MeetingKind.ExtraordinarySession => "kỳ họp",
        MeetingKind.Sitting => "phiên họp",
        MeetingKind.MonthlyBriefing => "cuộc họp",
        _ => "hội nghị",
    };

    private static string FormatPhrase(MeetingFormat format) => format switch
    {
        MeetingFormat.Online => "trực tuyến",
        MeetingFormat.Hybrid => "trực tiếp kết hợp trực tuyến",
        _ => "trực tiếp",
    };

    /// <summary>One backdrop per distinct banner: the host's, then each level whose banner names someone else (a commune's Front committee).</summary>
    private static List<BackdropView> BackdropsOf(Meeting meeting, Site? host, List<Site> remote)
    {
        var result = new List<BackdropView>();
        if (host is not null)
        {
            result.Add(new BackdropView(true, host.Room ?? host.Name, null, [.. BackdropText.For(meeting, host).Select(BackdropLineView.From)]));
        }

        var hostOrganizer = host is null ? null : BackdropText.For(meeting, host)[0].Text;
        foreach (var level in remote.GroupBy(s => s.Level))
        {
            var generic = new Site { Name = level.First().Name, Level = level.Key, Capacity = 0 };
            var lines = BackdropText.For(meeting, generic);
            if (lines.Count > 0 && lines[0].Text != hostOrganizer)
            {
                result.Add(new BackdropView(false, null, SiteGroupView.PhraseOf(level.Key), [.. lines.Select(BackdropLineView.From)]));
            }
        }

        return result;
    }

    /// <summary>Each site's participants, indexed once (a plan of 700 sites looks them up per site).</summary>
    private static ILookup<Site, Participant> ParticipantsBySite(Meeting meeting)
    {
        var sitesById = meeting.Sites.Where(s => s.Id > 0).ToDictionary(s => s.Id);
        return meeting.Participants
            .Select(p => (Participant: p, Site: p.Site ?? (p.SiteId is { } id && sitesById.TryGetValue(id, out var site) ? site : null)))
            .Where(x => x.Site is not null)
            .ToLookup(x => x.Site!, x => x.Participant);
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.TrimStart('-', '+', ' ').TrimEnd(';', '.'))];
}

internal static class DateExtensions
{
    public static int DayNumber(this DateTime date) => DateOnly.FromDateTime(date).DayNumber;
}

public sealed record ReferenceView(string Kind, string TypeName, string Number, DateOnly IssuedOn, string Issuer, string? Summary, string? Concerns)
{
    /// <summary>"văn bản số 49/HĐND-VP, ngày 07/4/2020 của Thường trực HĐND tỉnh về việc …", as a "Căn cứ" cites it.</summary>
    public string Citation => $"{TypeName} số {Number}, ngày {VietnameseDates.InText(IssuedOn)} của {Issuer}" + (string.IsNullOrWhiteSpace(Summary) ? string.Empty : $" về việc {Summary.Trim()}");

    public static ReferenceView From(MeetingReference r) => new(r.Kind.ToString(), TypeNameOf(r.Kind), r.Number, r.IssuedOn, r.Issuer, r.Summary, r.Concerns);

    /// <summary>How a sentence names a document of this kind: "văn bản", "Thông báo", "Kế hoạch".</summary>
    public static string TypeNameOf(ReferenceKind kind) => kind switch
    {
        ReferenceKind.Notice => "Thông báo",
        ReferenceKind.Plan => "Kế hoạch",
        ReferenceKind.Resolution => "Nghị quyết",
        ReferenceKind.Decision => "Quyết định",
        _ => "văn bản",
    };
}

public sealed record PhaseView(string Name, DateOnly StartDate, DateOnly EndDate, string Format);

public sealed record AgendaView(string Number, string Content, string? Presenter, int? Minutes);

public sealed record BackdropLineView(string Text, string Kind)
{
    public static BackdropLineView From(BackdropLine line) => new(line.Text, line.Kind.ToString());
}

/// <summary>A backdrop to describe: the host's (with its room) or a level's ("cấp xã").</summary>
public sealed record BackdropView(bool IsHost, string? Room, string? LevelPhrase, IReadOnlyList<BackdropLineView> Lines);

public sealed record SiteView(string Name, string Room, string Place, string Level, bool IsHost, int Capacity, string? Presiding, IReadOnlyList<ParticipantView> Participants, IReadOnlyList<RoleView> Roles)
{
    /// <summary>Whether the name already says it is a site ("Điểm cầu An Giang"), so a sentence must not say "điểm cầu" again.</summary>
    public bool NamedAsSite => VietnameseText.Fold(Name).StartsWith("diem cau", StringComparison.Ordinal);

    public static SiteView From(Site site, IEnumerable<Participant> participants)
    {
        var people = ParticipantView.ByRank(participants.Select(p => ParticipantView.From(p, site))).ToList();
        return new SiteView(site.Name, site.Room ?? site.Name, PlaceOf(site), site.Level.ToString(), site.IsHost, site.Capacity, site.PresidingPerson, people, RoleView.Group(people));
    }

    /// <summary>The room and the site, each said once: "Hội trường UBND xã Tân Lập" or "Phòng họp số 2, Trụ sở UBND tỉnh".</summary>
    public static string PlaceOf(Site site) =>
        site.Room is not { Length: > 0 } room || room.Contains(site.Name, StringComparison.OrdinalIgnoreCase) ? site.Room ?? site.Name
        : site.Name.Contains(room, StringComparison.OrdinalIgnoreCase) ? site.Name
        : $"{room}, {site.Name}";
}

/// <summary>"Chủ trì: …", "Đại biểu tham dự: …": one line per role, each description once.</summary>
public sealed record RoleView(string Role, IReadOnlyList<string> People)
{
    public static List<RoleView> Group(IEnumerable<ParticipantView> people) =>
        [.. people.GroupBy(p => p.RoleKey).OrderBy(g => g.Min(p => p.Rank)).Select(g => new RoleView(g.First().Role, [.. g.Select(p => p.Name).Distinct()]))];
}

/// <summary>
/// Remote sites of one level. Many like sites are written once, as offices do ("11 điểm cầu cấp
/// xã"), their participants with place names made general ("xã Tân Lập" → "xã, phường, thị trấn").
/// </summary>
public sealed record SiteGroupView(string Level, string LevelPhrase, string Places, int Count, bool IsSingle, IReadOnlyList<SiteView> Sites, IReadOnlyList<RoleView> Roles)
{
    public static SiteGroupView From(SiteLevel level, List<SiteView> views, List<Site> sites)
    {
        var general = views.Zip(sites).SelectMany(pair => pair.First.Participants.Select(p => p with { Name = Generalize(p.Name, pair.Second) }));
        var phrase = views.Count == 1 && level == SiteLevel.Central ? views[0].Name : PhraseOf(level);
        return new SiteGroupView(level.ToString(), phrase, PlacesOf(level), views.Count, views.Count == 1, views, RoleView.Group(general));
    }

    public static string PhraseOf(SiteLevel level) => level switch
    {
        SiteLevel.Central => "trung ương",
        SiteLevel.Province => "cấp tỉnh",
        SiteLevel.District => "cấp huyện",
        _ => "cấp xã",
    };

    /// <summary>"huyện, thị xã, thành phố": the places of a level, as a sentence lists them.</summary>
    private static string PlacesOf(SiteLevel level) => level switch
    {
        SiteLevel.Central => "trung ương",
        SiteLevel.Province => "tỉnh, thành phố",
        SiteLevel.District => "huyện, thị xã, thành phố",
        _ => "xã, phường, thị trấn",
    };

    private static string Generalize(string text, Site site)
    {
        for (var unit = site.AdministrativeUnit; unit is not null; unit = unit.Parent)
        {
            var general = unit.Level switch
            {
                AdministrativeUnits.AdministrativeLevel.Commune => "xã, phường, thị trấn",
                AdministrativeUnits.AdministrativeLevel.District => "huyện, thị xã, thành phố",
                _ => null,
            };
            if (general is not null)
            {
                text = text.Replace(unit.Name, general, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text;
    }
}

/// <summary>A participant as a document names them; <see cref="Rank"/> orders presiding people first, then by office.</summary>
public sealed record ParticipantView(string Name, string? PersonName, string? Title, string? Organization, string Role, string RoleKey, int Rank, string? Site, int Order)
{
    public static ParticipantView From(Participant p, Site? site)
    {
        var organization = p.Organization?.Name ?? p.OrganizationName;
        var name = p.PersonName is { } person
            ? string.IsNullOrWhiteSpace(p.Title) ? person : $"{p.Title} {person}"
            : p.DisplayName;
        var role = Localization.Labels.Of(p.Role) switch
        {
            "Chủ trì" => "Chủ trì",
            var label => label + " tham dự",
        };
        return new ParticipantView(name, p.PersonName, p.Title, organization, role, p.Role.ToString(), Ranks.Of(p.Role, p.Title), site?.Name, p.Id);
    }

    /// <summary>Presiding first, then by office (chair before deputy), then as entered; never by given name.</summary>
    public static IEnumerable<ParticipantView> ByRank(IEnumerable<ParticipantView> people) =>
        people.OrderBy(p => p.Rank).ThenBy(p => p.Order);
}

/// <summary>The rank of an office in a title, for ordering presiding people and delegates as protocol does.</summary>
public static class Ranks
{
    // Most senior first; a title is ranked by the first of these it contains (folded, so "Phó Chủ tịch" is checked before "Chủ tịch").
    private static readonly string[] Offices =
    [
        "pho chu tich", "chu tich", "pho truong doan", "truong doan", "pho truong ban", "truong ban", "pho chanh van phong", "chanh van phong",
        "pho giam doc", "giam doc", "uy vien", "dai bieu",
    ];

    private static readonly Dictionary<string, int> Order = new()
    {
        ["chu tich"] = 1,
        ["pho chu tich"] = 2,
        ["truong doan"] = 3,
        ["pho truong doan"] = 4,
        ["truong ban"] = 5,
        ["pho truong ban"] = 6,
        ["chanh van phong"] = 7,
        ["pho chanh van phong"] = 8,
        ["giam doc"] = 9,
        ["pho giam doc"] = 10,
        ["uy vien"] = 11,
        ["dai bieu"] = 12,
    };

    public static int Of(ParticipantRole role, string? title)
    {
        var folded = VietnameseText.Fold(title);
        var office = Offices.FirstOrDefault(o => folded.Contains(o, StringComparison.Ordinal));
        var within = office is null ? 50 : Order[office];
        var byRole = role switch
        {
            ParticipantRole.Presiding => 0,
            ParticipantRole.Delegate => 1,
            ParticipantRole.Guest => 2,
            ParticipantRole.Voter => 3,
            ParticipantRole.Press => 4,
            _ => 5,
        };
        return (byRole * 100) + within;
    }
}

/// <summary>One invitee of an invitation: how they are addressed, where they sit.</summary>
public sealed record InviteeView(string Salutation, string Name, string? Title, string Place, string CheckInReference);

/// <summary>The minutes' record, for the minutes template.</summary>
public sealed record MinutesView(DateOnly Date, TimeOnly StartTime, TimeOnly? EndTime, string Place, string Chair, string Secretary,
    IReadOnlyList<AttendanceView> Attendance, IReadOnlyList<ProceedingView> Proceedings, string? Conclusion)
{
    /// <summary>The sitting's name ("Phiên sáng"): a meeting of several sittings has minutes for each, and their titles must tell them apart.</summary>
    public string? Sitting { get; init; }

    /// <summary>Incidents at the sites during the sitting, with how long each lasted.</summary>
    public IReadOnlyList<IncidentView> Incidents { get; init; } = [];

    /// <summary>Who spoke, from which site, on which item, when and for how long (the floor's record); empty: the template leaves the section out.</summary>
    public IReadOnlyList<SpeakerView> Speakers { get; init; } = [];

    /// <summary>Speeches of those not reached, handed in writing.</summary>
    public IReadOnlyList<WrittenSpeechView> WrittenSpeeches { get; init; } = [];

    /// <summary>The results of the sitting's votes (secret ballots as counts only), in the order they were held.</summary>
    public IReadOnlyList<VoteView> Votes { get; init; } = [];

    /// <summary>Delegates present during the sitting, and the body's total membership (null when the meeting has no voting body).</summary>
    public int DelegatesPresent { get; init; }
    public int? Members { get; init; }
}

public sealed record AttendanceView(string Number, string Site, int Present, int Capacity);

public sealed record ProceedingView(string Item, string Summary);

/// <summary>"Mất kết nối tại UBND xã Lũng Cú, từ 08:40 đến 08:47 (7 phút)".</summary>
public sealed record IncidentView(string Number, string Site, string Kind, string? Description, string From, string? To, string Duration);

public sealed record SpeakerView(string Number, string Name, string Site, string Item, string Start, string Duration);

public sealed record WrittenSpeechView(string Number, string Name, string Site, string Item, string Text);

/// <summary>
/// A vote as documents state it: the motion, how it was voted, the base (all members, present at
/// opening), each line as the hall's screen shows it ("Tán thành: 45 (90,00%)") and the outcome.
/// A secret ballot carries counts only, and the counting committee that confirmed them.
/// </summary>
public sealed record VoteView(string Number, string Title, string Item, string Method, string Rule, bool Secret,
    DateOnly Date, string Opened, string Closed, int Members, int Present, IReadOnlyList<string> Lines, string Outcome, string? Documents)
{
    /// <summary>The counting committee (ban kiểm phiếu), its head first: they sign a counting record.</summary>
    public IReadOnlyList<string> Committee { get; init; } = [];
}
