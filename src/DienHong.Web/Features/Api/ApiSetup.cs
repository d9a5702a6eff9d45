using DienHong.Features.Accounts;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Agenda;
using DienHong.Features.Assignments;
using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Participants;
using DienHong.Features.Petitions;
using DienHong.Features.Sites;

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
                + "Sign in with POST /api/account/login (cookie). Errors are RFC 7807 problem documents with Vietnamese messages.";
            return Task.CompletedTask;
        }));
        services.AddProblemDetails();
        services.AddExceptionHandler<RuleViolationExceptionHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapDienHongApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().DisableAntiforgery();
        api.MapMeetingsApi();
        api.MapSitesApi();
        api.MapParticipantsApi();
        api.MapAgendaApi();
        api.MapAssignmentsApi();
        api.MapOrganizationsApi();
        api.MapAdministrativeUnitsApi();
        api.MapUsersApi();
        api.MapTemplatesApi();
        api.MapIssuingApi();
        api.MapPetitionsApi();
        app.MapPublicPetitionsApi();
        return app;
    }
}
