using DienHong.Features.Meetings;

namespace DienHong.Bench;

/// <summary>
/// Saving a meeting whose recipient list was replaced by 50,000 lines (what a PUT does), audited,
/// on SQLite and PostgreSQL. Baseline: the same lines inserted by bare EF Core, same run.
/// </summary>
internal sealed class LargeSaveBenchmark : IBenchmark
{
    public string Name => "large-save";

    public async Task RunAsync(BenchOptions options)
    {
        var lines = options.Smoke ? 2_000 : 50_000;
        var runs = Math.Min(options.Runs, 3);
        foreach (var provider in options.Databases)
        {
            if (await BenchDatabase.CreateAsync(provider) is not { } database)
            {
                continue;
            }

            var input = new MeetingInput("Hội nghị trực tuyến toàn quốc", MeetingKind.Conference, MeetingFormat.Online,
                new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc),
                Status: MeetingStatus.Draft, Recipients: [.. Enumerable.Range(1, lines).Select(i => $"Nơi nhận số {i}")]);
            var save = Measurement.Of(() => ReplaceAsync(database, input).GetAwaiter().GetResult(), runs);
            var baseline = Measurement.Of(() => InsertAsync(database, lines).GetAwaiter().GetResult(), runs);
            Measurement.Report($"{provider}: meeting saved with {lines:N0} recipients (PUT)", save, baseline, "the same lines inserted by bare EF Core", TimeSpan.FromSeconds(30));
        }
    }

    private static async Task<int> NewMeetingAsync(BenchDatabase database)
    {
        await using var db = database.Bare();
        var meeting = new Meeting { Title = "Hội nghị", Kind = MeetingKind.Conference, Format = MeetingFormat.Online, StartsAt = new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc), EndsAt = new DateTime(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc) };
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return meeting.Id;
    }

    private static async Task ReplaceAsync(BenchDatabase database, MeetingInput input)
    {
        var id = await NewMeetingAsync(database);
        await using var db = database.Audited();
        var meeting = (await db.LoadMeetingAsync(id))!;
        input.ApplyTo(meeting);
        await db.SaveMeetingAsync(meeting);
    }

    private static async Task InsertAsync(BenchDatabase database, int lines)
    {
        var id = await NewMeetingAsync(database);
        await using var db = database.Bare();
        db.Recipients.AddRange(Enumerable.Range(1, lines).Select(i => new Recipient { MeetingId = id, Order = i, Name = $"Nơi nhận số {i}" }));
        await db.SaveChangesAsync();
    }
}
