using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Api;
using DienHong.Features.Live;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DienHong.Features.Sittings;

public static class SittingsApi
{
    public static RouteGroupBuilder MapSittingsApi(this RouteGroupBuilder api)
    {
        var meeting = api.MapGroup("/meetings/{meetingId:int}").WithTags("Sittings");
        meeting.MapGet("/sittings", ConductAsync).WithSummary("The sittings, the agenda with planned and actual times, the running sitting and the current item.");
        meeting.MapPost("/sittings", CreateAsync).RequireMeetingAccess(MeetingAction.Chair).WithSummary("Plans a sitting (phiên họp) with its planned start and end.");
        meeting.MapPost("/sittings/from-plan", ProposeAsync).RequireMeetingAccess(MeetingAction.Chair)
            .WithSummary("Adds a morning and an afternoon sitting for each day of the meeting's phases (or its start–end), leaving out titles it has already.");
        meeting.MapPut("/sittings/{sittingId:int}/state", ChangeStateAsync).RequireMeetingAccess(MeetingAction.Chair)
            .WithSummary("Starts, pauses, resumes or ends a sitting: chưa bắt đầu → đang họp ⇄ tạm dừng → kết thúc; one sitting runs at a time.");
        meeting.MapDelete("/sittings/{sittingId:int}", DeleteAsync).RequireMeetingAccess(MeetingAction.Chair).WithSummary("Removes a sitting that has not started.");
        meeting.MapGet("/sittings/{sittingId:int}/minutes", MinutesAsync)
            .WithSummary("The minutes' record of a sitting from its live log: times, place, presiding, attendance per site, items with actual times, incidents with durations.");
        meeting.MapPut("/current-item", CurrentItemAsync).RequireMeetingAccess(MeetingAction.Chair)
            .WithSummary("Makes an agenda item the current one (its run starts, the previous one's ends); null ends the current item.");
        return meeting;
    }

    private static async Task<Results<Ok<ConductState>, NotFound>> ConductAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.CanSeeMeetingAsync(db, meetingId, cancellationToken) ? TypedResults.Ok(await SittingService.ConductAsync(db, meetingId, cancellationToken)) : TypedResults.NotFound();

    private static async Task<Results<Ok<Drafting.MinutesView>, NotFound>> MinutesAsync(int meetingId, int sittingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.CanSeeMeetingAsync(db, meetingId, cancellationToken) && access.SeesAllSites
        && await SittingMinutes.RecordAsync(db, meetingId, sittingId, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();

    private static async Task<Results<Created<SittingDto>, NotFound>> CreateAsync(int meetingId, SittingInput input, SittingService sittings, CancellationToken cancellationToken) =>
        await sittings.CreateAsync(meetingId, input, cancellationToken) is { } sitting
            ? TypedResults.Created($"/api/meetings/{meetingId}/sittings/{sitting.Id}", sitting)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<List<SittingDto>>, NotFound>> ProposeAsync(int meetingId, SittingService sittings, CancellationToken cancellationToken) =>
        await sittings.ProposeAsync(meetingId, cancellationToken) is { } added ? TypedResults.Ok(added) : TypedResults.NotFound();

    private static async Task<Results<Ok<SittingDto>, NotFound>> ChangeStateAsync(int meetingId, int sittingId, SittingStateInput input, SittingService sittings, CancellationToken cancellationToken) =>
        await sittings.ChangeStateAsync(meetingId, sittingId, input, cancellationToken) is { } sitting ? TypedResults.Ok(sitting) : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(int meetingId, int sittingId, SittingService sittings, CancellationToken cancellationToken) =>
        await sittings.DeleteAsync(meetingId, sittingId, cancellationToken) is true ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<ConductState>, NotFound>> CurrentItemAsync(int meetingId, CurrentItemInput input, SittingService sittings, CancellationToken cancellationToken) =>
        await sittings.SetCurrentItemAsync(meetingId, input, cancellationToken) is { } state ? TypedResults.Ok(state) : TypedResults.NotFound();
}

/// <summary>The "sitting" part of a meeting's snapshot: public, like the event (the projector shows the current item).</summary>
internal sealed class SittingSnapshotPart : ILiveSnapshotPart
{
    public string Name => ConductState.EventType;

    public async Task<object?> ReadAsync(DienHongDbContext db, int meetingId, LiveViewer viewer, CancellationToken cancellationToken) =>
        await SittingService.ConductAsync(db, meetingId, cancellationToken);
}
