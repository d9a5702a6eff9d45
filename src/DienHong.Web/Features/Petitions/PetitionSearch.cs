using DienHong.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;

namespace DienHong.Features.Petitions;

/// <summary>
/// Accent-insensitive search over petitions through each provider's full-text index on the folded
/// text: SQLite FTS5 (unicode61, remove_diacritics 2, over text already folded so đ→d holds, with
/// prefix indexes) and on PostgreSQL a stored generated tsvector column of it with a GIN index. Both
/// match whole words, the last word of a query as a prefix ("benh vi" finds "bệnh viện"). Both are
/// created with the Petitions table by each provider's migrations SQL generator: the model is shared
/// by the two providers, and neither can be modelled for both. See docs/decisions/0012.
/// </summary>
public static class PetitionSearch
{
    public const string FtsTable = "PetitionsFts";

    /// <summary>PostgreSQL: the stored words column (to_tsvector('simple', "SearchText")) and its GIN index.</summary>
    public const string WordsColumn = "SearchWords";

    /// <summary>How many of the newest petitions PostgreSQL walks by key before it reads the word index (<see cref="PostgresNewestAsync"/>).</summary>
    internal const int PostgresWindow = 5_000;

    /// <summary>The most older rows PostgreSQL walks by key after the window when the window's matches say the rest lies within them.</summary>
    internal const int PostgresWalk = 40_000;

    /// <summary>
    /// How many rows a walk of the key reads for the cost of one match read through the GIN index: the walk reads the
    /// rows in key order, several to a page; the index's matches lie one to a page across the table.
    /// </summary>
    private const int WalkedRowsPerIndexedMatch = 8;

    /// <summary>
    /// The SQLite FTS5 table over Petitions.SearchText and the triggers that keep it current. The
    /// prefix indexes (2 to 6 letters: every folded Vietnamese syllable but "nghieng") let the last
    /// word's prefix be read lazily, newest first, like a whole word; without one FTS5 merges the
    /// doclists of every term with that prefix before it returns a row.
    /// </summary>
    public static readonly string[] SqliteDdl =
    [
        $"""CREATE VIRTUAL TABLE "{FtsTable}" USING fts5("SearchText", content='Petitions', content_rowid='Id', tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5 6')""",
        $"""CREATE TRIGGER "Petitions_fts_insert" AFTER INSERT ON "Petitions" BEGIN INSERT INTO "{FtsTable}"(rowid, "SearchText") VALUES (new."Id", new."SearchText"); END""",
        $"""CREATE TRIGGER "Petitions_fts_delete" AFTER DELETE ON "Petitions" BEGIN INSERT INTO "{FtsTable}"("{FtsTable}", rowid, "SearchText") VALUES ('delete', old."Id", old."SearchText"); END""",
        $"""CREATE TRIGGER "Petitions_fts_update" AFTER UPDATE OF "SearchText" ON "Petitions" BEGIN INSERT INTO "{FtsTable}"("{FtsTable}", rowid, "SearchText") VALUES ('delete', old."Id", old."SearchText"); INSERT INTO "{FtsTable}"(rowid, "SearchText") VALUES (new."Id", new."SearchText"); END""",
    ];

    /// <summary>
    /// PostgreSQL: the folded text's words stored once per row (a generated column), so neither the
    /// index's recheck nor a filter on a walk of the key computes to_tsvector for each row it visits.
    /// </summary>
    public static readonly string[] PostgresDdl =
    [
        $"""ALTER TABLE "Petitions" ADD COLUMN "{WordsColumn}" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "SearchText")) STORED""",
        $"""CREATE INDEX "IX_Petitions_{WordsColumn}" ON "Petitions" USING gin ("{WordsColumn}")""",
    ];

    /// <summary>After the Petitions table is created: the statements of the provider's word index.</summary>
    internal static void AppendWordIndex(CreateTableOperation operation, bool terminate, MigrationCommandListBuilder builder, ISqlGenerationHelper sql, string[] statements)
    {
        if (operation.Name != "Petitions" || !terminate)
        {
            return;
        }

        foreach (var statement in statements)
        {
            builder.Append(statement).AppendLine(sql.StatementTerminator).EndCommand();
        }
    }

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

        var ids = db.Database.IsNpgsql()
            ? db.Database.SqlQuery<int>($"SELECT \"Id\" AS \"Value\" FROM \"Petitions\" WHERE \"SearchWords\" @@ to_tsquery('simple', {TsQuery(words)})")
            : db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"PetitionsFts\" WHERE \"PetitionsFts\" MATCH {FtsQuery(words)}");
        return petitions.Where(p => ids.Contains(p.Id));
    }

    /// <summary>
    /// The ids of the newest <paramref name="limit"/> visible petitions matching <paramref name="query"/>,
    /// newest first, without ranking every match: the index is read backwards from the newest match
    /// (FTS5 walks its doclists in descending order; PostgreSQL walks the newest rows by key as far as
    /// the matches found in the newest window say is worth it, <see cref="PostgresNewestAsync"/>, then
    /// reads the word index), in growing slices, until enough of them are visible in the user's scope.
    /// </summary>
    public static async Task<List<int>> NewestMatchesAsync(DienHongDbContext db, IQueryable<Petition> visible, string? query, int limit, CancellationToken cancellationToken)
    {
        var words = PetitionText.Words(PetitionText.Fold(query));
        if (words.Length == 0)
        {
            return await visible.OrderByDescending(p => p.Id).Select(p => p.Id).Take(limit).ToListAsync(cancellationToken);
        }

        if (db.Database.IsNpgsql())
        {
            return await PostgresNewestAsync(db, TsQuery(words), limit, ids => Visible(visible, ids, cancellationToken), cancellationToken);
        }

        var found = new List<int>();
        var before = int.MaxValue;
        for (var slice = limit * 4; found.Count < limit; slice = Math.Min(slice * 4, 100_000))
        {
            var ids = await db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"PetitionsFts\" WHERE \"PetitionsFts\" MATCH {FtsQuery(words)} AND rowid < {before} ORDER BY rowid DESC LIMIT {slice}")
                .ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            found.AddRange((await Visible(visible, ids, cancellationToken)).Take(limit - found.Count));
            if (ids.Count < slice)
            {
                break;
            }

            before = ids[^1];
        }

        return found;
    }

    /// <summary>Which of <paramref name="ids"/> are in <paramref name="visible"/>, newest first.</summary>
    private static Task<List<int>> Visible(IQueryable<Petition> visible, List<int> ids, CancellationToken cancellationToken) =>
        visible.Where(p => ids.Contains(p.Id)).OrderByDescending(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// PostgreSQL: the newest <paramref name="limit"/> petitions matching <paramref name="tsQuery"/> that
    /// <paramref name="keep"/> keeps, newest first, in three stages. (1) The newest
    /// <see cref="PostgresWindow"/> ids walked by key, the stored words as filter. (2) If that window
    /// held some but not enough, the density it showed tells how many older rows hold the rest; when
    /// that is at most <see cref="PostgresWalk"/> rows, or costs less than reading every match of the
    /// index below the window, they are walked by key too (a walk stops as soon as it has enough). (3) Whatever is still missing comes from the GIN index below the walked
    /// rows, every match of which is visited: cheap for rare words, the case that gets here.
    /// Both walks force the key order (a subquery's limit), because the planner estimates a query's
    /// words as independent: for words that go together ("giao thong") it expects few matches and
    /// would read them all through the GIN index; for words seldom together it expects many and would
    /// walk the key far past the window. See docs/decisions/0012.
    /// </summary>
    private static async Task<List<int>> PostgresNewestAsync(DienHongDbContext db, string tsQuery, int limit, Func<List<int>, Task<List<int>>> keep, CancellationToken cancellationToken)
    {
        var top = await db.Petitions.MaxAsync(p => (int?)p.Id, cancellationToken) ?? 0;
        var floor = top - PostgresWindow;
        var window = await WalkAsync(db, tsQuery, top, floor, int.MaxValue, cancellationToken);
        var found = (await keep(window)).Take(limit).ToList();
        if (found.Count < limit && found.Count > 0 && floor > 0)
        {
            // The rows likely to hold what is missing at the window's density, against the matches the index would
            // visit below the window at that density (each on a page of its own); the walk may go half as far again.
            var needed = limit - found.Count;
            var rows = (long)needed * PostgresWindow / found.Count;
            var indexed = (long)found.Count * floor / PostgresWindow;
            if (rows <= PostgresWalk || rows <= indexed * WalkedRowsPerIndexedMatch)
            {
                var walkFloor = (int)Math.Max(0, floor - (rows * 3 / 2));
                var walked = await WalkAsync(db, tsQuery, floor, walkFloor, needed, cancellationToken);
                found.AddRange((await keep(walked)).Take(needed));
                floor = walked.Count == needed ? walked[^1] - 1 : walkFloor;
            }
        }

        // Many matches in the window but too few kept (a narrow scope): the words are common, and the planner's choice
        // of a backward walk of the key stands. Otherwise the matches are rare here: every one through the GIN index.
        var common = window.Count >= limit;
        for (var slice = limit * 4; found.Count < limit && floor > 0; slice = Math.Min(slice * 4, 100_000))
        {
            var ids = common ? await OlderAsync(db, tsQuery, floor, slice, cancellationToken) : await IndexedAsync(db, tsQuery, floor, slice, cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            found.AddRange((await keep(ids)).Take(limit - found.Count));
            if (ids.Count < slice)
            {
                break;
            }

            floor = ids[^1] - 1;
        }

        return found;
    }

    /// <summary>PostgreSQL: the ids in (<paramref name="floor"/>, <paramref name="top"/>] matching, newest first, walked by key (the subquery's limit keeps the planner from reading the GIN index instead).</summary>
    private static Task<List<int>> WalkAsync(DienHongDbContext db, string tsQuery, int top, int floor, int limit, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>($"""
            SELECT "Id" AS "Value" FROM (SELECT "Id", "SearchWords" FROM "Petitions" WHERE "Id" <= {top} AND "Id" > {floor} ORDER BY "Id" DESC LIMIT {top - floor}) AS newest
            WHERE "SearchWords" @@ to_tsquery('simple', {tsQuery}) ORDER BY "Id" DESC LIMIT {limit}
            """).ToListAsync(cancellationToken);

    /// <summary>PostgreSQL: up to <paramref name="limit"/> ids at or below <paramref name="top"/> matching, newest first, by the plan PostgreSQL chooses.</summary>
    private static Task<List<int>> OlderAsync(DienHongDbContext db, string tsQuery, int top, int limit, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>($"SELECT \"Id\" AS \"Value\" FROM \"Petitions\" WHERE \"SearchWords\" @@ to_tsquery('simple', {tsQuery}) AND \"Id\" <= {top} ORDER BY \"Id\" DESC LIMIT {limit}")
            .ToListAsync(cancellationToken);

    /// <summary>
    /// PostgreSQL: up to <paramref name="limit"/> ids at or below <paramref name="top"/> matching, newest
    /// first, through the GIN index (materialized, so the planner cannot trade it for a walk of the key).
    /// </summary>
    private static Task<List<int>> IndexedAsync(DienHongDbContext db, string tsQuery, int top, int limit, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>($"""
            WITH matches AS MATERIALIZED (SELECT "Id" FROM "Petitions" WHERE "SearchWords" @@ to_tsquery('simple', {tsQuery}) AND "Id" <= {top})
            SELECT "Id" AS "Value" FROM matches ORDER BY "Id" DESC LIMIT {limit}
            """).ToListAsync(cancellationToken);

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
            return await PostgresNewestAsync(db, tsQuery, limit, Task.FromResult, cancellationToken);
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
                WHERE s.schemaname = current_schema() AND s.tablename = 'Petitions' AND s.attname = {WordsColumn} AND e.word = ANY({array})
                """).ToListAsync(cancellationToken);
            var frequencies = common.DistinctBy(c => c.Word).ToDictionary(c => c.Word, c => Cap + (c.Frequency * 1e9));
            var rest = words.Where(w => !frequencies.ContainsKey(w)).ToArray();
            var counted = await db.Database.SqlQuery<WordFrequency>($"""
                SELECT w AS "Word", (SELECT count(*) FROM (SELECT 1 FROM "Petitions" WHERE "SearchWords" @@ to_tsquery('simple', w) LIMIT {Cap}) m)::float8 AS "Frequency"
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

    /// <summary>Every word for to_tsquery (folded words are letters and digits only), the last as a prefix.</summary>
    private static string TsQuery(string[] words) =>
        string.Join(" & ", words.Select((w, i) => i == words.Length - 1 ? w + ":*" : w));

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
        PetitionSearch.AppendWordIndex(operation, terminate, builder, Dependencies.SqlGenerationHelper, PetitionSearch.SqliteDdl);
    }
}

#pragma warning disable EF1001 // The provider's options type is "internal" API; its generator takes it, so a subclass must too.
/// <summary>PostgreSQL's migrations, plus the stored words column and its GIN index created with the Petitions table (a tsvector column cannot be modelled for SQLite).</summary>
internal sealed class PetitionNpgsqlMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, INpgsqlSingletonOptions options)
    : NpgsqlMigrationsSqlGenerator(dependencies, options)
{
    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        PetitionSearch.AppendWordIndex(operation, terminate, builder, Dependencies.SqlGenerationHelper, PetitionSearch.PostgresDdl);
    }
}
#pragma warning restore EF1001
