using DienHong.Data;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Imports;
using DienHong.Features.Localization;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Organizations;

/// <summary>
/// Imports organizations from CSV or XLSX. Columns: Tên, Tên viết tắt, Loại, Cơ quan cấp trên (a
/// registered organization or one earlier in the file), Mã đơn vị hành chính, Hiệu lực từ, Hiệu lực
/// đến. The whole file lands or nothing does.
/// </summary>
public static class OrganizationImport
{
    /// <summary>Other ways offices write a kind, besides its label.</summary>
    private static readonly (string, OrganizationKind)[] KindAliases =
    [
        ("Ủy ban/Mặt trận", OrganizationKind.Committee), ("Ủy ban", OrganizationKind.Committee), ("Mặt trận", OrganizationKind.Committee),
        ("Đoàn thể", OrganizationKind.Committee), ("Sở", OrganizationKind.Department), ("Ngành", OrganizationKind.Department),
        ("Công ty", OrganizationKind.Company), ("Báo", OrganizationKind.Press), ("Đài", OrganizationKind.Press),
    ];

    public static async Task<ImportResult> ImportOrganizationsAsync(this DienHongDbContext db, Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        var (rows, readError) = await TabularFile.ReadAsync(content, fileName, cancellationToken);
        if (readError is not null)
        {
            return ImportResult.Failed([readError]);
        }

        var known = (await db.Organizations.ToListAsync(cancellationToken)).GroupBy(o => VietnameseText.Fold(o.Name)).ToDictionary(g => g.Key, g => g.First());
        var units = new AdministrativeUnitCodes.Index<AdministrativeUnit>(await db.AdministrativeUnits.AsNoTracking().ToListAsync(cancellationToken), u => u.Code);
        var errors = new List<ImportRowError>();
        var added = new List<Organization>();
        foreach (var row in rows)
        {
            var rowErrors = new List<string>();
            var name = row.Text(TextLimits.Name, rowErrors, "Tên", "Tên cơ quan", "Name");
            if (name is null)
            {
                rowErrors.Add("thiếu Tên");
            }
            else if (known.ContainsKey(VietnameseText.Fold(name)))
            {
                rowErrors.Add($"cơ quan \"{name}\" đã có");
            }

            var kind = OrganizationKind.Other;
            var kindText = row.Get("Loại", "Kind");
            if (kindText is not null && !CellParsing.TryLabel(kindText, Labels.OrganizationKinds, out kind, KindAliases))
            {
                rowErrors.Add($"Loại \"{kindText}\" không hợp lệ ({string.Join(", ", Labels.OrganizationKinds.Values)})");
            }

            Organization? parent = null;
            var parentName = row.Get("Cơ quan cấp trên", "Cấp trên", "Parent");
            if (parentName is not null && !known.TryGetValue(VietnameseText.Fold(parentName), out parent))
            {
                rowErrors.Add($"không tìm thấy cơ quan cấp trên \"{parentName}\"");
            }

            int? unitId = null;
            var unitCode = row.Get("Mã đơn vị hành chính", "Mã ĐVHC", "Unit code");
            if (unitCode is not null)
            {
                unitId = units.Find(unitCode, null, out var unitProblem)?.Id;
                if (unitProblem is not null)
                {
                    rowErrors.Add(unitProblem);
                }
            }

            var shortName = row.Text(TextLimits.Short, rowErrors, "Tên viết tắt", "Short name");
            var (validFrom, validTo) = ReadValidity(row, rowErrors);
            var organization = new Organization
            {
                Name = name ?? string.Empty,
                ShortName = shortName,
                Kind = kind,
                Parent = parent,
                AdministrativeUnitId = unitId,
                ValidFrom = validFrom,
                ValidTo = validTo,
            };
            if (name is not null)
            {
                rowErrors.AddRange(OrganizationRules.Check(organization).Select(v => v.Message()));
            }

            if (rowErrors.Count > 0)
            {
                errors.Add(ImportRowError.For(row, rowErrors));
                continue;
            }

            known[VietnameseText.Fold(name)] = organization;
            added.Add(organization);
        }

        if (errors.Count > 0)
        {
            return ImportResult.Failed(errors);
        }

        db.Organizations.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        return new ImportResult(added.Count, []);
    }

    /// <summary>"Hiệu lực từ" / "Hiệu lực đến" of a row, each a real date; their order is the entity's rule. Shared with the unit import.</summary>
    internal static (DateOnly? From, DateOnly? To) ReadValidity(TabularRow row, List<string> rowErrors)
    {
        DateOnly? Read(string label, string alias)
        {
            var text = row.Get(label, alias);
            if (text is null)
            {
                return null;
            }

            if (CellParsing.TryDate(text, out var date))
            {
                return date;
            }

            rowErrors.Add($"{label} \"{text}\" không phải một ngày có thật (dd/MM/yyyy)");
            return null;
        }

        return (Read("Hiệu lực từ", "Valid from"), Read("Hiệu lực đến", "Valid to"));
    }
}
