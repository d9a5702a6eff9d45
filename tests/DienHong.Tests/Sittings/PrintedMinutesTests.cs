using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Features.Attendance;
using DienHong.Features.Drafting;
using DienHong.Features.Issuing;
using DienHong.Tests.Drafting;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Voting;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Sittings;

/// <summary>
/// The minutes and the vote's result of a sitting linked to 63 sites, printed by LibreOffice and read
/// back with poppler as the office would read them: every site once in the attendance table, no row
/// split across pages, the table's header on every page it reaches, the two signers side by side on
/// the last page with "Nơi nhận". Page images are kept in the artifacts folder.
/// </summary>
public class PrintedMinutesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sitting_at_63_sites_prints_minutes_and_its_result_with_every_site_once_and_the_signers_together()
    {
        if (PrintedPages.Unavailable)
        {
            Assert.Skip(PrintedPages.SkipReason);
        }

        await using var app = new DienHongApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite)) { Settings = { ["Http:SignInsPerMinute"] = "1000" } };
        var sitting = await VotedSitting.RunAsync(app, sites: 63);

        // People checked in at every site, so that each of the 63 has its line in the attendance table.
        await using (var db = app.CreateContext())
        {
            var now = DateTime.UtcNow;
            foreach (var (site, i) in sitting.Data.SiteIds.Select((s, i) => (s, i)))
            {
                db.CheckIns.AddRange(Enumerable.Range(1, 1 + (i % 4)).Select(n => new CheckIn
                {
                    MeetingId = sitting.Data.MeetingId,
                    SiteId = site,
                    Name = $"Khách mời {i:00}-{n}",
                    Address = "Thôn Thử",
                    Method = CheckInMethod.WalkIn,
                    CheckedInAt = now,
                    CheckedInBy = "kỹ thuật",
                    Version = 1,
                }));
            }

            await db.SaveChangesAsync(Token);
        }

        var siteNames = await SiteNamesAsync(app, sitting.Data.MeetingId);
        Assert.Equal(63, siteNames.Count);

        const string secretaryName = "Tòng Thị Phóng";
        var wording = await sitting.Secretariat.GetFromJsonAsync<DocumentWording>(
            $"{sitting.Documents}/wording?kind=Minutes&organizationId={sitting.BodyId}&sittingId={sitting.SittingId}&signers={Uri.EscapeDataString(secretaryName)}", Token);
        var minutes = await sitting.IssueAsync(new IssueRequest(DocumentKind.Minutes, sitting.BodyId, wording, SittingId: sitting.SittingId));
        var minutesPdf = await PrintedPages.PrintAsync("minutes-63-sites", await sitting.Secretariat.GetByteArrayAsync($"/api/documents/{minutes.Id}/file", Token), Token);
        var pages = await PrintedPages.PagesAsync(minutesPdf);
        Assert.True(pages.Count >= 2, $"63 sites run the attendance table over pages ({pages.Count})");

        // Every commune site once, each row on one line of one page ("UBND xã Số 1" is not "… Số 12"), and the header repeated wherever the table goes.
        var lines = await PrintedPages.LinesAsync(minutesPdf);
        var communes = siteNames.Where(n => n.StartsWith("UBND xã", StringComparison.Ordinal)).ToList();
        Assert.Equal(62, communes.Count);
        var rowsOf = communes.ToDictionary(n => n, n => lines.Where(l => Regex.IsMatch(l.Text, Regex.Escape(n) + @"(?!\d)")).ToList());
        Assert.All(rowsOf, row => Assert.True(row.Value.Count == 1, $"{row.Key}: {row.Value.Count} printed lines"));
        var tablePages = rowsOf.Values.Select(rows => rows[0].Page).Distinct().ToList();
        Assert.True(tablePages.Count >= 2, "the attendance table runs over pages");
        Assert.All(tablePages, page => Assert.Contains(lines, l => l.Page == page && l.Text.Contains("ĐIỂM CẦU", StringComparison.Ordinal)));

        // The vote is in the minutes; the secretary and the chair sign side by side, on the last page, with the text's end.
        var all = string.Join("\n", pages);
        Assert.Contains("Hội nghị tiếp xúc cử tri trực tuyến (thử), phiên sáng", all, StringComparison.Ordinal);
        Assert.Contains("KẾT QUẢ BIỂU QUYẾT", all, StringComparison.Ordinal);
        Assert.Contains("Thông qua Nghị quyết về kế hoạch đầu tư công năm 2020", all, StringComparison.Ordinal);
        Assert.Contains(pages[^1].Split('\n'), l => l.Contains(secretaryName, StringComparison.Ordinal) && l.Contains("Lò Văn Mừng", StringComparison.Ordinal));

        // The result document: one page, the counts of all members, the signer with "Nơi nhận".
        var result = await sitting.IssueAsync(new IssueRequest(DocumentKind.VoteResult, sitting.BodyId, MotionId: sitting.Resolution.Id));
        var resultPdf = await PrintedPages.PrintAsync("vote-result-63-sites", await sitting.Secretariat.GetByteArrayAsync($"/api/documents/{result.Id}/file", Token), Token);
        var resultPages = await PrintedPages.PagesAsync(resultPdf);
        var last = resultPages[^1];
        Assert.Contains("Lò Văn Mừng", last, StringComparison.Ordinal);
        Assert.Contains("Nơi nhận:", last, StringComparison.Ordinal);
        Assert.Contains("- Tán thành: 4 (66,67%)", string.Join("\n", resultPages), StringComparison.Ordinal);
        Assert.Single(resultPages);
    }

    private static async Task<List<string>> SiteNamesAsync(DienHongApp app, int meetingId)
    {
        await using var db = app.CreateContext();
        return await db.Sites.Where(s => s.MeetingId == meetingId).Select(s => s.Name).ToListAsync(Token);
    }
}
