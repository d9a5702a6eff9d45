using DienHong.Data;
using DienHong.Features.Auditing;
using DienHong.Features.Meetings;
using DienHong.Features.Sites;
using DienHong.Features.Validation;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Accounts;

/// <summary>What a route or a component asks to do with a meeting (see docs/decisions/0008).</summary>
public enum MeetingAction
{
    /// <summary>See the meeting, and the site the route names if any.</summary>
    Read,

    /// <summary>Change planning data and issue paperwork.</summary>
    Plan,

    /// <summary>Act at the site the route names (readiness, check-in): that site's operators, and planners.</summary>
    OperateSite,

    /// <summary>Run the live meeting: a chair who sees the meeting, and planners.</summary>
    Chair,

    /// <summary>Cast one's own vote: a delegate who sees the meeting (the voting service checks their seat), and planners.</summary>
    Vote,
}

/// <summary>The answer to "may I": allowed, refused (403, the meeting is visible) or not found (404, it is not).</summary>
public enum AccessVerdict
{
    Allowed,
    Forbidden,
    NotFound,
}

/// <summary>
/// The one place that decides what the current user may see and change: meetings, their sites,
/// issued documents, an organization's templates and register, the history. The /api filter
/// (<see cref="Api.ScopeFilter"/>) asks it before every route with a meeting, site, document or
/// organization in its path, and components ask it for the same answers.
/// <list type="bullet">
/// <item>Administrators see and change everything.</item>
/// <item>A user without an organization sees every meeting (a site operator: only those of their sites);
/// a secretariat user without one plans them all.</item>
/// <item>A user of an organization sees the meetings it (or a body above it) organizes, or where it is
/// tasked or invited; a secretariat user plans the meetings organized by their organization or a body
/// above it (the office plans for the delegation it serves), and creates meetings only in that name.</item>
/// <item>A site operator sees only their sites: lists, counts, exports and history leave the others out.</item>
/// </list>
/// </summary>
public sealed partial class MeetingAccess(CurrentUser user)
{
    private UserScope? scope;

    // Yes-answers remembered for one unit of work (one database context: a request, or one operation
    // of a component): a route's scope filter and the service behind it ask the same questions, and a
    // live write (a check-in) should not pay for them twice. A new context asks again.
    private DienHongDbContext? answersFor;
    private readonly HashSet<int> seenMeetings = [];
    private readonly HashSet<int> plannedMeetings = [];
    private readonly HashSet<(int Meeting, int Site)> meetingSites = [];

    public bool CanPlan => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Secretariat);

    public bool CanAdminister => user.IsInRole(Roles.Administrator);

    /// <summary>False for a site operator: they see only their own sites of a meeting.</summary>
    public bool SeesAllSites => user.SeesAllSites;

    public async Task<IQueryable<Meeting>> VisibleMeetingsAsync(DienHongDbContext db, CancellationToken cancellationToken = default)
    {
        IQueryable<Meeting> meetings = db.Meetings;
        if (CanAdminister)
        {
            return meetings;
        }

        var mine = await ScopeAsync(db, cancellationToken);
        if (!SeesAllSites)
        {
            var sites = mine.Sites.ToList();
            meetings = meetings.Where(m => m.Sites.Any(s => sites.Contains(s.Id)));
        }

        if (mine.OrganizationId is { } org)
        {
            var acting = mine.ActingFor.ToList();
            meetings = meetings.Where(m => m.Organizers.Any(o => acting.Contains(o.OrganizationId))
                || m.Assignments.Any(a => a.OrganizationId == org)
                || m.Participants.Any(p => p.OrganizationId == org));
        }

        return meetings;
    }

    /// <summary>The meetings the user may change: never one they cannot see.</summary>
    public async Task<IQueryable<Meeting>> PlannableMeetingsAsync(DienHongDbContext db, CancellationToken cancellationToken = default)
    {
        if (!CanPlan)
        {
            return db.Meetings.Where(_ => false);
        }

        var visible = await VisibleMeetingsAsync(db, cancellationToken);
        var mine = await ScopeAsync(db, cancellationToken);
        if (CanAdminister || mine.OrganizationId is null)
        {
            return visible;
        }

        var acting = mine.ActingFor.ToList();
        return visible.Where(m => m.Organizers.Any(o => acting.Contains(o.OrganizationId)));
    }

    public async Task<bool> CanSeeMeetingAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default) =>
        Remembered(db, seenMeetings, meetingId)
        || Remember(seenMeetings, meetingId, await (await VisibleMeetingsAsync(db, cancellationToken)).AnyAsync(m => m.Id == meetingId, cancellationToken));

    public async Task<bool> CanChangeMeetingAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default) =>
        Remembered(db, plannedMeetings, meetingId)
        || Remember(plannedMeetings, meetingId, await (await PlannableMeetingsAsync(db, cancellationToken)).AnyAsync(m => m.Id == meetingId, cancellationToken));

    private async Task<bool> IsMeetingsSiteAsync(DienHongDbContext db, int meetingId, int siteId, CancellationToken cancellationToken) =>
        Remembered(db, meetingSites, (meetingId, siteId))
        || Remember(meetingSites, (meetingId, siteId), await db.Sites.AnyAsync(s => s.Id == siteId && s.MeetingId == meetingId, cancellationToken));

    private bool Remembered<T>(DienHongDbContext db, HashSet<T> answers, T question)
    {
        if (!ReferenceEquals(answersFor, db))
        {
            answersFor = db;
            seenMeetings.Clear();
            plannedMeetings.Clear();
            meetingSites.Clear();
        }

        return answers.Contains(question);
    }

    private static bool Remember<T>(HashSet<T> answers, T question, bool yes)
    {
        if (yes)
        {
            answers.Add(question);
        }

        return yes;
    }

    /// <summary>The whole meeting, tracked, if it exists and the user may see it.</summary>
    public async Task<Meeting?> LoadMeetingAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default) =>
        await CanSeeMeetingAsync(db, meetingId, cancellationToken) ? await db.LoadMeetingAsync(meetingId, cancellationToken) : null;

    /// <summary>May the user do <paramref name="action"/> on the meeting (and at the site, when one is named)?</summary>
    public async Task<AccessVerdict> VerdictAsync(DienHongDbContext db, int meetingId, int? siteId, MeetingAction action, CancellationToken cancellationToken = default)
    {
        if (!await CanSeeMeetingAsync(db, meetingId, cancellationToken))
        {
            return AccessVerdict.NotFound;
        }

        var mine = await ScopeAsync(db, cancellationToken);
        if (siteId is { } site && (!await IsMeetingsSiteAsync(db, meetingId, site, cancellationToken) || !(SeesAllSites || mine.Sites.Contains(site))))
        {
            return AccessVerdict.NotFound;
        }

        var allowed = action switch
        {
            MeetingAction.Read => true,
            MeetingAction.OperateSite when siteId is { } own && user.IsInRole(Roles.SiteOperator) && mine.Sites.Contains(own) => true,
            MeetingAction.Chair when user.IsInRole(Roles.Chair) => true,
            MeetingAction.Vote when user.IsInRole(Roles.Delegate) => true,
            _ => await CanChangeMeetingAsync(db, meetingId, cancellationToken),
        };
        return allowed ? AccessVerdict.Allowed : AccessVerdict.Forbidden;
    }

    /// <summary>The site belongs to the meeting and the user may see both.</summary>
    public async Task<bool> CanSeeSiteAsync(DienHongDbContext db, int meetingId, int siteId, CancellationToken cancellationToken = default) =>
        await VerdictAsync(db, meetingId, siteId, MeetingAction.Read, cancellationToken) == AccessVerdict.Allowed;

    /// <summary>
    /// May the user act for the site (tick its checklist, run its test, report its problems, keep its console online)?
    /// Its own operators and the meeting's planners do; chairs, viewers and agencies only watch. Null: not visible.
    /// </summary>
    public async Task<bool?> CanOperateSiteAsync(DienHongDbContext db, int meetingId, int siteId, CancellationToken cancellationToken = default) =>
        await VerdictAsync(db, meetingId, siteId, MeetingAction.OperateSite, cancellationToken) switch
        {
            AccessVerdict.Allowed => true,
            AccessVerdict.Forbidden => false,
            _ => null,
        };

    /// <summary>A site operator's own sites; null for everyone who sees all sites of the meetings they see.</summary>
    public async Task<IReadOnlySet<int>?> OwnSitesAsync(DienHongDbContext db, CancellationToken cancellationToken = default) =>
        SeesAllSites ? null : (await ScopeAsync(db, cancellationToken)).Sites;

    /// <summary>The sites of a meeting the user may see: all of them, or a site operator's own.</summary>
    public async Task<Func<Site, bool>> SiteFilterAsync(DienHongDbContext db, CancellationToken cancellationToken = default)
    {
        if (SeesAllSites)
        {
            return _ => true;
        }

        var own = (await ScopeAsync(db, cancellationToken)).Sites;
        return site => own.Contains(site.Id);
    }

    /// <summary>
    /// The meeting's history as this user may read it: a site operator sees the meeting's own
    /// changes and those of their sites, never another site's (nor a site-level change whose site is gone).
    /// </summary>
    public async Task<IQueryable<AuditEntry>> HistoryAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.MeetingId == meetingId);
        if (SeesAllSites)
        {
            return entries;
        }

        var own = (await ScopeAsync(db, cancellationToken)).Sites.ToList();
        var siteLevel = SiteLevelEntityTypes(db);
        return entries.Where(e => e.SiteId != null ? own.Contains(e.SiteId.Value) : !siteLevel.Contains(e.EntityType));
    }

    /// <summary>Entity types that belong to a site (the site itself, anything with a SiteId): hidden from other sites' operators.</summary>
    public static List<string> SiteLevelEntityTypes(DbContext db) =>
        [.. db.Model.GetEntityTypes().Where(t => t.ClrType == typeof(Site) || t.FindProperty(nameof(AuditEntry.SiteId)) is not null && t.ClrType != typeof(AuditEntry))
            .Select(t => t.ClrType.Name).Distinct()];

    /// <summary>
    /// The organizations whose letterhead and register may be used for this meeting: its organizers
    /// (the lead first) and the user's own organization, those with a template only.
    /// </summary>
    public async Task<List<(int Id, string Name)>> IssuingOrganizationsAsync(DienHongDbContext db, Meeting meeting, CancellationToken cancellationToken = default)
    {
        var candidates = meeting.Organizers.OrderByDescending(o => o.IsLead).Select(o => o.OrganizationId).ToList();
        if ((await ScopeAsync(db, cancellationToken)).OrganizationId is { } own && !candidates.Contains(own))
        {
            candidates.Add(own);
        }

        var templated = await db.OrganizationTemplates.AsNoTracking().Where(t => candidates.Contains(t.OrganizationId))
            .Select(t => new { t.OrganizationId, t.Organization!.Name }).ToListAsync(cancellationToken);
        return [.. candidates.Distinct().Join(templated, id => id, t => t.OrganizationId, (id, t) => (id, t.Name))];
    }

    /// <summary>An organization's templates and wording: its own staff (or staff of a unit under it) and administrators.</summary>
    public async Task<AccessVerdict> OrganizationVerdictAsync(DienHongDbContext db, int organizationId, bool change, CancellationToken cancellationToken = default)
    {
        if (CanAdminister)
        {
            return AccessVerdict.Allowed;
        }

        if (!(await ScopeAsync(db, cancellationToken)).ActingFor.Contains(organizationId))
        {
            return AccessVerdict.NotFound;
        }

        return !change || user.IsInRole(Roles.Secretariat) ? AccessVerdict.Allowed : AccessVerdict.Forbidden;
    }

    /// <summary>
    /// A user of an organization plans only in its name: a meeting without organizers gets theirs as
    /// the lead, and one led by another organization is refused (they could not see it afterwards).
    /// </summary>
    public async Task CheckOrganizersAsync(DienHongDbContext db, Meeting meeting, CancellationToken cancellationToken = default)
    {
        var mine = await ScopeAsync(db, cancellationToken);
        if (CanAdminister || mine.OrganizationId is not { } own)
        {
            return;
        }

        if (meeting.Organizers.Count == 0)
        {
            meeting.Organizers.Add(new MeetingOrganizer { OrganizationId = own, IsLead = true });
        }

        var lead = meeting.Organizers.FirstOrDefault(o => o.IsLead) ?? meeting.Organizers[0];
        if (!mine.ActingFor.Contains(lead.OrganizationId))
        {
            throw new RuleViolationException([new RuleViolation("Organizers", "Cơ quan chủ trì phải là cơ quan của bạn (hoặc cơ quan mà đơn vị bạn phục vụ).")]);
        }
    }

    private async Task<UserScope> ScopeAsync(DienHongDbContext db, CancellationToken cancellationToken)
    {
        var userId = user.Id;
        if (scope is { } known && known.UserId == userId)
        {
            return known;
        }

        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.OrganizationId, Sites = u.Sites.Select(s => s.SiteId).ToList() }).FirstOrDefaultAsync(cancellationToken);
        var acting = new HashSet<int>();
        if (account?.OrganizationId is { } organizationId)
        {
            // The organization and the bodies above it: an office acts for the body it serves.
            var parents = await db.Organizations.AsNoTracking().Where(o => o.ParentId != null).ToDictionaryAsync(o => o.Id, o => o.ParentId!.Value, cancellationToken);
            for (int? current = organizationId; current is { } id && acting.Add(id); current = parents.TryGetValue(id, out var parent) ? parent : null)
            {
            }
        }

        return scope = new UserScope(userId, account?.OrganizationId, acting, (account?.Sites ?? []).ToHashSet());
    }

    private sealed record UserScope(string? UserId, int? OrganizationId, IReadOnlySet<int> ActingFor, IReadOnlySet<int> Sites);
}
