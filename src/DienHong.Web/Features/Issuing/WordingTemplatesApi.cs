using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Drafting;
using DienHong.Features.Meetings;
using DienHong.Features.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Issuing;

/// <summary>A wording template as the editor shows it: its text, and whether it is the organization's own copy or the shipped default.</summary>
public sealed record WordingTemplateDto(DocumentKind Kind, MeetingKind? MeetingKind, string Source, bool IsOwn);

public sealed record WordingTemplateInput(string Source);

public sealed record RegisterInput(int NextNumber);

public sealed record RegisterDto(DocumentKind Kind, int Year, int LastUsed, int NextNumber);

/// <summary>
/// An organization's wording templates: the one in force for a kind and meeting kind, saved only
/// when it compiles and names known fields (else a problem listing each line and reason); and the
/// registers' next numbers, which an administrator may move forward.
/// </summary>
public static class WordingTemplatesApi
{
    public static RouteGroupBuilder MapWordingTemplatesApi(this RouteGroupBuilder api)
    {
        var organization = api.MapGroup("/organizations/{organizationId:int}").WithTags("Document templates");
        organization.MapGet("/wording/{kind}", GetAsync);
        organization.MapPut("/wording/{kind}", PutAsync);
        organization.MapDelete("/wording/{kind}", DeleteAsync);
        organization.MapGet("/registers/{kind}/{year:int}", RegisterAsync);
        organization.MapPut("/registers/{kind}/{year:int}", SetRegisterAsync).RequireAuthorization(Roles.CanAdminister);
        return organization;
    }

    private static async Task<Ok<WordingTemplateDto>> GetAsync(int organizationId, DocumentKind kind, MeetingKind? meetingKind, DienHongDbContext db, CancellationToken cancellationToken)
    {
        var own = await db.DocumentTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.OrganizationId == organizationId && t.Kind == kind && t.MeetingKind == meetingKind, cancellationToken);
        return TypedResults.Ok(new WordingTemplateDto(kind, meetingKind, own?.Source ?? (meetingKind is { } forKind ? WordingTemplates.Default(kind, forKind) : WordingTemplates.Generic(kind)), own is not null));
    }

    private static async Task<Results<Ok<WordingTemplateDto>, NotFound, ForbidHttpResult>> PutAsync(
        int organizationId, DocumentKind kind, MeetingKind? meetingKind, WordingTemplateInput input, DienHongDbContext db, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (!await CanEditAsync(organizationId, db, user, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        await SaveAsync(db, organizationId, kind, meetingKind, input.Source, user.Name, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return TypedResults.Ok(new WordingTemplateDto(kind, meetingKind, input.Source, true));
    }

    private static async Task<Results<NoContent, NotFound, ForbidHttpResult>> DeleteAsync(
        int organizationId, DocumentKind kind, MeetingKind? meetingKind, DienHongDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (!await CanEditAsync(organizationId, db, user, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        await db.DocumentTemplates.Where(t => t.OrganizationId == organizationId && t.Kind == kind && t.MeetingKind == meetingKind).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Checks and saves an organization's copy of a template; throws with each error's line and reason, saving nothing.</summary>
    public static async Task SaveAsync(DienHongDbContext db, int organizationId, DocumentKind kind, MeetingKind? meetingKind, string source, string userName, DateTime now, CancellationToken cancellationToken = default)
    {
        source = (source ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal);
        var errors = string.IsNullOrWhiteSpace(source) ? [new TemplateError(1, "mẫu trống")] : WordingTemplates.Check(source);
        RuleViolationException.ThrowIfAny([.. errors.Select(e => new RuleViolation("Source", "Dòng {0}: {1}", e.Line, e.Reason))]);
        var template = await db.DocumentTemplates.FirstOrDefaultAsync(t => t.OrganizationId == organizationId && t.Kind == kind && t.MeetingKind == meetingKind, cancellationToken);
        if (template is null)
        {
            template = new DocumentTemplate { OrganizationId = organizationId, Kind = kind, MeetingKind = meetingKind, Source = source, UpdatedBy = userName };
            db.DocumentTemplates.Add(template);
        }

        template.Source = source;
        template.UpdatedAt = now;
        template.UpdatedBy = userName;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>An organization's templates are edited by an administrator, or by secretariat staff of that organization.</summary>
    public static async Task<bool> CanEditAsync(int organizationId, DienHongDbContext db, CurrentUser user, CancellationToken cancellationToken = default)
    {
        if (user.IsInRole(Roles.Administrator))
        {
            return true;
        }

        var own = await db.Users.Where(u => u.Id == user.Id).Select(u => u.OrganizationId).FirstOrDefaultAsync(cancellationToken);
        return user.IsInRole(Roles.Secretariat) && own == organizationId;
    }

    private static async Task<Ok<RegisterDto>> RegisterAsync(int organizationId, DocumentKind kind, int year, DienHongDbContext db, CancellationToken cancellationToken)
    {
        var (used, next) = await DocumentRegister.StateAsync(db, organizationId, kind, year, cancellationToken);
        return TypedResults.Ok(new RegisterDto(kind, year, used, next));
    }

    /// <summary>An administrator sets where a register continues; never at or below a number used. Audited.</summary>
    private static async Task<Results<Ok<RegisterDto>, NotFound>> SetRegisterAsync(
        int organizationId, DocumentKind kind, int year, RegisterInput input, DienHongDbContext db, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        await DocumentRegister.SetNextNumberAsync(db, organizationId, kind, year, input.NextNumber, user.Name, user.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var (used, next) = await DocumentRegister.StateAsync(db, organizationId, kind, year, cancellationToken);
        return TypedResults.Ok(new RegisterDto(kind, year, used, next));
    }
}
