using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Api;
using DienHong.Features.Live;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Floor;

public static class FloorApi
{
    public static RouteGroupBuilder MapFloorApi(this RouteGroupBuilder api)
    {
        var floor = api.MapGroup("/meetings/{meetingId:int}/floor").WithTags("Floor");
        floor.MapGet("/", StateAsync).WithSummary("The floor now: the speaker with the countdown's deadline, and the current item's queue, speeches and those not reached.");
        floor.MapGet("/record", RecordAsync).WithSummary("Every speech of the meeting (who, from which site, on which item, when, how long) and every speech handed in writing.");
        floor.MapPost("/withdraw", WithdrawAsync).RequireMeetingAccess(MeetingAction.Read)
            .WithSummary("Withdraws a waiting request: the delegate's own, one of the operator's site, or any for the chair.");
        floor.MapPost("/written", WrittenAsync).RequireMeetingAccess(MeetingAction.Read)
            .WithSummary("Someone not reached when the list closed hands in the speech in writing; it is recorded against the item.");
        floor.MapPut("/order", OrderAsync).RequireMeetingAccess(MeetingAction.Chair).WithSummary("The chair puts the waiting queue of the current item in a new order (every waiting request, once).");
        floor.MapPost("/give", GiveAsync).RequireMeetingAccess(MeetingAction.Chair)
            .WithSummary("Gives the floor to a waiting request or to a whole site; the current speaker's turn ends; the countdown's deadline is sent once.");
        floor.MapPost("/speaker", SpeakerAsync).RequireMeetingAccess(MeetingAction.Chair).WithSummary("Pauses, resumes, extends or ends the current speech.");
        floor.MapPut("/list", ListAsync).RequireMeetingAccess(MeetingAction.Chair)
            .WithSummary("Closes or reopens the current item's list of speakers; ending the debate marks those still waiting as not reached.");
        floor.MapPut("/times", TimesAsync).RequireMeetingAccess(MeetingAction.Chair)
            .WithSummary("Speaking times of the meeting or of one item (default 7 minutes a first turn, 3 a second on the same item).");
        // A delegate acts for themselves: the service checks the account is linked to the participant (or the user operates their site).
        api.MapPost("/meetings/{meetingId:int}/participants/{participantId:int}/floor-requests", RequestForAsync).WithTags("Floor").RequireMeetingAccess(MeetingAction.Read)
            .WithSummary("A delegate (a participant linked to the account) asks for the floor on the current item from their own device; their site's operator may do it for them.");
        api.MapPost("/meetings/{meetingId:int}/sites/{siteId:int}/floor/requests", RequestAtSiteAsync).WithTags("Floor").RequireMeetingAccess(MeetingAction.OperateSite)
            .WithSummary("A site's operator registers a speaker present at the site (a voter: name, address or unit, topic), a planned participant, or the site as a whole.");
        return floor;
    }

    private static async Task<Results<Ok<FloorState>, NotFound>> StateAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.CanSeeMeetingAsync(db, meetingId, cancellationToken) ? TypedResults.Ok(await FloorService.StateAsync(db, meetingId, cancellationToken)) : TypedResults.NotFound();

    private static async Task<Results<Ok<List<SpeechRecord>>, NotFound>> RecordAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingAsync(db, meetingId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var record = await FloorService.RecordAsync(db, meetingId, cancellationToken);
        // A site operator reads their own sites' speeches only, like the rest of the meeting's site data.
        if (await access.OwnSitesAsync(db, cancellationToken) is { } own)
        {
            record = [.. record.Where(r => own.Contains(r.SiteId))];
        }

        return TypedResults.Ok(record);
    }

    private static Results<Created<FloorRequestDto>, NotFound> Created(int meetingId, FloorRequestDto? request) => request is null
        ? TypedResults.NotFound()
        : TypedResults.Created($"/api/meetings/{meetingId}/floor", request);

    private static async Task<Results<Created<FloorRequestDto>, NotFound>> RequestForAsync(int meetingId, int participantId, OwnFloorInput input, FloorService floor, CancellationToken cancellationToken) =>
        Created(meetingId, await floor.RequestForAsync(meetingId, participantId, input, cancellationToken));

    private static async Task<Results<Created<FloorRequestDto>, NotFound>> RequestAtSiteAsync(int meetingId, int siteId, SiteFloorInput input, FloorService floor, CancellationToken cancellationToken) =>
        Created(meetingId, await floor.RequestAtSiteAsync(meetingId, siteId, input, cancellationToken));

    private static async Task<Results<Ok<FloorRequestDto>, NotFound>> WithdrawAsync(int meetingId, FloorRequestInput input, FloorService floor, CancellationToken cancellationToken) =>
        await floor.WithdrawAsync(meetingId, input, cancellationToken) is { } request ? TypedResults.Ok(request) : TypedResults.NotFound();

    private static async Task<Results<Ok<FloorRequestDto>, NotFound>> WrittenAsync(int meetingId, WrittenSpeechInput input, FloorService floor, CancellationToken cancellationToken) =>
        await floor.WrittenAsync(meetingId, input, cancellationToken) is { } request ? TypedResults.Ok(request) : TypedResults.NotFound();

    private static async Task<Results<Ok<FloorState>, NotFound>> OrderAsync(int meetingId, FloorOrderInput input, FloorService floor, CancellationToken cancellationToken) =>
        Ok(await floor.OrderAsync(meetingId, input, cancellationToken));

    private static async Task<Results<Ok<FloorState>, NotFound>> GiveAsync(int meetingId, GiveFloorInput input, FloorService floor, CancellationToken cancellationToken) =>
        Ok(await floor.GiveAsync(meetingId, input, cancellationToken));

    private static async Task<Results<Ok<FloorState>, NotFound>> SpeakerAsync(int meetingId, SpeakerInput input, FloorService floor, CancellationToken cancellationToken) =>
        Ok(await floor.SpeakerAsync(meetingId, input, cancellationToken));

    private static async Task<Results<Ok<FloorState>, NotFound>> ListAsync(int meetingId, SpeakerListInput input, FloorService floor, CancellationToken cancellationToken) =>
        Ok(await floor.ListAsync(meetingId, input, cancellationToken));

    private static async Task<Results<Ok<FloorState>, NotFound>> TimesAsync(int meetingId, SpeakingTimeInput input, FloorService floor, CancellationToken cancellationToken) =>
        Ok(await floor.TimesAsync(meetingId, input, cancellationToken));

    private static Results<Ok<FloorState>, NotFound> Ok(FloorState? state) => state is null ? TypedResults.NotFound() : TypedResults.Ok(state);
}

/// <summary>The "floor" part of a meeting's snapshot: public like the event, with the sites' presence for the projector's quiet line.</summary>
internal sealed class FloorSnapshotPart : ILiveSnapshotPart
{
    public string Name => FloorState.EventType;

    public async Task<object?> ReadAsync(DienHongDbContext db, int meetingId, LiveViewer viewer, CancellationToken cancellationToken)
    {
        var state = await FloorService.StateAsync(db, meetingId, cancellationToken);
        var online = (await db.SitePresences.AsNoTracking().Where(p => p.MeetingId == meetingId && p.OnlineSince != null).Select(p => p.SiteId).ToListAsync(cancellationToken)).ToHashSet();
        var present = await db.SiteHeadcounts.AsNoTracking().Where(h => h.MeetingId == meetingId).ToDictionaryAsync(h => h.SiteId, h => h.Present, cancellationToken);
        var sites = await db.Sites.AsNoTracking().Where(s => s.MeetingId == meetingId).OrderBy(s => s.Id).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        // The projector shows every site's presence line (it is on the hall's screen anyway); a site's operator keeps to their own sites.
        return state with
        {
            Sites = [.. sites.Where(s => viewer.Anonymous || viewer.AllSites || viewer.Sites.Contains(s.Id))
                .Select(s => new FloorSite(s.Id, s.Name, online.Contains(s.Id), present.GetValueOrDefault(s.Id)))],
        };
    }
}
