using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Imports;
using DienHong.Features.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Organizations;

public sealed record OrganizationDto(int Id, string Name, string? ShortName, OrganizationKind Kind, int? ParentId, int? AdministrativeUnitId, DateOnly? ValidFrom, DateOnly? ValidTo)
{
    public static OrganizationDto From(Organization o) => new(o.Id, o.Name, o.ShortName, o.Kind, o.ParentId, o.AdministrativeUnitId, o.ValidFrom, o.ValidTo);
}

public sealed record OrganizationInput(string Name, OrganizationKind Kind, string? ShortName = null, int? ParentId = null, int? AdministrativeUnitId = null, DateOnly? ValidFrom = null, DateOnly? ValidTo = null)
{
    public void ApplyTo(Organization organization)
    {
        organization.Name = Name;
        organization.ShortName = ShortName;
        organization.Kind = Kind;
        organization.ParentId = ParentId;
        organization.AdministrativeUnitId = AdministrativeUnitId;
        organization.ValidFrom = ValidFrom;
        organization.ValidTo = ValidTo;
    }
}

public static class OrganizationsApi
{
    public static RouteGroupBuilder MapOrganizationsApi(this RouteGroupBuilder api)
    {
        var organizations = api.MapGroup("/organizations").WithTags("Organizations");
        organizations.MapGet("/", ListAsync);
        organizations.MapPost("/", AddAsync).RequireAuthorization(Roles.CanAdminister);
        organizations.MapPut("/{organizationId:int}", UpdateAsync).RequireAuthorization(Roles.CanAdminister);
        organizations.MapPost("/import", ImportAsync).RequireAuthorization(Roles.CanAdminister).DisableAntiforgery();
        return organizations;
    }

    /// <summary>All organizations, or those whose name matches <paramref name="search"/> without regard to accents.</summary>
    private static async Task<Ok<List<OrganizationDto>>> ListAsync(string? search, DienHongDbContext db, CancellationToken cancellationToken)
    {
        var all = await db.Organizations.AsNoTracking().ToListAsync(cancellationToken);
        var folded = VietnameseText.Fold(search);
        return TypedResults.Ok(all
            .Where(o => folded.Length == 0 || VietnameseText.Fold($"{o.Name} {o.ShortName}").Contains(folded, StringComparison.Ordinal))
            .OrderBy(o => o.Name, Comparer<string>.Create(VietnameseText.Compare))
            .Select(OrganizationDto.From)
            .ToList());
    }

    private static async Task<Created<OrganizationDto>> AddAsync(OrganizationInput input, DienHongDbContext db, CancellationToken cancellationToken)
    {
        var organization = new Organization { Name = input.Name };
        input.ApplyTo(organization);
        OrganizationRules.ThrowIfInvalid(organization);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/organizations/{organization.Id}", OrganizationDto.From(organization));
    }

    private static async Task<Results<Ok<OrganizationDto>, NotFound>> UpdateAsync(int organizationId, OrganizationInput input, DienHongDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Organizations.FindAsync([organizationId], cancellationToken) is not { } organization)
        {
            return TypedResults.NotFound();
        }

        input.ApplyTo(organization);
        OrganizationRules.ThrowIfInvalid(organization);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OrganizationDto.From(organization));
    }

    private static Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(IFormFile file, DienHongDbContext db, CancellationToken cancellationToken) =>
        ImportEndpoint.RunAsync(file, (content, name) => db.ImportOrganizationsAsync(content, name, cancellationToken));
}
