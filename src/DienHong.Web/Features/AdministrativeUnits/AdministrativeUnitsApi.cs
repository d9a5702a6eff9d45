using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Imports;
using DienHong.Features.Text;
using DienHong.Features.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.AdministrativeUnits;

public sealed record AdministrativeUnitDto(int Id, string Code, string Name, AdministrativeLevel Level, int? ParentId, DateOnly? ValidFrom, DateOnly? ValidTo)
{
    public static AdministrativeUnitDto From(AdministrativeUnit u) => new(u.Id, u.Code, u.Name, u.Level, u.ParentId, u.ValidFrom, u.ValidTo);
}

public sealed record AdministrativeUnitInput(string Code, string Name, AdministrativeLevel Level, int? ParentId = null, DateOnly? ValidFrom = null, DateOnly? ValidTo = null);

public static class AdministrativeUnitsApi
{
    public static RouteGroupBuilder MapAdministrativeUnitsApi(this RouteGroupBuilder api)
    {
        var units = api.MapGroup("/administrative-units").WithTags("Administrative units");
        units.MapGet("/", ListAsync);
        units.MapPost("/", AddAsync).RequireAuthorization(Roles.CanAdminister);
        units.MapPost("/import", ImportAsync).RequireAuthorization(Roles.CanAdminister).DisableAntiforgery();
        return units;
    }

    /// <summary>Units filtered by level, parent, accent-insensitive name and the day they were valid on.</summary>
    private static async Task<Ok<List<AdministrativeUnitDto>>> ListAsync(
        AdministrativeLevel? level, int? parentId, string? search, DateOnly? validOn, DienHongDbContext db, CancellationToken cancellationToken)
    {
        var query = db.AdministrativeUnits.AsNoTracking();
        if (level is { } l)
        {
            query = query.Where(u => u.Level == l);
        }

        if (parentId is { } p)
        {
            query = query.Where(u => u.ParentId == p);
        }

        if (validOn is { } day)
        {
            query = query.Where(u => (u.ValidFrom == null || u.ValidFrom <= day) && (u.ValidTo == null || day <= u.ValidTo));
        }

        var folded = VietnameseText.Fold(search);
        var units = await query.ToListAsync(cancellationToken);
        return TypedResults.Ok(units
            .Where(u => folded.Length == 0 || VietnameseText.Fold(u.Name).Contains(folded, StringComparison.Ordinal) || u.Code == search)
            .OrderBy(u => u.Level).ThenBy(u => u.Name, Comparer<string>.Create(VietnameseText.Compare))
            .Select(AdministrativeUnitDto.From)
            .ToList());
    }

    private static async Task<Created<AdministrativeUnitDto>> AddAsync(AdministrativeUnitInput input, DienHongDbContext db, CancellationToken cancellationToken)
    {
        var unit = new AdministrativeUnit { Code = input.Code, Name = input.Name, Level = input.Level, ParentId = input.ParentId, ValidFrom = input.ValidFrom, ValidTo = input.ValidTo };
        var existing = await db.AdministrativeUnits.AsNoTracking().Where(u => u.Code == unit.Code).ToListAsync(cancellationToken);
        var violations = AdministrativeUnitRules.Check(unit, existing);
        RuleViolationException.ThrowIfAny(violations);
        db.AdministrativeUnits.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/administrative-units/{unit.Id}", AdministrativeUnitDto.From(unit));
    }

    private static Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(IFormFile file, DienHongDbContext db, CancellationToken cancellationToken) =>
        ImportEndpoint.RunAsync(file, (content, name) => db.ImportAdministrativeUnitsAsync(content, name, cancellationToken));
}
