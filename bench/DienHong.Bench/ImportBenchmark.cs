using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DienHong.Bench;

/// <summary>
/// Importing participants from an XLSX on SQLite and PostgreSQL: 10,000 rows (target ≤ 5 s) and
/// 20,000 (target ≤ 2.2× the 10,000 figure: linear). Baseline: the same people inserted with a
/// bare EF Core AddRange and SaveChanges (no file, no rules, no audit), same database, same run.
/// </summary>
internal sealed class ImportBenchmark : IBenchmark
{
    public string Name => "import";

    public async Task RunAsync(BenchOptions options)
    {
        var sizes = options.Smoke ? new[] { 500, 1_000 } : [10_000, 20_000];
        var runs = Math.Min(options.Runs, 3);
        foreach (var provider in options.Databases)
        {
            if (await BenchDatabase.CreateAsync(provider) is not { } database)
            {
                continue;
            }

            var medians = new List<TimeSpan>();
            foreach (var size in sizes)
            {
                var file = Workbook(size);
                var import = Measurement.Of(() => ImportAsync(database, file).GetAwaiter().GetResult(), runs);
                var baseline = Measurement.Of(() => InsertAsync(database, size).GetAwaiter().GetResult(), runs);
                Measurement.Report($"{provider}: import {size:N0} participants from XLSX ({file.Length / 1024:N0} KiB)", import, baseline, "the same people inserted by bare EF Core", TimeSpan.FromSeconds(5 * size / 10_000.0));
                medians.Add(import.Median);
            }

            Console.WriteLine($"{provider}: {sizes[1]:N0} rows took {medians[1] / medians[0]:0.00}× the time of {sizes[0]:N0} (target ≤ 2.2×: {(medians[1] / medians[0] <= 2.2 ? "within target" : "OVER TARGET")})");
            Console.WriteLine();
        }
    }

    private static async Task<int> NewMeetingAsync(BenchDatabase database)
    {
        await using var db = database.Bare();
        var meeting = LargeMeeting.Create(sites: 63, participants: 0);
        meeting.Id = 0;
        foreach (var site in meeting.Sites)
        {
            site.Id = 0;
        }

        db.Meetings.Add(meeting);
        await db.SaveMeetingAsync(meeting);
        return meeting.Id;
    }

    private static async Task ImportAsync(BenchDatabase database, byte[] file)
    {
        var meetingId = await NewMeetingAsync(database);
        await using var db = database.Audited();
        var result = await db.ImportParticipantsAsync(meetingId, new MemoryStream(file), "thanh-phan.xlsx");
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Take(3)));
        }
    }

    private static async Task InsertAsync(BenchDatabase database, int size)
    {
        var meetingId = await NewMeetingAsync(database);
        await using var db = database.Bare();
        var sites = db.Sites.Where(s => s.MeetingId == meetingId).ToList();
        db.Participants.AddRange(Enumerable.Range(0, size).Select(i => new Participant
        {
            MeetingId = meetingId,
            SiteId = sites[i % sites.Count].Id,
            PersonName = PersonName(i),
            Title = "Đại biểu",
            OrganizationName = $"Sở ngành số {i % 40}",
            Role = ParticipantRole.Delegate,
        }));
        await db.SaveChangesAsync();
    }

    private static string PersonName(int i) => $"Nguyễn Văn Người {i}";

    /// <summary>Participants spread over the 63 sites of <see cref="LargeMeeting"/>, as an office would fill the template.</summary>
    private static byte[] Workbook(int rows)
    {
        var siteNames = LargeMeeting.Create(63, 0).Sites.Select(s => s.Name).ToArray();
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData(Row("Họ tên", "Chức vụ", "Cơ quan", "Vai trò", "Điểm cầu", "Email"));
            for (var i = 0; i < rows; i++)
            {
                data.Append(Row(PersonName(i), "Đại biểu", $"Sở ngành số {i % 40}", "Đại biểu", siteNames[i % siteNames.Length], $"nguoi{i}@example.vn"));
            }

            sheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Thành phần" }));
        }

        return stream.ToArray();
    }

    private static Row Row(params string[] texts) =>
        new(texts.Select(t => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(t)) }));
}
