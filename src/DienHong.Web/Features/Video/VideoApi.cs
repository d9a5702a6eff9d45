using DienHong.Features.Accounts;
using DienHong.Features.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DienHong.Features.Video;

public static class VideoApi
{
    public static RouteGroupBuilder MapVideoApi(this RouteGroupBuilder api)
    {
        var meeting = api.MapGroup("/meetings/{meetingId:int}").WithTags("Video");
        meeting.MapGet("/video", PersonAsync).WithSummary("The signed-in person's way into the meeting's video room (engine script, room, JWT), or why there is none.");
        var site = api.MapGroup("/meetings/{meetingId:int}/sites/{siteId:int}").WithTags("Video");
        site.MapGet("/video", SiteAsync).RequireMeetingAccess(MeetingAction.OperateSite).WithSummary("The site console's way into the meeting's video room (the host's console moderates).");
        site.MapPost("/video/reports", ReportAsync).RequireMeetingAccess(MeetingAction.OperateSite)
            .WithSummary("What the site console's engine saw (joined, left, participants, quality, error); a drop opens an incident, a return closes it.");
        return meeting;
    }

    private static async Task<Results<Ok<VideoAccess>, NotFound>> PersonAsync(int meetingId, VideoService video, CancellationToken cancellationToken) =>
        await video.PersonJoinAsync(meetingId, cancellationToken) is { } access ? TypedResults.Ok(access) : TypedResults.NotFound();

    private static async Task<Results<Ok<VideoAccess>, NotFound>> SiteAsync(int meetingId, int siteId, VideoService video, CancellationToken cancellationToken) =>
        await video.SiteJoinAsync(meetingId, siteId, cancellationToken) is { } access ? TypedResults.Ok(access) : TypedResults.NotFound();

    private static async Task<Results<Ok<SiteVideoDto>, NotFound>> ReportAsync(int meetingId, int siteId, VideoReport report, VideoService video, CancellationToken cancellationToken) =>
        await video.ReportAsync(meetingId, siteId, report, cancellationToken) is { } state ? TypedResults.Ok(state) : TypedResults.NotFound();
}
