using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Live;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DienHong.Features.Incidents;

public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder api)
    {
        var meeting = api.MapGroup("/meetings/{meetingId:int}").WithTags("Incidents");
        meeting.MapGet("/incidents", ReportAsync).WithSummary("Every incident of the meeting the user may see (site, kind, opened, closed, duration) and their statistics.");
        return meeting;
    }

    private static async Task<Results<Ok<IncidentReport>, NotFound>> ReportAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CurrentUser user, CancellationToken cancellationToken) =>
        await LiveViewer.ForAsync(db, access, user, meetingId, cancellationToken) is { Anonymous: false } viewer
            ? TypedResults.Ok(await IncidentQueries.ReportAsync(db, meetingId, viewer, cancellationToken: cancellationToken))
            : TypedResults.NotFound();
}
