using DienHong.Data;
using DienHong.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Api;

/// <summary>Declares what a route does with its meeting when the method's default (GET reads, the rest plan) is not it.</summary>
public sealed record MeetingAccessMetadata(MeetingAction Action);

/// <summary>
/// Scope by construction: runs before every /api handler and checks the route's
/// <c>{meetingId}</c>, <c>{siteId}</c>, <c>{documentId}</c> (through the document's meeting) and
/// <c>{organizationId}</c> and <c>{referralId}</c> (a petition referred to an agency) against <see cref="MeetingAccess"/>. A meeting or site the user may not
/// see is 404, whatever the method; a visible one they may not change is 403. See docs/decisions/0008.
/// </summary>
public sealed class ScopeFilter : IEndpointFilter
{
    /// <summary>The route parameters this filter checks; any other parameter of an /api route must sit under <c>{meetingId}</c>.</summary>
    public static readonly IReadOnlyList<string> ScopedParameters = ["meetingId", "siteId", "documentId", "organizationId", "referralId"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var values = http.Request.RouteValues;
        var meetingId = Number(values, "meetingId");
        var siteId = Number(values, "siteId");
        var documentId = Number(values, "documentId");
        var organizationId = Number(values, "organizationId");
        var referralId = Number(values, "referralId");
        if (meetingId is null && documentId is null && organizationId is null && referralId is null)
        {
            return await next(context);
        }

        var reads = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        var action = http.GetEndpoint()?.Metadata.GetMetadata<MeetingAccessMetadata>()?.Action ?? (reads ? MeetingAction.Read : MeetingAction.Plan);
        var access = http.RequestServices.GetRequiredService<MeetingAccess>();
        var db = http.RequestServices.GetRequiredService<DienHongDbContext>();
        var cancellationToken = http.RequestAborted;

        if (documentId is { } document)
        {
            var owner = await db.IssuedDocuments.AsNoTracking().Where(d => d.Id == document).Select(d => new { d.MeetingId }).FirstOrDefaultAsync(cancellationToken);
            if (owner?.MeetingId is not { } documentMeeting || meetingId is { } named && named != documentMeeting)
            {
                return NotFound;
            }

            meetingId = documentMeeting;
        }

        var verdict = meetingId is { } meeting
            ? await access.VerdictAsync(db, meeting, siteId, action, cancellationToken)
            : AccessVerdict.Allowed;
        if (verdict == AccessVerdict.Allowed && organizationId is { } organization)
        {
            verdict = await access.OrganizationVerdictAsync(db, organization, change: !reads, cancellationToken);
        }

        if (verdict == AccessVerdict.Allowed && referralId is { } referral)
        {
            verdict = await access.ReferralVerdictAsync(db, referral, change: !reads, cancellationToken);
        }

        return verdict switch
        {
            AccessVerdict.Allowed => await next(context),
            AccessVerdict.Forbidden => TypedResults.Problem(title: Refusal(action), statusCode: StatusCodes.Status403Forbidden),
            _ => NotFound,
        };
    }

    /// <summary>Why a visible meeting refuses the action, in the words its user knows.</summary>
    private static string Refusal(MeetingAction action) => action switch
    {
        MeetingAction.OperateSite => "Bạn chỉ được xem, không được cập nhật thay cho điểm cầu này.",
        MeetingAction.Chair => "Chỉ chủ tọa hoặc bộ phận giúp việc của cuộc họp mới được điều hành cuộc họp.",
        MeetingAction.Vote => "Chỉ đại biểu của cuộc họp mới được biểu quyết.",
        _ => "Bạn không có quyền thực hiện thao tác này.",
    };

    private static IResult NotFound => TypedResults.Problem(title: "Không tìm thấy.", statusCode: StatusCodes.Status404NotFound);

    private static int? Number(RouteValueDictionary values, string name) =>
        values.TryGetValue(name, out var value) && int.TryParse(value?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
}

public static class ScopeFilterExtensions
{
    /// <summary>This route does <paramref name="action"/> with its meeting (instead of reading on GET, planning otherwise).</summary>
    public static TBuilder RequireMeetingAccess<TBuilder>(this TBuilder builder, MeetingAction action)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new MeetingAccessMetadata(action));
}
