using System.Data.Common;
using System.Diagnostics;
using DienHong.Data;
using DienHong.Features.Meetings;
using DienHong.Features.Petitions;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Bench;

/// <summary>
/// Petitions at scale: N petitions generated in a real database (a SQLite file; PostgreSQL on the
/// server the tests start, or the empty database DIENHONG_BENCH_POSTGRES names), then accent-insensitive
/// search and similar-petition suggestions timed (p95 over many queries) beside a primary-key lookup
/// of the same database as baseline; and the summary report of 10,000 petitions beside the same
/// paragraphs written as bare Open XML. Bounded: generation stops at its share of --minutes (default
/// 15) and says how many petitions it reached; each query series stops at its own share.
/// </summary>
internal sealed class PetitionsBenchmark : IBenchmark
{
    private static readonly string[] Queries =
    [
        "duong giao thong", "o ga", "so do", "bao hiem y te", "tram y te", "dien luoi", "hoc sinh ban tru", "ma tuy", "phan bon gia",
        "cao su o nhiem", "tin dung den", "sach giao khoa", "gia dieu", "sat lo", "nuoc sach", "ho ngheo", "luong huu", "cau treo", "den duong", "thu gom rac",
    ];

    public string Name => "petitions";

    public async Task RunAsync(BenchOptions options)
    {
        var count = options.Size ?? (options.Smoke ? 5_000 : 1_000_000);
        var bound = TimeSpan.FromMinutes(options.Minutes ?? (options.Smoke ? 2 : 15));
        // Each provider: 35% of the bound to generate, 10% to query; the report needs seconds.
        var budget = new Budget(bound * 0.35, bound * 0.10 / 4, options.Smoke ? 20 : 200);
        Console.WriteLine($"{count:N0} petitions asked for; bound {bound.TotalMinutes:0} minutes (generation stops at {budget.Generation.TotalMinutes:0.#} min per provider)");
        var rows = (await PetitionDemo.RowsAsync()).Select(r => r.Get("Nội dung")!).ToArray();
        var file = Path.Combine(Path.GetTempPath(), $"dienhong-bench-{Guid.NewGuid():N}.db");
        try
        {
            await MeasureAsync(DatabaseProvider.Sqlite, $"Data Source={file}", count, rows, budget);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }

        if (Environment.GetEnvironmentVariable("DIENHONG_BENCH_POSTGRES") is { Length: > 0 } postgres)
        {
            await MeasureAsync(DatabaseProvider.PostgreSql, postgres, count, rows, budget);
        }
        else if (await BenchDatabase.CreateAsync(DatabaseProvider.PostgreSql) is { } database)
        {
            await MeasureAsync(DatabaseProvider.PostgreSql, database.ConnectionString, count, rows, budget);
        }

        MeasureReport(rows, options);
    }

    /// <summary>How long generation may take, how long each query series may take, and how many queries a series times at most.</summary>
    private sealed record Budget(TimeSpan Generation, TimeSpan PerSeries, int Runs);

    private static async Task MeasureAsync(DatabaseProvider provider, string connectionString, int count, string[] texts, Budget budget)
    {
        await DatabaseSetup.MigrateAsync(provider, connectionString);
        var builder = new DbContextOptionsBuilder<DienHongDbContext>();
        DatabaseSetup.Configure(builder, provider, connectionString);
        var recorder = new CommandRecorder();
        builder.AddInterceptors(recorder);
        await using var db = new DienHongDbContext(builder.Options);
        var watch = Stopwatch.StartNew();
        var (generated, meetings) = await GenerateAsync(db, provider, count, texts, budget.Generation);
        Console.WriteLine($"{provider}: {generated:N0} petitions in {meetings:N0} meetings generated in {watch.Elapsed.TotalSeconds:0} s"
            + (generated < count ? $" (stopped at the bound: {count:N0} asked for)" : ""));

        var random = new Random(7);
        var baseline = await P95Async(budget, async () => { var id = random.Next(1, generated); await db.Petitions.AsNoTracking().Where(p => p.Id == id).Select(p => p.Content).FirstOrDefaultAsync(); });
        var search = await P95Async(budget, async () =>
        {
            var query = Queries[random.Next(Queries.Length)];
            var ids = await PetitionSearch.NewestMatchesAsync(db, db.Petitions, query, 50, default);
            await db.Petitions.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderByDescending(p => p.Id).Select(p => new { p.Id, p.Content }).ToListAsync();
        });
        var visible = db.Petitions.AsQueryable();
        var inMeeting = await P95Async(budget, async () => { var (text, meeting) = (texts[random.Next(texts.Length)], random.Next(1, meetings + 1)); await PetitionSuggestions.SimilarAsync(db, visible, text, meeting); });
        var anywhere = await P95Async(budget, async () => { var text = texts[random.Next(texts.Length)]; await PetitionSuggestions.SimilarAsync(db, visible, text, null); });
        Report($"{provider}, {generated:N0} petitions: accent-insensitive search (50 newest matches)", search, baseline, TimeSpan.FromMilliseconds(50));
        Report($"{provider}, {generated:N0} petitions: similar petitions within the new petition's meeting", inMeeting, baseline, TimeSpan.FromMilliseconds(100));
        Report($"{provider}, {generated:N0} petitions: similar petitions across every meeting (full-text candidates)", anywhere, baseline, TimeSpan.FromMilliseconds(100));
        if (provider == DatabaseProvider.PostgreSql)
        {
            // The plans PostgreSQL chose for the word-index queries of a common search, a rarer one and one text's candidates.
            recorder.Recording = [];
            await PetitionSearch.NewestMatchesAsync(db, db.Petitions, Queries[0], 50, default);
            await PetitionSearch.NewestMatchesAsync(db, db.Petitions, "cau treo", 50, default);
            await PetitionSuggestions.SimilarAsync(db, visible, texts[0], null);
            var recorded = recorder.Recording;
            recorder.Recording = null;
            await ExplainAsync(db.Database.GetDbConnection(), recorded.Where(c => c.Sql.Contains("\"SearchWords\" @@", StringComparison.Ordinal) && !c.Sql.Contains("unnest", StringComparison.Ordinal)));
        }
    }

    /// <summary>Records the commands EF sends while <see cref="Recording"/> is set, to show their plans.</summary>
    private sealed class CommandRecorder : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public List<(string Sql, (string Name, object? Value)[] Parameters)>? Recording { get; set; }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Recording?.Add((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value))]));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private static async Task ExplainAsync(DbConnection connection, IEnumerable<(string Sql, (string Name, object? Value)[] Parameters)> commands)
    {
        foreach (var (sql, parameters) in commands)
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + sql;
            foreach (var (name, value) in parameters)
            {
                Add(explain, name, value ?? DBNull.Value);
            }

            Console.WriteLine("  plan of: " + string.Join(' ', sql.Split('\n', StringSplitOptions.TrimEntries)) + "  [" + string.Join(", ", parameters.Select(p => $"{p.Name}={p.Value}")) + "]");
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine("    " + reader.GetString(0));
            }

            Console.WriteLine();
        }
    }

    /// <summary>
    /// Meetings of about a thousand petitions each, texts drawn from the demo's with a place and a
    /// number varied, so words repeat as in real petitions; one recommendation per petition.
    /// </summary>
    private static async Task<(int Generated, int Meetings)> GenerateAsync(DienHongDbContext db, DatabaseProvider provider, int count, string[] texts, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        var meetings = Math.Max(1, count / 1000);
        var start = new DateTime(2021, 1, 1, 1, 0, 0, DateTimeKind.Utc);
        for (var m = 0; m < meetings; m++)
        {
            db.Meetings.Add(new Meeting { Title = $"Hội nghị tiếp xúc cử tri số {m + 1}", Kind = MeetingKind.VoterContactConference, Format = MeetingFormat.Online, StartsAt = start.AddDays(m), EndsAt = start.AddDays(m).AddHours(3) });
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        const int Batch = 500;
        var random = new Random(11);
        var generated = 0;
        for (var first = 0; first < count && clock.Elapsed < bound; first += Batch)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var size = Math.Min(Batch, count - first);
            var recommendations = new System.Text.StringBuilder("INSERT INTO \"Recommendations\" (\"Id\", \"MeetingId\", \"Content\", \"Status\", \"IsPublished\", \"SearchText\", \"CreatedAt\") VALUES ");
            var petitions = new System.Text.StringBuilder("INSERT INTO \"Petitions\" (\"Id\", \"MeetingId\", \"RecommendationId\", \"Channel\", \"Content\", \"TrackingCode\", \"SearchText\", \"Terms\", \"RecordedAt\") VALUES ");
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            for (var i = 0; i < size; i++)
            {
                var id = first + i + 1;
                var text = $"{texts[random.Next(texts.Length)]} (ấp {random.Next(1, 12)}, tổ {random.Next(1, 30)})";
                var meeting = ((id - 1) / 1000 % meetings) + 1;
                recommendations.Append(i == 0 ? "" : ",").Append($"({id}, {meeting}, @c{i}, 'New', {(provider == DatabaseProvider.Sqlite ? "0" : "false")}, @s{i}, @t)");
                petitions.Append(i == 0 ? "" : ",").Append($"({id}, {meeting}, {id}, 'AtSite', @c{i}, 'KN-B{id:D9}', @s{i}, @w{i}, @t)");
                Add(command, $"@c{i}", text);
                Add(command, $"@s{i}", PetitionText.Fold(text));
                Add(command, $"@w{i}", PetitionText.Terms(text));
            }

            Add(command, "@t", start);
            command.CommandText = recommendations + ";" + petitions + ";";
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            generated += size;
            if (generated % 100_000 == 0)
            {
                Console.WriteLine($"  {generated:N0} petitions after {clock.Elapsed.TotalSeconds:0} s");
            }
        }

        if (provider == DatabaseProvider.PostgreSql)
        {
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "SELECT setval(pg_get_serial_sequence('\"Petitions\"', 'Id'), (SELECT max(\"Id\") FROM \"Petitions\")); SELECT setval(pg_get_serial_sequence('\"Recommendations\"', 'Id'), (SELECT max(\"Id\") FROM \"Recommendations\")); ANALYZE;";
            await analyze.ExecuteNonQueryAsync();
        }

        return (generated, Math.Min(meetings, Math.Max(1, (generated + 999) / 1000)));
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The p95 of up to <see cref="Budget.Runs"/> timed runs after a warm-up, stopping at the series' share of the bound (20 runs at least).</summary>
    private static async Task<TimeSpan> P95Async(Budget budget, Func<Task> action)
    {
        await action();
        var times = new List<TimeSpan>();
        var series = Stopwatch.StartNew();
        while (times.Count < budget.Runs && (times.Count < 20 || series.Elapsed < budget.PerSeries))
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed);
        }

        return TimeSpan.FromMilliseconds(Percentile.OfUnsorted(times.Select(t => t.TotalMilliseconds), .95));
    }

    private static void Report(string name, TimeSpan measured, TimeSpan baseline, TimeSpan target)
    {
        Console.WriteLine(name);
        Console.WriteLine($"  p95:       {measured.TotalMilliseconds,8:0.0} ms");
        Console.WriteLine($"  baseline:  {baseline.TotalMilliseconds,8:0.0} ms   (p95 of a primary-key lookup in the same database)");
        Console.WriteLine($"  ratio:     {measured / baseline,8:0.0}×   target ≤ {target.TotalMilliseconds:0} ms: {(measured <= target ? "within target" : "OVER TARGET")}");
        Console.WriteLine();
    }

    /// <summary>The summary report of 10,000 petitions (about 7,700 recommendations after merging: three in ten merge two) in the fields and levels.</summary>
    private static void MeasureReport(string[] texts, BenchOptions options)
    {
        var count = options.Smoke ? 1_000 : 10_000;
        var random = new Random(3);
        var fields = PetitionFieldConfiguration.Defaults;
        var items = new List<ReportItem>();
        for (var (i, petitionCount) = (0, 0); petitionCount < count; i++)
        {
            var merged = Math.Min(i % 10 < 3 ? 2 : 1, count - petitionCount);
            var petitions = Enumerable.Range(0, merged).Select(j => new ReportPetition($"KN-{i:D6}-{j}", DateTime.UtcNow, PetitionChannel.AtSite, $"UBND xã {i % 120}", "Nguyễn Văn A", "Ấp 1", texts[random.Next(texts.Length)])).ToList();
            items.Add(new ReportItem(i, texts[random.Next(texts.Length)], fields[i % fields.Length], (CompetenceLevel)(1 + (i % 4)), "Sở Giao thông vận tải", RecommendationStatus.Referred, false, petitions, []));
            petitionCount += merged;
        }

        var meeting = new Meeting { Title = "Hội nghị tiếp xúc cử tri sau kỳ họp thứ 2, Quốc hội khóa XV", Place = "Bình Phước" };
        var heading = new Features.Drafting.DocumentHeading(null, "ĐOÀN ĐẠI BIỂU QUỐC HỘI TỈNH BÌNH PHƯỚC", null, "Bình Phước", new DateOnly(2021, 11, 22));
        var signature = new Features.Drafting.SignatureBlock(["TM. ĐOÀN ĐẠI BIỂU QUỐC HỘI"], "PHÓ TRƯỞNG ĐOÀN", "Điêu Huỳnh Sang");
        long bytes = 0;
        var report = Measurement.Of(() => bytes = PetitionReports.Summary(meeting, heading, signature, "Lưu: VT", items).Length, options.Runs);
        var paragraphs = items.Count + 60;
        var baseline = Measurement.Of(() => Baseline.Document(paragraphs), options.Runs);
        Measurement.Report($"Summary report of {items.Sum(i => i.Petitions.Count):N0} petitions ({items.Count:N0} recommendations)", report, baseline, "same paragraphs, bare Open XML", TimeSpan.FromSeconds(5), bytes);
    }
}
