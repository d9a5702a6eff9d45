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

    /// <summary>Keeps a petition's folded forms current (called on every save): the indexed text and the words similarity compares.</summary>
    public static void Index(Petition petition)
    {
        petition.SearchText = IndexText(petition);
        petition.Terms = PetitionText.Terms(petition.Content);
    }

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

        var ids = db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"PetitionsFts\" WHERE \"PetitionsFts\" MATCH {FtsQuery(words)}");
        return petitions.Where(p => ids.Contains(p.Id));
    }

    /// <summary>
    /// The ids of the newest <paramref name="limit"/> visible petitions matching <paramref name="query"/>,
    /// newest first, without ranking every match: PostgreSQL walks the key backwards or reads the word
    /// index, as its statistics say is cheaper; SQLite reads the FTS5 index backwards from the newest
    /// match, in growing slices, until enough of them are visible.
    /// </summary>
    public static async Task<List<int>> NewestMatchesAsync(DienHongDbContext db, IQueryable<Petition> visible, string? query, int limit, CancellationToken cancellationToken)
    {
        var words = PetitionText.Words(PetitionText.Fold(query));
        if (words.Length == 0 || db.Database.IsNpgsql())
        {
            return await visible.Matching(db, query).OrderByDescending(p => p.Id).Select(p => p.Id).Take(limit).ToListAsync(cancellationToken);
        }

        var ftsQuery = FtsQuery(words);
        var found = new List<int>();
        var before = long.MaxValue;
        for (var slice = limit * 4; found.Count < limit; slice = Math.Min(slice * 4, 100_000))
        {
            var ids = await db.Database
                .SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"PetitionsFts\" WHERE \"PetitionsFts\" MATCH {ftsQuery} AND rowid < {before} ORDER BY rowid DESC LIMIT {slice}")
                .ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            found.AddRange(await visible.Where(p => ids.Contains(p.Id)).OrderByDescending(p => p.Id).Select(p => p.Id).Take(limit - found.Count).ToListAsync(cancellationToken));
            if (ids.Count < slice)
            {
                break;
            }

            before = ids[^1];
        }

        return found;
    }

    /// <summary>
    /// Candidates for "raises the same issue", newest first, from the whole database: petitions that
    /// share at least two of the text's five rarest words found in the database (the one word, if only
    /// one is found). Rarity comes from the database: each word's matches counted up to a cap (FTS5
    /// streams them; PostgreSQL reads a short posting list), and on PostgreSQL the words its statistics
    /// already call common are not counted at all. Requiring a pair of rare words keeps the set small
    /// and lets the index stop early, where an OR of every word ranked by bm25 / ts_rank scored a large
    /// share of the table.
    /// </summary>
    public static async Task<List<int>> CandidatesAsync(DienHongDbContext db, string terms, int limit, CancellationToken cancellationToken)
    {
        var words = PetitionText.Words(terms).Distinct().ToList();
        if (words.Count == 0)
        {
            return [];
        }

        var frequency = await FrequenciesAsync(db, words, cancellationToken);
        var rarest = words.Where(w => frequency.GetValueOrDefault(w) > 0).OrderBy(w => frequency[w]).ThenByDescending(w => w.Length).Take(5).ToList();
        if (rarest.Count == 0)
        {
            return [];
        }

        List<string[]> pairs = rarest.Count == 1
            ? [[rarest[0]]]
            : [.. rarest.SelectMany((a, i) => rarest.Skip(i + 1).Select(b => new[] { a, b }))];
        if (db.Database.IsNpgsql())
        {
            var tsQuery = string.Join(" | ", pairs.Select(pair => "(" + string.Join(" & ", pair) + ")"));
            return await db.Petitions
                .Where(p => EF.Functions.ToTsVector("simple", p.SearchText).Matches(EF.Functions.ToTsQuery("simple", tsQuery)))
                .OrderByDescending(p => p.Id).Select(p => p.Id).Take(limit).ToListAsync(cancellationToken);
        }

        var ftsQuery = string.Join(" OR ", pairs.Select(pair => "(" + string.Join(" AND ", pair.Select(w => $"\"{w}\"")) + ")"));
        return await db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"PetitionsFts\" WHERE \"PetitionsFts\" MATCH {ftsQuery} ORDER BY rowid DESC LIMIT {limit}")
            .ToListAsync(cancellationToken);
    }

    /// <summary>How common each word is in the petitions (0: in none); only the order matters.</summary>
    private static async Task<Dictionary<string, double>> FrequenciesAsync(DienHongDbContext db, List<string> words, CancellationToken cancellationToken)
    {
        const int Cap = 1_000;
        if (db.Database.IsNpgsql())
        {
            // Words in the index statistics' most common elements are common: ranked after every counted word, by their share.
            var array = words.ToArray();
            var common = await db.Database.SqlQuery<WordFrequency>($"""
                SELECT e.word AS "Word", e.frequency::float8 AS "Frequency"
                FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(word, frequency)
                WHERE s.schemaname = current_schema() AND s.tablename = {PostgresIndex} AND e.word = ANY({array})
                """).ToListAsync(cancellationToken);
            var frequencies = common.DistinctBy(c => c.Word).ToDictionary(c => c.Word, c => Cap + (c.Frequency * 1e9));
            var rest = words.Where(w => !frequencies.ContainsKey(w)).ToArray();
            var counted = await db.Database.SqlQuery<WordFrequency>($"""
                SELECT w AS "Word", (SELECT count(*) FROM (SELECT 1 FROM "Petitions" WHERE to_tsvector('simple', "SearchText") @@ to_tsquery('simple', w) LIMIT {Cap}) m)::float8 AS "Frequency"
                FROM unnest({rest}) AS w
                """).ToListAsync(cancellationToken);
            foreach (var row in counted)
            {
                frequencies[row.Word] = row.Frequency;
            }

            return frequencies;
        }

        var counts = new Dictionary<string, double>();
        foreach (var word in words)
        {
            var quoted = $"\"{word}\"";
            counts[word] = await db.Database
                .SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM (SELECT 1 FROM \"PetitionsFts\" WHERE \"PetitionsFts\" MATCH {quoted} LIMIT {Cap})")
                .SingleAsync(cancellationToken);
        }

        return counts;
    }

    /// <summary>Every word as an FTS5 string (no operator can slip in), the last as a prefix.</summary>
    private static string FtsQuery(string[] words) =>
        string.Join(' ', words.Select((w, i) => i == words.Length - 1 ? $"\"{w}\"*" : $"\"{w}\""));

    internal sealed class WordFrequency
    {
        public string Word { get; set; } = string.Empty;
        public double Frequency { get; set; }
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
