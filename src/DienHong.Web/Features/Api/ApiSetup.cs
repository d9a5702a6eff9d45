using DienHong.Features.Accounts;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Agenda;
using DienHong.Features.Assignments;
using DienHong.Features.Attendance;
using DienHong.Features.Floor;
using DienHong.Features.Imports;
using DienHong.Features.Incidents;
using DienHong.Features.Issuing;
using DienHong.Features.Live;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Participants;
using DienHong.Features.Petitions;
using DienHong.Features.Projector;
using DienHong.Features.Readiness;
using DienHong.Features.Sites;
using DienHong.Features.Sittings;
using DienHong.Features.Video;
using DienHong.Features.Voting;

namespace DienHong.Features.Api;

/// <summary>The /api surface: JSON, an OpenAPI document, RFC 7807 errors, authorization by role.</summary>
public static class ApiSetup
{
    public static IServiceCollection AddDienHongApi(this IServiceCollection services)
    {
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Diên Hồng API";
            document.Info.Description = "Meetings of Vietnam's elected bodies: planning, sites, participants, agenda, tasks and paperwork. "
                + "Sign in with POST /api/account/login (cookie). Errors are RFC 7807 problem documents with Vietnamese messages naming the field: "
                + "400 for input that cannot be read or breaks a rule (nothing is saved), 409 when someone else changed the meeting meanwhile (reload), "
                + "503 while the database is unreachable (try again).";
            return Task.CompletedTask;
        }).AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.HttpMethod == HttpMethods.Put)
            {
                operation.Description = ReplacementNote;
            }

            return Task.CompletedTask;
        }));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemTitles.Localize);
        services.AddExceptionHandler<RuleViolationExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DatabaseExceptionHandler>();
        // Binding errors are thrown in every environment, so one handler answers them in Vietnamese.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // A field left out or sent as null where the contract needs it is a binding error naming it,
        // not a default value that fails later.
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.RespectRequiredConstructorParameters = true;
            options.SerializerOptions.RespectNullableAnnotations = true;
        });
        return services;
    }

    /// <summary>PUT semantics, the same for every resource (docs/decisions/0010-put-replaces-the-whole-resource.md).</summary>
    public const string ReplacementNote = "Full replacement: the body is the whole new state of the resource. A field left out takes its default "
        + "(empty text, empty list), so send every field you want to keep. A meeting's or task's status is never implied: "
        + "PUT must state it. A meeting's sites, participants, agenda and tasks are their own resources and are not touched by PUT on the meeting. "
        + "Send the meeting's version (from GET) to be refused with 409 if someone else changed it since.";

    public static IEndpointRouteBuilder MapDienHongApi(this IEndpointRouteBuilder app)
    {
        // Every route under /api passes the scope filter: see ScopeFilter and docs/decisions/0008.
        // Inside it, a write that meets a concurrent change runs again on fresh data (ConcurrentChangeRetryFilter).
        var api = app.MapGroup("/api").RequireAuthorization().DisableAntiforgery()
            .AddEndpointFilter<ScopeFilter>().AddEndpointFilter<ConcurrentChangeRetryFilter>();
        api.MapMeetingsApi();
        api.MapSitesApi();
        api.MapParticipantsApi();
        api.MapAgendaApi();
        api.MapAssignmentsApi();
        api.MapOrganizationsApi();
        api.MapAdministrativeUnitsApi();
        api.MapUsersApi();
        api.MapTemplatesApi();
        api.MapWordingTemplatesApi();
        api.MapIssuingApi();
        api.MapPetitionsApi();
        app.MapPublicPetitionsApi();
        api.MapLiveApi();
        api.MapReadinessApi();
        api.MapChecklistTemplatesApi();
        api.MapImportTemplatesApi();
        api.MapSittingsApi();
        api.MapAttendanceApi();
        api.MapFloorApi();
        api.MapProjectorApi();
        app.MapProjectorStream();
        api.MapVideoApi();
        api.MapIncidentsApi();
        api.MapVotingApi();
        return app;
    }
}
