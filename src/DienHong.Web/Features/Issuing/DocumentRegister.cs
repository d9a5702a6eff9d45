using System.Globalization;
using DienHong.Data;
using DienHong.Features.Validation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DienHong.Features.Issuing;

/// <summary>
/// The register of numbers: per organization, document kind and year, starting at 01 every 1 January.
/// A number is taken as the highest so far plus one and written with the document in one insert;
/// the unique index refuses a number two issuers took at once, and the loser renders again with
/// the next number. So no number is given twice and none is burnt by a failed render.
/// </summary>
public static class DocumentRegister
{
    private const int Attempts = 20;

    /// <summary>The first year a register numbers documents here.</summary>
    public const int FirstYear = 2000;

    /// <summary>
    /// The register of a year opens with its first document, so an issue date far off (0001, 9999)
    /// would open registers of its own: dates from <see cref="FirstYear"/> to the end of next year
    /// (a January document prepared in December) are accepted.
    /// </summary>
    public static void ThrowIfOutside(DateOnly issuedOn, DateOnly today)
    {
        if (issuedOn.Year < FirstYear || issuedOn.Year > today.Year + 1)
        {
            throw new RuleViolationException([new RuleViolation(nameof(IssueRequest.IssuedOn),
                "Ngày ban hành {0} nằm ngoài sổ văn bản: chỉ nhận ngày từ năm {1} đến hết năm {2}.",
                issuedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), FirstYear, today.Year + 1)]);
        }
    }

    /// <summary>The type abbreviation in a symbol; a letter has none.</summary>
    public static string? Abbreviation(DocumentKind kind) => kind switch
    {
        DocumentKind.Plan => "KH",
        DocumentKind.Invitation => "GM",
        DocumentKind.Notice => "TB",
        DocumentKind.Minutes or DocumentKind.CountingRecord => "BB",
        DocumentKind.VoteResult => "KQ",
        _ => null,
    };

    /// <summary>
    /// The book a kind is numbered in: a counting record is a biên bản, numbered with the minutes
    /// (one "BB" sequence, so no two carry the same symbol; a unique index on the symbol holds it).
    /// </summary>
    public static DocumentKind Book(DocumentKind kind) => kind == DocumentKind.CountingRecord ? DocumentKind.Minutes : kind;

    private static DocumentKind[] KindsIn(DocumentKind book) => book == DocumentKind.Minutes ? [DocumentKind.Minutes, DocumentKind.CountingRecord] : [book];

    /// <summary>"62/KH-ĐBQH" for a typed document, "51/HĐND-VP" for a letter; numbers below 10 get a leading zero.</summary>
    public static string Symbol(DocumentKind kind, int number, OrganizationTemplate template)
    {
        var padded = number.ToString("00", CultureInfo.InvariantCulture);
        return Abbreviation(kind) is { } type
            ? $"{padded}/{type}-{template.BodySymbol}"
            : $"{padded}/{template.BodySymbol}" + (string.IsNullOrWhiteSpace(template.DraftingUnitSymbol) ? string.Empty : $"-{template.DraftingUnitSymbol}");
    }

    /// <summary>
    /// Gives <paramref name="document"/> the next number of its register, renders its content with
    /// that number and symbol, and saves it. <paramref name="render"/> may run more than once.
    /// </summary>
    public static Task<IssuedDocument> IssueAsync(
        IDbContextFactory<DienHongDbContext> databases, IssuedDocument document, OrganizationTemplate template,
        Func<int, string, byte[]> render, CancellationToken cancellationToken = default) =>
        InsertWithRetryAsync(databases, document, async db =>
        {
            var (_, next) = await StateAsync(db, document.OrganizationId, document.Kind, document.Year, cancellationToken);
            document.Number = next;
            document.Symbol = Symbol(document.Kind, next, template);
            document.Version = 1;
            document.Content = render(next, document.Symbol);
        }, cancellationToken);

    /// <summary>A correction: the same number and symbol, the next version; the earlier versions stay as they were.</summary>
    public static Task<IssuedDocument> IssueNewVersionAsync(
        IDbContextFactory<DienHongDbContext> databases, IssuedDocument previous, IssuedDocument document,
        Func<int?, string?, byte[]> render, CancellationToken cancellationToken = default) =>
        InsertWithRetryAsync(databases, document, async db =>
        {
            document.OrganizationId = previous.OrganizationId;
            document.Kind = previous.Kind;
            document.Year = previous.Year;
            document.Number = previous.Number;
            document.Symbol = previous.Symbol;
            document.Version = 1 + await db.IssuedDocuments
                .Where(d => d.OrganizationId == previous.OrganizationId && d.Kind == previous.Kind && d.Year == previous.Year && d.Number == previous.Number)
                .MaxAsync(d => d.Version, cancellationToken);
            document.Content = render(previous.Number, previous.Symbol);
        }, cancellationToken);

    /// <summary>The highest number used in a register (0 if none) and the number it gives next.</summary>
    public static async Task<(int Used, int Next)> StateAsync(DienHongDbContext db, int organizationId, DocumentKind kind, int year, CancellationToken cancellationToken = default)
    {
        var book = Book(kind);
        var kinds = KindsIn(book);
        var used = await db.IssuedDocuments.Where(d => d.OrganizationId == organizationId && kinds.Contains(d.Kind) && d.Year == year).MaxAsync(d => d.Number, cancellationToken) ?? 0;
        // A register an administrator set to continue from paper numbering starts there.
        var start = await db.RegisterStarts.Where(s => s.OrganizationId == organizationId && s.Kind == book && s.Year == year).Select(s => (int?)s.NextNumber).FirstOrDefaultAsync(cancellationToken) ?? 1;
        return (used, Math.Max(used + 1, start));
    }

    /// <summary>
    /// Sets where a register continues (an office that issued 61 plans on paper continues at 62);
    /// refused below a number already used. The change is audited.
    /// </summary>
    public static async Task SetNextNumberAsync(DienHongDbContext db, int organizationId, DocumentKind kind, int year, int next, string userName, string? userId, DateTime now, CancellationToken cancellationToken = default)
    {
        var (used, current) = await StateAsync(db, organizationId, kind, year, cancellationToken);
        if (next < 1 || next <= used)
        {
            throw new Validation.RuleViolationException([new Validation.RuleViolation("NextNumber", "Số tiếp theo phải lớn hơn số đã dùng gần nhất ({0}).", used)]);
        }

        kind = Book(kind);
        var start = await db.RegisterStarts.FirstOrDefaultAsync(s => s.OrganizationId == organizationId && s.Kind == kind && s.Year == year, cancellationToken);
        if (start is null)
        {
            db.RegisterStarts.Add(new RegisterStart { OrganizationId = organizationId, Kind = kind, Year = year, NextNumber = next });
        }
        else
        {
            start.NextNumber = next;
        }

        db.AuditEntries.Add(new Auditing.AuditEntry
        {
            At = now,
            UserId = userId,
            UserName = userName,
            EntityType = nameof(RegisterStart),
            EntityId = $"{organizationId}/{kind}/{year}",
            Action = "Modified",
            Changes = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, int[]> { ["NextNumber"] = [current, next] }),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Prepares and inserts the document; on a collision with a concurrent issuer, prepares again.</summary>
    private static async Task<IssuedDocument> InsertWithRetryAsync(
        IDbContextFactory<DienHongDbContext> databases, IssuedDocument document, Func<DienHongDbContext, Task> prepare, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            await prepare(db);
            db.IssuedDocuments.Add(document);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return document;
            }
            catch (DbUpdateException conflict) when (attempt < Attempts && IsConflict(conflict))
            {
                document.Id = 0;
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>A unique-index collision (PostgreSQL 23505, SQLite constraint) or SQLite's writer lock.</summary>
    private static bool IsConflict(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode is 19 or 5 or 6,
        _ => false,
    };
}
