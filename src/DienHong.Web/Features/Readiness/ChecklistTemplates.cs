using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Meetings;
using DienHong.Features.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Readiness;

/// <summary>
/// An organization's own default checklist per kind of meeting, edited like its document template;
/// without one, <see cref="DefaultChecklist"/>.
/// </summary>
public static class ChecklistTemplates
{
    public static async Task<IReadOnlyList<string>> ForAsync(DienHongDbContext db, int? organizationId, MeetingKind kind, bool epidemic, CancellationToken cancellationToken = default)
    {
        var lines = await LinesAsync(db, organizationId, kind, cancellationToken);
        return [.. lines.Where(l => epidemic || !l.EpidemicOnly).Select(l => l.Name)];
    }

    public static async Task<IReadOnlyList<ChecklistTemplateLine>> LinesAsync(DienHongDbContext db, int? organizationId, MeetingKind kind, CancellationToken cancellationToken = default)
    {
        var own = organizationId is { } id
            ? await db.ChecklistTemplateItems.AsNoTracking().Where(i => i.OrganizationId == id && i.Kind == kind).OrderBy(i => i.Order).ToListAsync(cancellationToken)
            : [];
        return own.Count > 0
            ? [.. own.Select(i => new ChecklistTemplateLine(i.Name, i.EpidemicOnly))]
            : [.. DefaultChecklist.For(kind).Select(i => new ChecklistTemplateLine(i.Name, i.EpidemicOnly))];
    }

    public static RouteGroupBuilder MapChecklistTemplatesApi(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/organizations/{organizationId:int}/readiness-checklists/{kind}").WithTags("Readiness");
        templates.MapGet("/", GetAsync).WithSummary("The organization's default readiness checklist for a kind of meeting (its own, or the built-in one).");
        templates.MapPut("/", PutAsync).WithSummary("Replaces the organization's own checklist for that kind; an empty list goes back to the built-in one.");
        return templates;
    }

    private static async Task<Results<Ok<IReadOnlyList<ChecklistTemplateLine>>, NotFound>> GetAsync(int organizationId, MeetingKind kind, DienHongDbContext db, CancellationToken cancellationToken) =>
        await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken)
            ? TypedResults.Ok(await LinesAsync(db, organizationId, kind, cancellationToken))
            : TypedResults.NotFound();

    /// <summary>
    /// Who may edit it is decided where the document template's editors are: the scope filter checks
    /// <c>{organizationId}</c> with <see cref="MeetingAccess.OrganizationVerdictAsync"/> (administrators,
    /// secretariat staff acting for the organization).
    /// </summary>
    private static async Task<Results<Ok<IReadOnlyList<ChecklistTemplateLine>>, NotFound>> PutAsync(
        int organizationId, MeetingKind kind, IReadOnlyList<ChecklistTemplateLine> lines, DienHongDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        await SaveAsync(db, organizationId, kind, lines, cancellationToken);
        return TypedResults.Ok(await LinesAsync(db, organizationId, kind, cancellationToken));
    }

    /// <summary>Replaces the organization's lines for the kind (none: back to the built-in list); the caller has checked the user may.</summary>
    public static async Task SaveAsync(DienHongDbContext db, int organizationId, MeetingKind kind, IReadOnlyList<ChecklistTemplateLine> lines, CancellationToken cancellationToken = default)
    {
        var cleaned = lines.Select(l => (l ?? new ChecklistTemplateLine(string.Empty)) with { Name = (l?.Name ?? string.Empty).Trim() }).ToList();
        var violations = new List<RuleViolation>();
        if (cleaned.Any(l => l.Name.Length == 0))
        {
            violations.Add(new("Name", "Mục kiểm tra không được để trống."));
        }

        violations.AddRange(cleaned.GroupBy(l => l.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Key.Length > 0 && g.Count() > 1)
            .Select(g => new RuleViolation("Name", "Mục \"{0}\" có hai lần.", g.Key)));
        RuleViolationException.ThrowIfAny(violations);

        db.ChecklistTemplateItems.RemoveRange(await db.ChecklistTemplateItems.Where(i => i.OrganizationId == organizationId && i.Kind == kind).ToListAsync(cancellationToken));
        db.ChecklistTemplateItems.AddRange(cleaned.Select((l, i) => new ChecklistTemplateItem { OrganizationId = organizationId, Kind = kind, Order = i + 1, Name = l.Name, EpidemicOnly = l.EpidemicOnly }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
