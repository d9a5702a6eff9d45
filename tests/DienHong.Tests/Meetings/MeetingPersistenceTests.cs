using System.Security.Claims;
using System.Text;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Meetings;
using DienHong.Features.Sites;
using DienHong.Features.Validation;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Meetings;

public class MeetingPersistenceTests
{
    private static readonly DateTime Start = new(2021, 11, 19, 1, 0, 0, DateTimeKind.Utc);

    internal static Meeting NewMeeting(string title = "Hội nghị tiếp xúc cử tri tỉnh Điện Biên") => new()
    {
        Title = title,
        Kind = MeetingKind.VoterContactConference,
        Format = MeetingFormat.Online,
        StartsAt = Start,
        EndsAt = Start.AddHours(3),
        Place = "Điện Biên",
        Sites =
        [
            new Site { Name = "Điểm cầu trung tâm", IsHost = true, Capacity = 50, Level = SiteLevel.Province, ConnectionTestAt = Start.AddHours(-18) },
            new Site { Name = "Xã Thanh Xương", Capacity = 30, Level = SiteLevel.Commune },
        ],
    };

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Text_is_stored_NFC_whatever_the_input_normalization(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var decomposed = "Hội nghị Điện Biên".Normalize(NormalizationForm.FormD);
        await using (var db = database.CreateContext())
        {
            db.Meetings.Add(NewMeeting(decomposed));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var check = database.CreateContext();
        var stored = await check.Meetings.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("Hội nghị Điện Biên".Normalize(NormalizationForm.FormC), stored.Title);
        Assert.True(stored.Title.IsNormalized(NormalizationForm.FormC));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Search_is_accent_insensitive_and_folds_d_stroke(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        db.Meetings.Add(NewMeeting());
        var other = NewMeeting("Kỳ họp thứ 13 (bất thường) HĐND tỉnh");
        other.Place = "Bình Phước";
        db.Meetings.Add(other);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var byTopic = await db.Meetings.Apply(new MeetingFilter(Search: "tiep xuc cu tri")).ToSummariesAsync(TestContext.Current.CancellationToken);
        var byPlace = await db.Meetings.Apply(new MeetingFilter(Search: "dien bien")).ToSummariesAsync(TestContext.Current.CancellationToken);
        var byMarkedQuery = await db.Meetings.Apply(new MeetingFilter(Search: "BẤT THƯỜNG")).ToSummariesAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Hội nghị tiếp xúc cử tri tỉnh Điện Biên", Assert.Single(byTopic).Title);
        Assert.Single(byPlace);
        Assert.Equal("Kỳ họp thứ 13 (bất thường) HĐND tỉnh", Assert.Single(byMarkedQuery).Title);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_change_to_a_meeting_leaves_an_audit_entry_with_who_and_what(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var user = new CurrentUser { Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "thuky"), new Claim(ClaimTypes.NameIdentifier, "u1")], "test")) };
        int id;
        await using (var db = database.CreateContext(user))
        {
            var meeting = NewMeeting();
            db.Meetings.Add(meeting);
            await db.SaveMeetingAsync(meeting, TestContext.Current.CancellationToken);
            id = meeting.Id;
        }

        await using (var db = database.CreateContext(user))
        {
            var meeting = (await db.LoadMeetingAsync(id, TestContext.Current.CancellationToken))!;
            meeting.Sites.Single(s => !s.IsHost).Capacity = 25;
            await db.SaveMeetingAsync(meeting, TestContext.Current.CancellationToken);
        }

        await using var check = database.CreateContext();
        var entries = await check.AuditEntries.Where(e => e.MeetingId == id).OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains(entries, e => e.EntityType == nameof(Meeting) && e.Action == "Added");
        Assert.Equal(2, entries.Count(e => e.EntityType == nameof(Site) && e.Action == "Added"));
        var change = Assert.Single(entries, e => e.Action == "Modified");
        Assert.Equal("thuky", change.UserName);
        Assert.Contains("\"Capacity\":[30,25]", change.Changes);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_broken_rule_saves_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var meeting = NewMeeting();
        meeting.Sites[1].IsHost = true;
        db.Meetings.Add(meeting);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => db.SaveMeetingAsync(meeting, TestContext.Current.CancellationToken));

        Assert.Contains("đúng một điểm cầu trung tâm", error.Message);
        await using var check = database.CreateContext();
        Assert.Equal(0, await check.Meetings.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await check.AuditEntries.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Text_longer_than_its_column_is_refused_with_a_message(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var meeting = NewMeeting();
        meeting.Sites[1].Name = new string('x', 400);
        db.Meetings.Add(meeting);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));

        Assert.Contains("vượt giới hạn 300 ký tự", error.Message);
        await using var check = database.CreateContext();
        Assert.Equal(0, await check.Sites.CountAsync(TestContext.Current.CancellationToken));
    }
}
