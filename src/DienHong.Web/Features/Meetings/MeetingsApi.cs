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
        meetings.MapGet("/{id:int}", GetAsync);
        meetings.MapPost("/", CreateAsync).RequireAuthorization(Roles.CanPlanMeetings);
        meetings.MapPut("/{id:int}", UpdateAsync).RequireAuthorization(Roles.CanPlanMeetings);
        meetings.MapDelete("/{id:int}", DeleteAsync).RequireAuthorization(Roles.CanPlanMeetings);
        meetings.MapPost("/{id:int}/copy", CopyAsync).RequireAuthorization(Roles.CanPlanMeetings);
        meetings.MapGet("/{id:int}/audit", AuditAsync);
        return meetings;
    }

    private static async Task<Ok<List<MeetingSummary>>> ListAsync(
        [AsParameters] MeetingFilter filter, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        var visible = await access.VisibleMeetingsAsync(db, cancellationToken);
        return TypedResults.Ok(await visible.Apply(filter).ToSummariesAsync(cancellationToken));
    }

    private static async Task<Results<Ok<MeetingDetail>, NotFound>> GetAsync(int id, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, id, cancellationToken) is not { } meeting)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(MeetingDetail.From(meeting));
    }

    private static async Task<Created<MeetingDetail>> CreateAsync(MeetingInput input, DienHongDbContext db, CancellationToken cancellationToken)
    {
        var meeting = new Meeting { Title = input.Title };
        input.ApplyTo(meeting);
        db.Meetings.Add(meeting);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.Created($"/api/meetings/{meeting.Id}", MeetingDetail.From(meeting));
    }

    private static async Task<Results<Ok<MeetingDetail>, NotFound>> UpdateAsync(int id, MeetingInput input, DienHongDbContext db, CancellationToken cancellationToken)
    {
        if (await db.LoadMeetingAsync(id, cancellationToken) is not { } meeting)
        {
            return TypedResults.NotFound();
        }

        input.ApplyTo(meeting);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.Ok(MeetingDetail.From(meeting));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, DienHongDbContext db, CancellationToken cancellationToken)
    {
        if (await db.LoadMeetingAsync(id, cancellationToken) is not { } meeting)
        {
            return TypedResults.NotFound();
        }

        db.Meetings.Remove(meeting);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<MeetingDetail>, NotFound>> CopyAsync(int id, CopyMeetingRequest request, DienHongDbContext db, CancellationToken cancellationToken)
    {
        if (await db.LoadMeetingAsync(id, cancellationToken) is not { } source)
        {
            return TypedResults.NotFound();
        }

        var copy = MeetingCopier.Copy(source, request.StartsAt.ToUniversalTime(), request.Title);
        db.Meetings.Add(copy);
        await db.SaveMeetingAsync(copy, cancellationToken);
        return TypedResults.Created($"/api/meetings/{copy.Id}", MeetingDetail.From(copy));
    }

    private static async Task<Results<Ok<List<AuditEntry>>, NotFound>> AuditAsync(int id, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingAsync(db, id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.MeetingId == id).OrderByDescending(e => e.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(entries);
    }
}
