using DienHong.Data;
using DienHong.Features.Meetings;
using DienHong.Features.Petitions;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Petitions;

/// <summary>The search and similarity queries that must stay fast at a million petitions (bench/ measures them) return what they did when they ranked everything.</summary>
public class PetitionSearchTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Search_gives_the_newest_visible_matches_even_when_most_matches_are_out_of_sight(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var (mine, other) = (Meeting("Hội nghị A"), Meeting("Hội nghị B"));
        db.Meetings.AddRange(mine, other);
        await db.SaveChangesAsync(Token);
        // 130 road petitions, one in ten in "my" meeting, and clinic petitions that never match.
        for (var i = 0; i < 130; i++)
        {
            Add(db, i % 10 == 0 ? mine : other, $"Đường liên ấp số {i} xuống cấp, ổ gà nhiều, đề nghị sửa chữa.", $"KN-R{i:D3}");
            Add(db, i % 10 == 0 ? mine : other, $"Trạm y tế số {i} thiếu thuốc.", $"KN-Y{i:D3}");
        }

        await db.SaveChangesAsync(Token);
        var visible = db.Petitions.Where(p => p.MeetingId == mine.Id);
        var expected = await visible.Where(p => p.Content.StartsWith("Đường")).OrderByDescending(p => p.Id).Select(p => p.Id).Take(5).ToListAsync(Token);

        // Unaccented, đ typed as d, the last word a prefix: 13 of 130 matches are visible, and the newest five of those come back in order.
        Assert.Equal(expected, await PetitionSearch.NewestMatchesAsync(db, visible, "duong lien a", 5, Token));
        Assert.Equal(13, (await PetitionSearch.NewestMatchesAsync(db, visible, "DUONG", 50, Token)).Count);
        Assert.Empty(await PetitionSearch.NewestMatchesAsync(db, visible, "cau treo", 5, Token));
        Assert.Equal(5, (await PetitionSearch.NewestMatchesAsync(db, visible, "  ", 5, Token)).Count);
        // Prefixes of every length the indexes keep (FTS5's prefix indexes; PostgreSQL's stored words) and longer.
        var newestRoads = expected.Take(3).ToList();
        foreach (var query in new[] { "duong l", "duong li", "duong lie", "duong lien a", "xuong ca", "xuong cap", "XUỐNG CẤP" })
        {
            Assert.Equal(newestRoads, await PetitionSearch.NewestMatchesAsync(db, visible, query, 3, Token));
        }

        // "số 12" as a prefix: of this meeting's roads (0, 10, … 120) only number 120.
        var road120 = await db.Petitions.Where(p => p.TrackingCode == "KN-R120").Select(p => p.Id).SingleAsync(Token);
        Assert.Equal([road120], await PetitionSearch.NewestMatchesAsync(db, visible, "duong so 12", 5, Token));

        // An edited petition is found by its new words, no longer by its old ones (the index follows the row on both providers).
        var edited = await db.Petitions.SingleAsync(p => p.TrackingCode == "KN-Y000", Token);
        edited.Content = "Cầu treo qua suối bản Mường xuống cấp.";
        await db.SaveChangesAsync(Token);
        Assert.Equal([edited.Id], await PetitionSearch.NewestMatchesAsync(db, visible, "cau treo", 5, Token));
        Assert.Equal(12, (await PetitionSearch.NewestMatchesAsync(db, visible, "tram y", 50, Token)).Count);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Similar_petitions_are_found_in_other_meetings_by_their_rare_words_not_by_common_ones(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var (earlier, filler) = (Meeting("Hội nghị trước"), Meeting("Hội nghị khác"));
        db.Meetings.AddRange(earlier, filler);
        await db.SaveChangesAsync(Token);
        // Many petitions share the common words ("đường", "sửa chữa"); one earlier petition raises the same rubber-factory smell.
        for (var i = 0; i < 60; i++)
        {
            Add(db, filler, $"Đường giao thông ấp {i} xuống cấp, đề nghị sửa chữa đường.", $"KN-F{i:D3}");
        }

        var same = Add(db, earlier, "Nhà máy chế biến mủ cao su xả nước thải gây mùi hôi thối, ô nhiễm suối, đề nghị kiểm tra xử lý.", "KN-CAOSU1");
        await db.SaveChangesAsync(Token);
        Assert.Equal(PetitionText.Terms(same.Content), (await db.Petitions.SingleAsync(p => p.Id == same.Id, Token)).Terms);

        var similar = await PetitionSuggestions.SimilarAsync(db, db.Petitions, "Mùi hôi từ nhà máy mủ cao su ô nhiễm nặng, nước thải chảy ra suối, đường đi qua cũng hôi.", null, null, Token);
        Assert.Equal(same.Id, Assert.Single(similar).Id);
        Assert.Equal(earlier.Id, similar[0].MeetingId);
        Assert.InRange(similar[0].Score, PetitionSuggestions.SimilarityThreshold, 1);
        // Within a meeting every petition of it is compared: the road petitions are alike, the factory is not among them.
        var roads = await PetitionSuggestions.SimilarAsync(db, db.Petitions, "Đường giao thông ấp 7 xuống cấp, cần sửa chữa.", filler.Id, null, Token);
        Assert.Equal(5, roads.Count);
        Assert.All(roads, r => Assert.Equal(filler.Id, r.MeetingId));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Search_and_similar_petitions_find_matches_older_than_the_newest_rows_window_in_order(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var (earlier, later) = (Meeting("Hội nghị trước"), Meeting("Hội nghị sau"));
        db.Meetings.AddRange(earlier, later);
        await db.SaveChangesAsync(Token);
        // The oldest petitions: 30 about suspension bridges and two about the rubber factory, one nearly as the new text words it.
        for (var i = 0; i < 30; i++)
        {
            Add(db, earlier, $"Cầu treo bản Nà {i} hư hỏng nặng, học sinh qua suối nguy hiểm.", $"KN-B{i:D3}");
        }

        var same = Add(db, earlier, "Nhà máy mủ cao su gây mùi hôi, ô nhiễm nặng, nước thải chảy ra suối.", "KN-CAOSU1");
        var alike = Add(db, earlier, "Nước thải nhà máy mủ cao su chảy ra ruộng lúa, lúa chết.", "KN-CAOSU2");
        await db.SaveChangesAsync(Token);
        // Then more rows than PostgreSQL's newest-rows window: road petitions, every 200th of them also about potholes at the market.
        var fillers = PetitionSearch.PostgresWindow + 400;
        for (var i = 0; i < fillers; i++)
        {
            Add(db, later, i % 200 == 0 ? $"Đường ấp {i} ổ gà trước chợ Bến Lức, xe máy té ngã." : $"Đường ấp {i} xuống cấp, đề nghị sửa chữa.", $"KN-F{i:D5}");
        }

        await db.SaveChangesAsync(Token);
        var top = await db.Petitions.MaxAsync(p => p.Id, Token);
        var bridges = await db.Petitions.Where(p => p.TrackingCode.StartsWith("KN-B")).OrderByDescending(p => p.Id).Select(p => p.Id).ToListAsync(Token);
        Assert.All(bridges.Append(same.Id).Append(alike.Id), id => Assert.True(id <= top - PetitionSearch.PostgresWindow, "every match is older than the window"));

        // Every match is past the window: the newest 20 of 30, then all 30 when fewer than asked, newest first.
        Assert.Equal(bridges.Take(20), await PetitionSearch.NewestMatchesAsync(db, db.Petitions, "cau treo ban na", 20, Token));
        Assert.Equal(bridges, await PetitionSearch.NewestMatchesAsync(db, db.Petitions, "CẦU TREO", 50, Token));
        Assert.Equal(bridges.Take(5), await PetitionSearch.NewestMatchesAsync(db, db.Petitions.Where(p => p.MeetingId == earlier.Id), "qua suoi nguy h", 5, Token));
        Assert.Empty(await PetitionSearch.NewestMatchesAsync(db, db.Petitions.Where(p => p.MeetingId == later.Id), "cau treo", 5, Token));

        // Matches thinly spread through and past the window: the window holds some, the rows below it the rest, in order.
        var potholes = await db.Petitions.Where(p => p.Content.Contains("ổ gà")).OrderByDescending(p => p.Id).Select(p => p.Id).ToListAsync(Token);
        Assert.Contains(potholes, id => id > top - PetitionSearch.PostgresWindow);
        Assert.Contains(potholes, id => id <= top - PetitionSearch.PostgresWindow);
        Assert.Equal(potholes.Take(potholes.Count - 1), await PetitionSearch.NewestMatchesAsync(db, db.Petitions, "o ga truoc cho", potholes.Count - 1, Token));
        Assert.Equal(potholes, await PetitionSearch.NewestMatchesAsync(db, db.Petitions, "o ga truoc cho", 50, Token));
        Assert.Equal(potholes.Where(id => id % 2 == 0), await PetitionSearch.NewestMatchesAsync(db, db.Petitions.Where(p => p.Id % 2 == 0), "o ga", 50, Token));

        // Similar petitions across meetings: both old factory petitions, the closer one first, no road petition.
        var similar = await PetitionSuggestions.SimilarAsync(db, db.Petitions, "Mùi hôi từ nhà máy mủ cao su ô nhiễm nặng, nước thải chảy ra suối.", null, null, Token);
        Assert.Equal([same.Id, alike.Id], similar.Select(s => s.Id));
        Assert.True(similar[0].Score > similar[1].Score);
        Assert.All(similar, s => Assert.Equal(earlier.Id, s.MeetingId));
    }

    private static Meeting Meeting(string title) => new()
    {
        Title = title,
        Kind = MeetingKind.VoterContactConference,
        Format = MeetingFormat.Online,
        StartsAt = new DateTime(2026, 1, 5, 1, 0, 0, DateTimeKind.Utc),
        EndsAt = new DateTime(2026, 1, 5, 4, 0, 0, DateTimeKind.Utc),
    };

    private static Petition Add(DienHongDbContext db, Meeting meeting, string content, string code)
    {
        var petition = new Petition
        {
            MeetingId = meeting.Id,
            Content = content,
            TrackingCode = code,
            Channel = PetitionChannel.InWriting,
            RecordedAt = DateTime.UtcNow,
            Recommendation = new Recommendation { MeetingId = meeting.Id, Content = content, CreatedAt = DateTime.UtcNow },
        };
        db.Petitions.Add(petition);
        return petition;
    }
}
