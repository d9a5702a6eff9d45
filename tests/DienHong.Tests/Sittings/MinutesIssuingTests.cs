using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Drafting;
using DienHong.Features.Floor;
using DienHong.Features.Issuing;
using DienHong.Tests.Api;
using DienHong.Tests.Drafting;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Voting;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Sittings;

/// <summary>The minutes of a sitting from its whole record — speakers, written speeches, votes — edited and issued through the register, on both databases.</summary>
public class MinutesIssuingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Minutes_carry_the_speakers_written_speeches_and_vote_results_and_are_issued_edited_through_the_register(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Http:SignInsPerMinute"] = "1000" } };
        var sitting = await VotedSitting.RunAsync(app);
        var data = sitting.Data;
        var now = DateTime.UtcNow;
        await using (var db = app.CreateContext())
        {
            FloorRequest Speech(string name, string? address, int site, DateTime? started, int? seconds, string? written = null) => new()
            {
                MeetingId = data.MeetingId,
                AgendaItemId = data.AgendaItemId,
                SiteId = site,
                PersonKey = "v:" + name,
                Name = name,
                Address = address,
                RequestedBy = "kt",
                RequestedAt = now.AddMinutes(-25),
                State = written is null ? FloorRequestState.Done : FloorRequestState.NotReached,
                Turn = started is null ? 0 : 1,
                StartedAt = started,
                EndedAt = started?.AddSeconds(seconds ?? 0),
                SpokenSeconds = seconds,
                WrittenSpeech = written,
                WrittenAt = written is null ? null : now.AddMinutes(-1),
            };
            db.FloorRequests.AddRange(
                Speech("Nguyễn Văn Tới", "thôn 3", data.SiteIds[1], now.AddMinutes(-20), 7 * 60 + 5),
                Speech("Trần Thị Lan", null, data.SiteIds[0], now.AddMinutes(-12), 150),
                Speech("Hà Văn Sáng", "bản Mới", data.SiteIds[2], null, null, "Đề nghị sớm làm đường vào bản Mới."),
                // Spoken the day before: another sitting's.
                Speech("Người phiên trước", null, data.SiteIds[0], now.AddDays(-1), 60));
            await db.SaveChangesAsync(Token);
        }

        // The draft wording, with the secretary named; the secretariat edits it before issuing.
        var draft = await sitting.Secretariat.GetFromJsonAsync<DocumentWording>(
            $"{sitting.Documents}/wording?kind=Minutes&organizationId={sitting.BodyId}&sittingId={sitting.SittingId}&signers=Nguyễn Thị Thu", Token);
        Assert.Equal(["Nguyễn Thị Thu"], draft!.Signers);
        Assert.Contains("Thư ký: Nguyễn Thị Thu.", draft.Text, StringComparison.Ordinal);
        Assert.Contains("Đại biểu có mặt: 5/6 đại biểu.", draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Người phiên trước", draft.Text, StringComparison.Ordinal);
        var edited = draft with { Text = draft.Text + "\nKỳ họp đã hoàn thành nội dung phiên sáng." };

        // The minutes need their sitting; a sitting of another meeting is not one.
        await Problems.AssertVietnameseAsync(await sitting.Secretariat.PostAsJsonAsync(sitting.Documents, new IssueRequest(DocumentKind.Minutes, sitting.BodyId, edited), Token), HttpStatusCode.BadRequest, "SittingId");
        await Problems.AssertVietnameseAsync(await sitting.Secretariat.PostAsJsonAsync(sitting.Documents, new IssueRequest(DocumentKind.Minutes, sitting.BodyId, edited, SittingId: 999_999), Token), HttpStatusCode.BadRequest, "SittingId");
        var issued = await sitting.IssueAsync(new IssueRequest(DocumentKind.Minutes, sitting.BodyId, edited, SittingId: sitting.SittingId));
        Assert.Equal(("01/BB-HĐND", 1), (issued.Symbol, issued.Version));

        var docx = await sitting.Secretariat.GetByteArrayAsync($"/api/documents/{issued.Id}/file", Token);
        Assert.Empty(DocxText.ValidationErrors(docx));
        var text = DocxText.All(docx);
        foreach (var expected in new[]
        {
            "BIÊN BẢN", "Số: 01/BB-HĐND", "PHÁT BIỂU", "Nguyễn Văn Tới (thôn 3)", "7 phút 5 giây", "Trần Thị Lan", "2 phút 30 giây", "UBND xã Số 2",
            "Ý KIẾN GỬI BẰNG VĂN BẢN", "Hà Văn Sáng (bản Mới)", "Đề nghị sớm làm đường vào bản Mới.",
            "KẾT QUẢ BIỂU QUYẾT", "Thông qua Nghị quyết về kế hoạch đầu tư công năm 2020", "Tán thành: 4 (66,67%)", "Không tán thành: 1 (16,67%)", "Thông qua (cần 4 phiếu tán thành",
            "Bầu Phó Chủ tịch Ủy ban nhân dân tỉnh", "Bỏ phiếu kín (bầu)", "Số phiếu hợp lệ: 5 (83,33%)", "Lê Thành Đô: 4 (66,67%) — trúng cử", "Trúng cử: Lê Thành Đô.",
            "Kỳ họp đã hoàn thành nội dung phiên sáng.", "THƯ KÝ", "Nguyễn Thị Thu",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Người phiên trước", text, StringComparison.Ordinal);
        // A secret ballot shows counts only: no delegate's name near it.
        Assert.DoesNotContain("Đại biểu 00", text, StringComparison.Ordinal);

        // A correction keeps the number and the secretary; the next biên bản takes the next number.
        var corrected = await sitting.Secretariat.PostAsJsonAsync($"/api/documents/{issued.Id}/versions", new DocumentWording(edited.Text.Replace("phiên sáng", "phiên sáng ngày 14/4", StringComparison.Ordinal)), Token);
        var version = (await corrected.Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!;
        Assert.Equal(("01/BB-HĐND", 2), (version.Symbol, version.Version));
        var correctedText = DocxText.All(await sitting.Secretariat.GetByteArrayAsync($"/api/documents/{version.Id}/file", Token));
        Assert.Contains("phiên sáng ngày 14/4", correctedText, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Thị Thu", correctedText, StringComparison.Ordinal);
        var again = await sitting.IssueAsync(new IssueRequest(DocumentKind.Minutes, sitting.BodyId, SittingId: sitting.SittingId));
        Assert.Equal("02/BB-HĐND", again.Symbol);

        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await File.WriteAllBytesAsync(Path.Combine(folder.FullName, $"bien-ban-phien-ban-hanh-{provider}.docx"), docx, Token);
    }
}
