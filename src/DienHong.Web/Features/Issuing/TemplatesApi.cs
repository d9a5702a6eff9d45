using DienHong.Data;
using DienHong.Features.Meetings;
using DienHong.Features.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Issuing;

public sealed record OrganizationTemplateInput(
    string IssuingBodyName, string BodySymbol, string Place, string? ParentBodyName = null, string? DraftingUnitSymbol = null,
    string? SignerName = null, string? SignerTitle = null, SigningAuthority SigningAuthority = SigningAuthority.None,
    string? SignerOnBehalfOf = null, string ArchiveLine = "Lưu: VT", string? ContactLine = null, string? SignerCollective = null, string? ActingBodyName = null)
{
    public void ApplyTo(OrganizationTemplate template)
    {
        template.IssuingBodyName = IssuingBodyName;
        template.BodySymbol = BodySymbol;
        template.Place = Place;
        template.ParentBodyName = ParentBodyName;
        template.DraftingUnitSymbol = DraftingUnitSymbol;
        template.SignerName = SignerName;
        template.SignerTitle = SignerTitle;
        template.SigningAuthority = SigningAuthority;
        template.SignerOnBehalfOf = SignerOnBehalfOf;
        template.SignerCollective = SignerCollective;
        template.ArchiveLine = ArchiveLine;
        template.ContactLine = ContactLine;
        template.ActingBodyName = ActingBodyName;
    }

    public static OrganizationTemplateInput From(OrganizationTemplate t) => new(
        t.IssuingBodyName, t.BodySymbol, t.Place, t.ParentBodyName, t.DraftingUnitSymbol, t.SignerName, t.SignerTitle,
        t.SigningAuthority, t.SignerOnBehalfOf, t.ArchiveLine, t.ContactLine, t.SignerCollective, t.ActingBodyName);
}

public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/organizations/{organizationId:int}/template").WithTags("Document templates");
        templates.MapGet("/", GetAsync);
        templates.MapPut("/", PutAsync);
        return templates;
    }

    private static async Task<Results<Ok<OrganizationTemplateInput>, NotFound>> GetAsync(int organizationId, DienHongDbContext db, CancellationToken cancellationToken) =>
        await db.OrganizationTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.OrganizationId == organizationId, cancellationToken) is { } template
            ? TypedResults.Ok(OrganizationTemplateInput.From(template))
            : TypedResults.NotFound();

    /// <summary>
    /// An organization's template is read by its own staff and administrators, and edited by an
    /// administrator or its secretariat staff: the /api scope filter checks {organizationId}.
    /// </summary>
    private static async Task<Results<Ok<OrganizationTemplateInput>, NotFound>> PutAsync(
        int organizationId, OrganizationTemplateInput input, DienHongDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var template = await db.OrganizationTemplates.FirstOrDefaultAsync(t => t.OrganizationId == organizationId, cancellationToken);
        if (template is null)
        {
            template = new OrganizationTemplate { OrganizationId = organizationId, IssuingBodyName = input.IssuingBodyName, BodySymbol = input.BodySymbol, Place = input.Place };
            db.OrganizationTemplates.Add(template);
        }

        input.ApplyTo(template);
        RuleViolationException.ThrowIfAny(Check(template));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OrganizationTemplateInput.From(template));
    }

    public static IReadOnlyList<RuleViolation> Check(OrganizationTemplate template)
    {
        var violations = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(template.IssuingBodyName))
        {
            violations.Add(new("IssuingBodyName", "Tên cơ quan ban hành không được để trống."));
        }

        if (string.IsNullOrWhiteSpace(template.BodySymbol) || template.BodySymbol.Contains('/') || template.BodySymbol.Contains(' '))
        {
            violations.Add(new("BodySymbol", "Chữ viết tắt tên cơ quan phải có và không chứa dấu cách hay dấu \"/\"."));
        }

        if (string.IsNullOrWhiteSpace(template.Place))
        {
            violations.Add(new("Place", "Địa danh không được để trống."));
        }

        return violations;
    }
}
