using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Api;
using DienHong.Features.Live;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DienHong.Features.Attendance;

public static class AttendanceApi
{
    public static RouteGroupBuilder MapAttendanceApi(this RouteGroupBuilder api)
    {
        api.MapGet("/meetings/{meetingId:int}/attendance", SummaryAsync).WithTags("Attendance")
            .WithSummary("People present / planned / capacity at every site the user sees, and in total.");

        api.MapPost("/meetings/{meetingId:int}/participants/{participantId:int}/check-in", CheckInPersonAsync).WithTags("Attendance").RequireMeetingAccess(MeetingAction.Read)
            .WithSummary("A delegate (a participant linked to the account) checks in at their own site from their device (or their site's operator for them); capacity holds as for any check-in.");

        var site = api.MapGroup("/meetings/{meetingId:int}/sites/{siteId:int}/attendance").WithTags("Attendance");
        site.MapGet("/", SiteAsync).WithSummary("The site's planned people (present or not), the walk-ins present and its count.");
        site.MapPost("/", CheckInAsync).RequireMeetingAccess(MeetingAction.OperateSite)
            .WithSummary("Checks in a planned participant (participantId) or a walk-in (name, address); refused with nothing recorded when the room is full.");
        site.MapPost("/scan", ScanAsync).RequireMeetingAccess(MeetingAction.OperateSite)
            .WithSummary("Checks in the holder of an invitation from its QR code (as a scanner types it); forged, foreign and repeated codes are refused.");
        site.MapPost("/{checkInId:int}/check-out", CheckOutAsync).RequireMeetingAccess(MeetingAction.OperateSite).WithSummary("Records that a person left the site.");
        return site;
    }

    private static async Task<Results<Ok<AttendanceSummary>, NotFound>> SummaryAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CurrentUser user, CancellationToken cancellationToken) =>
        await LiveViewer.ForAsync(db, access, user, meetingId, cancellationToken) is { } viewer
            ? TypedResults.Ok(await AttendanceQueries.SummaryAsync(db, meetingId, viewer, cancellationToken))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<SiteAttendance>, NotFound>> SiteAsync(int meetingId, int siteId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.CanSeeSiteAsync(db, meetingId, siteId, cancellationToken) && await AttendanceQueries.SiteAsync(db, meetingId, siteId, cancellationToken) is { } site
            ? TypedResults.Ok(site)
            : TypedResults.NotFound();

    private static async Task<Results<Created<CheckInDto>, NotFound>> CheckInAsync(int meetingId, int siteId, CheckInInput input, AttendanceService attendance, CancellationToken cancellationToken) =>
        Created(meetingId, await attendance.CheckInAsync(meetingId, siteId, input, cancellationToken));

    private static async Task<Results<Created<CheckInDto>, NotFound>> CheckInPersonAsync(int meetingId, int participantId, AttendanceService attendance, CancellationToken cancellationToken) =>
        Created(meetingId, await attendance.CheckInPersonAsync(meetingId, participantId, cancellationToken));

    private static async Task<Results<Created<CheckInDto>, NotFound>> ScanAsync(int meetingId, int siteId, ScanInput input, AttendanceService attendance, CancellationToken cancellationToken) =>
        Created(meetingId, await attendance.ScanAsync(meetingId, siteId, input, cancellationToken));

    private static async Task<Results<Ok<CheckInDto>, NotFound>> CheckOutAsync(int meetingId, int siteId, int checkInId, AttendanceService attendance, CancellationToken cancellationToken) =>
        await attendance.CheckOutAsync(meetingId, siteId, checkInId, cancellationToken) is { } checkIn ? TypedResults.Ok(checkIn) : TypedResults.NotFound();

    private static Results<Created<CheckInDto>, NotFound> Created(int meetingId, CheckInDto? checkIn) => checkIn is null
        ? TypedResults.NotFound()
        : TypedResults.Created($"/api/meetings/{meetingId}/sites/{checkIn.SiteId}/attendance/{checkIn.Id}", checkIn);
}
