using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Imports;
using DienHong.Features.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DienHong.Features.Sites;

public sealed record SiteDto(
    int Id, string Name, bool IsHost, SiteLevel Level, int? AdministrativeUnitId, string? Room, int Capacity,
    string? PresidingPerson, string? TechnicalContactName, string? TechnicalContactPhone, DateTime? ConnectionTestAt)
{
    public static SiteDto From(Site s) => new(
        s.Id, s.Name, s.IsHost, s.Level, s.AdministrativeUnitId, s.Room, s.Capacity,
        s.PresidingPerson, s.TechnicalContactName, s.TechnicalContactPhone, s.ConnectionTestAt);
}

public sealed record SiteInput(
    string Name, int Capacity, bool IsHost = false, SiteLevel Level = SiteLevel.Commune, int? AdministrativeUnitId = null,
    string? Room = null, string? PresidingPerson = null, string? TechnicalContactName = null, string? TechnicalContactPhone = null,
    DateTime? ConnectionTestAt = null)
{
    public void ApplyTo(Site site)
    {
        site.Name = Name;
        site.Capacity = Capacity;
        site.IsHost = IsHost;
        site.Level = Level;
        site.AdministrativeUnitId = AdministrativeUnitId;
        site.Room = Room;
        site.PresidingPerson = PresidingPerson;
        site.TechnicalContactName = TechnicalContactName;
        site.TechnicalContactPhone = TechnicalContactPhone;
        site.ConnectionTestAt = ConnectionTestAt?.ToUniversalTime();
    }
}

public static class SitesApi
{
    public static RouteGroupBuilder MapSitesApi(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/meetings/{meetingId:int}/sites").WithTags("Sites");
        sites.MapGet("/", ListAsync);
        sites.MapPost("/", AddAsync).RequireAuthorization(Roles.CanPlanMeetings);
        sites.MapPut("/{siteId:int}", UpdateAsync).RequireAuthorization(Roles.CanPlanMeetings);
        sites.MapDelete("/{siteId:int}", DeleteAsync).RequireAuthorization(Roles.CanPlanMeetings);
        sites.MapPut("/{siteId:int}/host", MakeHostAsync).RequireAuthorization(Roles.CanPlanMeetings);
        sites.MapPost("/import", ImportAsync).RequireAuthorization(Roles.CanPlanMeetings).DisableAntiforgery().RequireRateLimiting(Security.SecuritySetup.Expensive);
        return sites;
    }

    private static async Task<Results<Ok<List<SiteDto>>, NotFound>> ListAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting)
        {
            return TypedResults.NotFound();
        }

        var visible = await access.SiteFilterAsync(db, cancellationToken);
        return TypedResults.Ok(meeting.Sites.Where(visible).OrderByDescending(s => s.IsHost).ThenBy(s => s.Level).ThenBy(s => s.Id).Select(SiteDto.From).ToList());
    }

    private static async Task<Results<Created<SiteDto>, NotFound>> AddAsync(int meetingId, SiteInput input, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting)
        {
            return TypedResults.NotFound();
        }

        var site = new Site { Name = input.Name };
        input.ApplyTo(site);
        meeting.Sites.Add(site);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.Created($"/api/meetings/{meetingId}/sites/{site.Id}", SiteDto.From(site));
    }

    private static async Task<Results<Ok<SiteDto>, NotFound>> UpdateAsync(int meetingId, int siteId, SiteInput input, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting || meeting.Sites.Find(s => s.Id == siteId) is not { } site)
        {
            return TypedResults.NotFound();
        }

        input.ApplyTo(site);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.Ok(SiteDto.From(site));
    }

    /// <summary>
    /// Makes this site the meeting's one host and every other site a remote one, in one save: the
    /// way to move the host, and to repair a meeting that old data left with several hosts.
    /// </summary>
    private static async Task<Results<Ok<SiteDto>, NotFound>> MakeHostAsync(int meetingId, int siteId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting || meeting.Sites.Find(s => s.Id == siteId) is not { } host)
        {
            return TypedResults.NotFound();
        }

        meeting.Sites.ForEach(s => s.IsHost = s == host);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.Ok(SiteDto.From(host));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(int meetingId, int siteId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting || meeting.Sites.Find(s => s.Id == siteId) is not { } site)
        {
            return TypedResults.NotFound();
        }

        meeting.Sites.Remove(site);
        db.Sites.Remove(site);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(int meetingId, IFormFile file, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.CanSeeMeetingAsync(db, meetingId, cancellationToken)
            ? await ImportEndpoint.RunAsync(file, (content, name) => db.ImportSitesAsync(meetingId, content, name, cancellationToken))
            : ImportEndpoint.MeetingNotFound;
}
