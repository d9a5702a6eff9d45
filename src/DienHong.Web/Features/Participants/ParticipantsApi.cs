using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Imports;
using DienHong.Features.Meetings;
using DienHong.Features.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DienHong.Features.Participants;

public sealed record ParticipantDto(
    int Id, int? SiteId, string? PersonName, string? Title, int? OrganizationId, string? OrganizationName,
    ParticipantRole Role, string? Email, string? Phone, string DisplayName)
{
    public static ParticipantDto From(Participant p) => new(
        p.Id, p.SiteId, p.PersonName, p.Title, p.OrganizationId, p.Organization?.Name ?? p.OrganizationName, p.Role, p.Email, p.Phone, p.DisplayName);
}

public sealed record ParticipantInput(
    string? PersonName = null, string? Title = null, int? OrganizationId = null, string? OrganizationName = null,
    ParticipantRole Role = ParticipantRole.Delegate, int? SiteId = null, string? Email = null, string? Phone = null)
{
    public void ApplyTo(Participant participant)
    {
        participant.PersonName = PersonName;
        participant.Title = Title;
        participant.OrganizationId = OrganizationId;
        participant.OrganizationName = OrganizationName;
        participant.Role = Role;
        participant.SiteId = SiteId;
        participant.Site = null;
        participant.Email = Email;
        participant.Phone = Phone;
    }
}

public static class ParticipantsApi
{
    public static RouteGroupBuilder MapParticipantsApi(this RouteGroupBuilder api)
    {
        var participants = api.MapGroup("/meetings/{meetingId:int}/participants").WithTags("Participants");
        participants.MapGet("/", ListAsync);
        participants.MapPost("/", AddAsync).RequireAuthorization(Roles.CanPlanMeetings);
        participants.MapPut("/{participantId:int}", UpdateAsync).RequireAuthorization(Roles.CanPlanMeetings);
        participants.MapDelete("/{participantId:int}", DeleteAsync).RequireAuthorization(Roles.CanPlanMeetings);
        participants.MapPost("/import", ImportAsync).RequireAuthorization(Roles.CanPlanMeetings).DisableAntiforgery().RequireRateLimiting(Security.SecuritySetup.Expensive);
        return participants;
    }

    /// <summary>Participants by site, people sorted by given name; a site operator sees only their sites' people.</summary>
    private static async Task<Results<Ok<List<ParticipantDto>>, NotFound>> ListAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting)
        {
            return TypedResults.NotFound();
        }

        var visibleSite = await access.SiteFilterAsync(db, cancellationToken);
        var visibleSiteIds = meeting.Sites.Where(visibleSite).Select(s => s.Id).ToHashSet();
        var seesAll = meeting.Sites.Count == visibleSiteIds.Count;
        return TypedResults.Ok(meeting.Participants
            .Where(p => seesAll || p.SiteId is { } siteId && visibleSiteIds.Contains(siteId))
            .OrderBy(p => p.SiteId)
            .ThenBy(p => p.PersonName ?? p.DisplayName, VietnameseText.PersonNameOrder)
            .Select(ParticipantDto.From)
            .ToList());
    }

    private static async Task<Results<Created<ParticipantDto>, NotFound>> AddAsync(int meetingId, ParticipantInput input, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting)
        {
            return TypedResults.NotFound();
        }

        var participant = new Participant();
        input.ApplyTo(participant);
        meeting.Participants.Add(participant);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.Created($"/api/meetings/{meetingId}/participants/{participant.Id}", ParticipantDto.From(participant));
    }

    private static async Task<Results<Ok<ParticipantDto>, NotFound>> UpdateAsync(int meetingId, int participantId, ParticipantInput input, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting || meeting.Participants.Find(p => p.Id == participantId) is not { } participant)
        {
            return TypedResults.NotFound();
        }

        input.ApplyTo(participant);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.Ok(ParticipantDto.From(participant));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(int meetingId, int participantId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting || meeting.Participants.Find(p => p.Id == participantId) is not { } participant)
        {
            return TypedResults.NotFound();
        }

        meeting.Participants.Remove(participant);
        db.Participants.Remove(participant);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(int meetingId, IFormFile file, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.CanSeeMeetingAsync(db, meetingId, cancellationToken)
            ? await ImportEndpoint.RunAsync(file, (content, name) => db.ImportParticipantsAsync(meetingId, content, name, cancellationToken))
            : ImportEndpoint.MeetingNotFound;
}
