using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Auditing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Meetings;

public static class MeetingsApi
{
    public static RouteGroupBuilder MapMeetingsApi(this RouteGroupBuilder api)
    {
        var meetings = api.MapGroup("/meetings").WithTags("Meetings");
        meetings.MapGet("/", ListAsync);
        meetings.MapGet("/{meetingId:int}", GetAsync);
        meetings.MapPost("/", CreateAsync).RequireAuthorization(Roles.CanPlanMeetings);
        meetings.MapPut("/{meetingId:int}", UpdateAsync).RequireAuthorization(Roles.CanPlanMeetings);
        meetings.MapDelete("/{meetingId:int}", DeleteAsync).RequireAuthorization(Roles.CanPlanMeetings);
        meetings.MapPost("/{meetingId:int}/copy", CopyAsync).RequireAuthorization(Roles.CanPlanMeetings);
        meetings.MapGet("/{meetingId:int}/audit", AuditAsync);
        return meetings;
    }

    private static async Task<Ok<List<MeetingSummary>>> ListAsync(
        [AsParameters] MeetingFilter filter, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        var visible = await access.VisibleMeetingsAsync(db, cancellationToken);
        return TypedResults.Ok(await visible.Apply(filter).ToSummariesAsync(await access.OwnSitesAsync(db, cancellationToken), cancellationToken));
    }

    private static async Task<Results<Ok<MeetingDetail>, NotFound>> GetAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting)
        {
            return TypedResults.NotFound();
        }

        // A site operator counts only their own sites and people.
        var visible = await access.SiteFilterAsync(db, cancellationToken);
        var sites = meeting.Sites.Where(visible).Select(s => s.Id).ToHashSet();
        return TypedResults.Ok(MeetingDetail.From(meeting) with
        {
            SiteCount = sites.Count,
            ParticipantCount = access.SeesAllSites ? meeting.Participants.Count : meeting.Participants.Count(p => p.SiteId is { } s && sites.Contains(s)),
        });
    }

    private static async Task<Created<MeetingDetail>> CreateAsync(MeetingInput input, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        var meeting = new Meeting { Title = input.Title };
        input.ApplyTo(meeting);
        await access.CheckOrganizersAsync(db, meeting, cancellationToken);
        db.Meetings.Add(meeting);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.Created($"/api/meetings/{meeting.Id}", MeetingDetail.From(meeting));
    }

    private static async Task<Results<Ok<MeetingDetail>, NotFound>> UpdateAsync(int meetingId, MeetingInput input, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await db.LoadMeetingAsync(meetingId, cancellationToken) is not { } meeting)
        {
            return TypedResults.NotFound();
        }

        input.ApplyTo(meeting);
        await access.CheckOrganizersAsync(db, meeting, cancellationToken);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.Ok(MeetingDetail.From(meeting));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(int meetingId, DienHongDbContext db, CancellationToken cancellationToken)
    {
        if (await db.LoadMeetingAsync(meetingId, cancellationToken) is not { } meeting)
        {
            return TypedResults.NotFound();
        }

        await db.DeleteMeetingAsync(meeting, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<MeetingDetail>, NotFound>> CopyAsync(int meetingId, CopyMeetingRequest request, DienHongDbContext db, CancellationToken cancellationToken)
    {
        if (await db.LoadMeetingAsync(meetingId, cancellationToken) is not { } source)
        {
            return TypedResults.NotFound();
        }

        var copy = MeetingCopier.Copy(source, request.StartsAt.ToUniversalTime(), request.Title);
        db.Meetings.Add(copy);
        await db.SaveMeetingAsync(copy, cancellationToken);
        return TypedResults.Created($"/api/meetings/{copy.Id}", MeetingDetail.From(copy));
    }

    private static async Task<Results<Ok<List<AuditEntry>>, NotFound>> AuditAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingAsync(db, meetingId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var entries = await (await access.HistoryAsync(db, meetingId, cancellationToken)).OrderByDescending(e => e.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(entries);
    }
}
