using DienHong.Data;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Meetings;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Auditing;

/// <summary>
/// Large saves stay linear: auditing looks at the tracked entries once per save, not once per
/// changed entity (each look re-scans everything tracked), and a cancelled save stops.
/// </summary>
public class AuditAtScaleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<int> AddMeetingAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var meeting = MeetingPersistenceTests.NewMeeting();
        db.Meetings.Add(meeting);
        await db.SaveMeetingAsync(meeting, Token);
        return meeting.Id;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Saving_many_people_scans_the_tracked_entries_a_fixed_number_of_times_and_audits_each(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var meetingId = await AddMeetingAsync(database);
        await using var db = database.CreateContext();
        var meeting = (await db.LoadMeetingAsync(meetingId, Token))!;
        meeting.Participants.AddRange(Enumerable.Range(1, 600).Select(i => new Participant { PersonName = $"Người thứ {i}", Role = ParticipantRole.Voter, Site = meeting.Sites[i % 2] }));
        var scans = 0;
        db.ChangeTracker.DetectingAllChanges += (_, _) => scans++;

        await db.SaveMeetingAsync(meeting, Token);

        Assert.InRange(scans, 1, 8);
        await using var check = database.CreateContext();
        Assert.Equal(600, await check.AuditEntries.CountAsync(e => e.MeetingId == meetingId && e.EntityType == "Participant", Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_large_save_cancelled_while_being_prepared_stops_and_writes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var meetingId = await AddMeetingAsync(database);
        await using var db = database.CreateContext();
        var meeting = (await db.LoadMeetingAsync(meetingId, Token))!;
        meeting.Recipients.AddRange(Enumerable.Range(1, 3_000).Select(i => new Recipient { Order = i, Name = $"Nơi nhận số {i}" }));
        using var clientLeft = new CancellationTokenSource();
        var scansAfterCancel = 0;
        db.ChangeTracker.DetectingAllChanges += (_, _) =>
        {
            // The client leaves as soon as the save starts looking at its changes.
            if (clientLeft.IsCancellationRequested)
            {
                scansAfterCancel++;
            }

            clientLeft.Cancel();
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.SaveMeetingAsync(meeting, clientLeft.Token));

        Assert.InRange(scansAfterCancel, 0, 4);
        await using var check = database.CreateContext();
        Assert.Equal(0, await check.Recipients.CountAsync(Token));
        Assert.Equal(0, await check.AuditEntries.CountAsync(e => e.EntityType == "Recipient", Token));
    }
}
