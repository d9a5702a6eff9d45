using DienHong.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace DienHong.Features.Petitions;

/// <summary>
/// Accent-insensitive search over petitions through each provider's full-text index on the folded
/// text: SQLite FTS5 (unicode61, remove_diacritics 2, over text already folded so đ→d holds) and a
/// PostgreSQL GIN index on to_tsvector('simple', folded text). Both match whole words, the last
/// word of a query as a prefix ("benh vi" finds "bệnh viện"). See docs/decisions/0012.
/// </summary>
public static class PetitionSearch
{
    public const string FtsTable = "PetitionsFts";
    public const string PostgresIndex = "IX_Petitions_SearchText_Words";

    /// <summary>The SQLite FTS5 table over Petitions.SearchText and the triggers that keep it current.</summary>
    public static readonly string[] SqliteDdl =
    [
        $"""CREATE VIRTUAL TABLE "{FtsTable}" USING fts5("SearchText", content='Petitions', content_rowid='Id', tokenize='unicode61 remove_diacritics 2')""",
        $"""CREATE TRIGGER "Petitions_fts_insert" AFTER INSERT ON "Petitions" BEGIN INSERT INTO "{FtsTable}"(rowid, "SearchText") VALUES (new."Id", new."SearchText"); END""",
        $"""CREATE TRIGGER "Petitions_fts_delete" AFTER DELETE ON "Petitions" BEGIN INSERT INTO "{FtsTable}"("{FtsTable}", rowid, "SearchText") VALUES ('delete', old."Id", old."SearchText"); END""",
        $"""CREATE TRIGGER "Petitions_fts_update" AFTER UPDATE OF "SearchText" ON "Petitions" BEGIN INSERT INTO "{FtsTable}"("{FtsTable}", rowid, "SearchText") VALUES ('delete', old."Id", old."SearchText"); INSERT INTO "{FtsTable}"(rowid, "SearchText") VALUES (new."Id", new."SearchText"); END""",
    ];

    /// <summary>What the index holds for a petition: its words, the voter's name and address, folded.</summary>
    public static string IndexText(Petition petition) =>
        PetitionText.Fold($"{petition.Content} {petition.VoterName} {petition.VoterAddress}");

    /// <summary>Petitions whose folded text has every word of <paramref name="query"/> (the last as a prefix); all of them for an empty query.</summary>
    public static IQueryable<Petition> Matching(this IQueryable<Petition> petitions, DienHongDbContext db, string? query)
    {
        var words = PetitionText.Words(PetitionText.Fold(query));
        if (words.Length == 0)
        {
            return petitions;
        }

        if (db.Database.IsNpgsql())
        {
            var tsQuery = string.Join(" & ", words.Select((w, i) => i == words.Length - 1 ? w + ":*" : w));
            return petitions.Where(p => EF.Functions.ToTsVector("simple", p.SearchText).Matches(EF.Functions.ToTsQuery("simple", tsQuery)));
        }

        var ftsQuery = string.Join(' ', words.Select((w, i) => i == words.Length - 1 ? $"\"{w}\"*" : $"\"{w}\""));
        var ids = db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"PetitionsFts\" WHERE \"PetitionsFts\" MATCH {ftsQuery}");
        return petitions.Where(p => ids.Contains(p.Id));
    }

    /// <summary>
    /// Candidates that share the most distinctive words of a text, best first, from the whole
    /// database: any of its content words, ranked by the index (bm25 / ts_rank), at most <paramref name="limit"/>.
    /// </summary>
    public static async Task<List<int>> CandidatesAsync(DienHongDbContext db, string folded, int limit, CancellationToken cancellationToken)
    {
        var words = PetitionText.ContentWords(folded).Distinct().OrderByDescending(w => w.Length).Take(8).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        if (db.Database.IsNpgsql())
        {
            var tsQuery = string.Join(" | ", words);
            return await db.Petitions
                .Where(p => EF.Functions.ToTsVector("simple", p.SearchText).Matches(EF.Functions.ToTsQuery("simple", tsQuery)))
                .OrderByDescending(p => EF.Functions.ToTsVector("simple", p.SearchText).Rank(EF.Functions.ToTsQuery("simple", tsQuery)))
                .Select(p => p.Id).Take(limit).ToListAsync(cancellationToken);
        }

        var ftsQuery = string.Join(" OR ", words.Select(w => $"\"{w}\""));
        return await db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"PetitionsFts\" WHERE \"PetitionsFts\" MATCH {ftsQuery} ORDER BY rank LIMIT {limit}")
            .ToListAsync(cancellationToken);
    }
}

/// <summary>SQLite's migrations, plus the FTS5 table created with the Petitions table (EF cannot model a virtual table).</summary>
internal sealed class PetitionSqliteMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider annotations)
    : SqliteMigrationsSqlGenerator(dependencies, annotations)
{
    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        if (operation.Name == "Petitions" && terminate)
        {
            foreach (var statement in PetitionSearch.SqliteDdl)
            {
                builder.Append(statement).AppendLine(Dependencies.SqlGenerationHelper.StatementTerminator).EndCommand();
            }
        }
    }

    protected override void Generate(CreateIndexOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        // The PostgreSQL word index has no use on SQLite, where FTS5 does that job.
        if (operation.Name != PetitionSearch.PostgresIndex)
        {
            base.Generate(operation, model, builder, terminate);
        }
    }
}
