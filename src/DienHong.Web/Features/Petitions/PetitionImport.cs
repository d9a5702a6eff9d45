using DienHong.Data;
using DienHong.Features.Imports;
using DienHong.Features.Text;
using DienHong.Features.Validation;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Petitions;

/// <summary>
/// Imports a batch of petitions (a commune's written ones, or the Front committee's compiled list)
/// from CSV or XLSX. Columns: Nội dung (required), Họ tên cử tri, Địa chỉ, Điểm cầu, Xã (commune),
/// Đại biểu, and, when the list is already classified, Lĩnh vực, Cấp, Cơ quan. The whole file lands
/// or nothing does, every bad row named.
/// </summary>
public static class PetitionImport
{

    /// <summary>A row read and checked, before it is saved.</summary>
    public sealed record Row(int Line, PetitionInput Input, int? FieldId, CompetenceLevel? Level, int? AgencyId, string? Group);

    public static async Task<ImportResult> ImportAsync(PetitionWorkflow workflow, DienHongDbContext db, int meetingId, Stream content, string fileName, PetitionChannel channel, CancellationToken cancellationToken = default)
    {
        var (rows, errors) = await ReadAsync(db, meetingId, content, fileName, channel, cancellationToken);
        if (errors.Count > 0)
        {
            return ImportResult.Failed(errors);
        }

        try
        {
            await SaveAsync(workflow, db, meetingId, rows, cancellationToken);
            return new ImportResult(rows.Count, []);
        }
        catch (RuleViolationException violation)
        {
            db.ChangeTracker.Clear();
            return ImportResult.Failed(violation.Violations);
        }
    }

    /// <summary>Reads and checks every row; nothing is saved.</summary>
    public static async Task<(List<Row> Rows, List<ImportRowError> Errors)> ReadAsync(DienHongDbContext db, int meetingId, Stream content, string fileName, PetitionChannel channel, CancellationToken cancellationToken = default)
    {
        var (table, readError) = await TabularFile.ReadAsync(content, fileName, cancellationToken);
        return readError is not null ? ([], [readError]) : await CheckAsync(db, meetingId, table, channel, cancellationToken);
    }

    /// <summary>Checks rows already read; nothing is saved.</summary>
    public static async Task<(List<Row> Rows, List<ImportRowError> Errors)> CheckAsync(DienHongDbContext db, int meetingId, IReadOnlyList<TabularRow> table, PetitionChannel channel, CancellationToken cancellationToken = default)
    {
        var sites = await db.Sites.AsNoTracking().Where(s => s.MeetingId == meetingId).Select(s => new { s.Id, s.Name, s.AdministrativeUnitId }).ToListAsync(cancellationToken);
        var units = await db.AdministrativeUnits.AsNoTracking().Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken);
        var fields = await db.PetitionFields.AsNoTracking().ToListAsync(cancellationToken);
        var organizations = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.ShortName }).ToListAsync(cancellationToken);
        var rows = new List<Row>();
        var errors = new List<ImportRowError>();
        foreach (var row in table)
        {
            var problems = new List<string>();
            var text = row.Get("Nội dung", "Nội dung ý kiến", "Ý kiến, kiến nghị", "Kiến nghị", "Content");
            var input = new PetitionInput(
                text ?? string.Empty,
                row.Get("Họ tên cử tri", "Cử tri", "Họ tên", "Voter"),
                row.Get("Địa chỉ", "Address"),
                Delegate: row.Get("Đại biểu", "Đại biểu tiếp nhận", "Delegate"),
                Channel: channel);
            problems.AddRange(PetitionRules.Check(input).Select(v => v.Message()));

            if (row.Get("Điểm cầu", "Site") is { } siteText)
            {
                var folded = VietnameseText.Fold(siteText);
                var matches = sites.Where(s => VietnameseText.Fold(s.Name).Contains(folded, StringComparison.Ordinal)).ToList();
                if (matches.Count == 1)
                {
                    input = input with { SiteId = matches[0].Id, Channel = PetitionChannel.AtSite };
                }
                else
                {
                    problems.Add(matches.Count == 0 ? $"không có điểm cầu \"{siteText}\" trong cuộc họp" : $"\"{siteText}\" khớp với nhiều điểm cầu, hãy ghi rõ hơn");
                }
            }

            if (row.Get("Xã", "Xã, phường", "Đơn vị hành chính", "Commune") is { } communeText)
            {
                var folded = VietnameseText.Fold(communeText);
                var matches = units.Where(u => VietnameseText.Fold(u.Name) == folded || VietnameseText.Fold(u.Name).EndsWith(" " + folded, StringComparison.Ordinal)).ToList();
                if (matches.Count >= 1)
                {
                    input = input with { AdministrativeUnitId = matches[0].Id };
                }
                else
                {
                    problems.Add($"không có đơn vị hành chính \"{communeText}\"");
                }
            }

            int? fieldId = null;
            if (row.Get("Lĩnh vực", "Field") is { } fieldText)
            {
                fieldId = fields.FirstOrDefault(f => VietnameseText.Fold(f.Name) == VietnameseText.Fold(fieldText))?.Id;
                if (fieldId is null)
                {
                    problems.Add($"Lĩnh vực \"{fieldText}\" không có trong danh mục");
                }
            }

            CompetenceLevel? level = null;
            if (row.Get("Cấp", "Cấp giải quyết", "Level") is { } levelText)
            {
                if (CellParsing.TryLabel(levelText, PetitionLabels.Levels, out var parsed, ("Trung uong", CompetenceLevel.Central), ("Địa phương", CompetenceLevel.Province)))
                {
                    level = parsed;
                }
                else
                {
                    problems.Add($"Cấp \"{levelText}\" không hợp lệ (Trung ương, Tỉnh, Huyện, Xã)");
                }
            }

            int? agencyId = null;
            if (row.Get("Cơ quan", "Cơ quan giải quyết", "Agency") is { } agencyText)
            {
                var folded = VietnameseText.Fold(agencyText);
                agencyId = organizations.FirstOrDefault(o => VietnameseText.Fold(o.Name) == folded || VietnameseText.Fold(o.ShortName) == folded)?.Id;
                if (agencyId is null)
                {
                    problems.Add($"không có cơ quan \"{agencyText}\"");
                }
            }

            if ((fieldId is null) != (level is null))
            {
                problems.Add("khi phân loại sẵn, cần ghi cả Lĩnh vực và Cấp");
            }

            if (problems.Count > 0)
            {
                errors.Add(ImportRowError.For(row, problems));
                continue;
            }

            rows.Add(new Row(row.Line, input, fieldId, level, agencyId, row.Get("Nhóm", "Group")));
        }

        return (rows, errors);
    }

    /// <summary>Saves checked rows in one transaction: each a petition with its recommendation, classified if the row says so.</summary>
    public static async Task<List<Petition>> SaveAsync(PetitionWorkflow workflow, DienHongDbContext db, int meetingId, IReadOnlyList<Row> rows, CancellationToken cancellationToken = default)
    {
        var sites = await db.Sites.Where(s => s.MeetingId == meetingId).ToDictionaryAsync(s => s.Id, cancellationToken);
        var petitions = new List<Petition>();
        foreach (var row in rows)
        {
            var petition = workflow.NewPetition(meetingId, row.Input, row.Input.SiteId is { } id ? sites[id] : null);
            if (row.FieldId is { } fieldId && row.Level is { } level)
            {
                var recommendation = petition.Recommendation!;
                recommendation.FieldId = fieldId;
                recommendation.Level = level;
                recommendation.AgencyId = row.AgencyId;
                recommendation.Status = RecommendationStatus.Classified;
                recommendation.ClassifiedAt = petition.RecordedAt;
                recommendation.ClassifiedBy = petition.RecordedBy;
            }

            petitions.Add(petition);
        }

        db.Petitions.AddRange(petitions);
        await db.SaveChangesAsync(cancellationToken);
        return petitions;
    }
}
