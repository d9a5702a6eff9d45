using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Drafting;
using DienHong.Features.Issuing;
using DienHong.Features.Voting;
using DienHong.Tests.Api;
using DienHong.Tests.Drafting;
using DienHong.Tests.Infrastructure;

namespace DienHong.Tests.Voting;

/// <summary>A vote's results document issued through the register, and an open vote's named list as XLSX, on both databases.</summary>
public class ResultDocumentTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_open_votes_result_and_a_secret_ballots_counting_record_are_issued_in_the_decree_30_layout_with_counts_of_all_members(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Http:SignInsPerMinute"] = "1000" } };
        var sitting = await VotedSitting.RunAsync(app);

        var result = await sitting.IssueAsync(new IssueRequest(DocumentKind.VoteResult, sitting.BodyId, MotionId: sitting.Resolution.Id));
        Assert.Equal("01/KQ-HĐND", result.Symbol);
        var resultDocx = await sitting.Secretariat.GetByteArrayAsync($"/api/documents/{result.Id}/file", Token);
        Assert.Empty(DocxText.ValidationErrors(resultDocx));
        var resultText = DocxText.Paragraphs(resultDocx);
        foreach (var expected in new[]
        {
            "KẾT QUẢ BIỂU QUYẾT", "Thông qua Nghị quyết về kế hoạch đầu tư công năm 2020", "Tờ trình số 12/TTr-UBND", "Tổng số đại biểu: 6; có mặt khi bắt đầu biểu quyết: 5",
            "- Tán thành: 4 (66,67%)", "- Không tán thành: 1 (16,67%)", "- Không biểu quyết: 0 (0,00%)", "- Số đại biểu tham gia biểu quyết: 5 (83,33%)",
            "Thông qua (cần 4 phiếu tán thành, quá nửa tổng số đại biểu).", "Nơi nhận:",
        })
        {
            Assert.True(resultText.IndexOfContaining(expected) >= 0, $"{expected} not in: {string.Join(" | ", resultText)}");
        }

        // The counting record names its committee (head first) and is a biên bản: the same book as the minutes.
        var wording = await sitting.Secretariat.GetFromJsonAsync<DocumentWording>(
            $"{sitting.Documents}/wording?kind=CountingRecord&organizationId={sitting.BodyId}&motionId={sitting.Election.Id}&signers=Quàng Văn Hải&signers=Lường Thị Mai&signers=Cà Văn Pọm", Token);
        Assert.Contains("Ban kiểm phiếu gồm: Quàng Văn Hải (Trưởng ban); Lường Thị Mai; Cà Văn Pọm", wording!.Text, StringComparison.Ordinal);
        var minutes = await sitting.IssueAsync(new IssueRequest(DocumentKind.Minutes, sitting.BodyId, SittingId: sitting.SittingId));
        var counting = await sitting.IssueAsync(new IssueRequest(DocumentKind.CountingRecord, sitting.BodyId, wording, MotionId: sitting.Election.Id));
        Assert.Equal(("01/BB-HĐND", "02/BB-HĐND"), (minutes.Symbol, counting.Symbol));
        var countingDocx = await sitting.Secretariat.GetByteArrayAsync($"/api/documents/{counting.Id}/file", Token);
        Assert.Empty(DocxText.ValidationErrors(countingDocx));
        var countingText = DocxText.All(countingDocx);
        foreach (var expected in new[]
        {
            "BIÊN BẢN KIỂM PHIẾU", "Bầu Phó Chủ tịch Ủy ban nhân dân tỉnh", "Số phiếu thu vào: 5 (83,33%)", "Số phiếu hợp lệ: 5 (83,33%)", "Số phiếu không hợp lệ: 0 (0,00%)",
            "Lê Thành Đô: 4 (66,67%) — trúng cử", "Vừ A Bằng: 1 (16,67%)", "Trúng cử: Lê Thành Đô.", "TRƯỞNG BAN KIỂM PHIẾU", "Quàng Văn Hải", "Lường Thị Mai; Cà Văn Pọm",
        })
        {
            Assert.Contains(expected, countingText, StringComparison.Ordinal);
        }

        // Counts only: no delegate's name in a secret ballot's record.
        Assert.DoesNotContain("Đại biểu 00", countingText, StringComparison.Ordinal);

        // The wrong kind for the vote, an unknown vote, a vote not yet announced: a clear message, no number taken.
        await Problems.AssertVietnameseAsync(await sitting.Secretariat.PostAsJsonAsync(sitting.Documents, new IssueRequest(DocumentKind.CountingRecord, sitting.BodyId, MotionId: sitting.Resolution.Id), Token), HttpStatusCode.BadRequest, "Kind");
        await Problems.AssertVietnameseAsync(await sitting.Secretariat.PostAsJsonAsync(sitting.Documents, new IssueRequest(DocumentKind.VoteResult, sitting.BodyId, MotionId: sitting.Election.Id), Token), HttpStatusCode.BadRequest, "Kind");
        await Problems.AssertVietnameseAsync(await sitting.Secretariat.PostAsJsonAsync(sitting.Documents, new IssueRequest(DocumentKind.VoteResult, sitting.BodyId, MotionId: 999_999), Token), HttpStatusCode.BadRequest, "MotionId");
        var draft = await VotingTests.CreateAsync(sitting.Chair, sitting.Data, new MotionInput(sitting.Data.AgendaItemId, "Thông qua Nghị quyết về biên chế"));
        var notYet = await Problems.AssertVietnameseAsync(await sitting.Secretariat.PostAsJsonAsync(sitting.Documents, new IssueRequest(DocumentKind.VoteResult, sitting.BodyId, MotionId: draft.Id), Token), HttpStatusCode.BadRequest, "MotionId");
        Assert.Contains("chưa có kết quả được công bố", notYet, StringComparison.Ordinal);
        var listed = await sitting.Secretariat.GetFromJsonAsync<List<IssuedDocumentDto>>(sitting.Documents, Token);
        Assert.Equal(3, listed!.Count);

        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await File.WriteAllBytesAsync(Path.Combine(folder.FullName, $"ket-qua-bieu-quyet-{provider}.docx"), resultDocx, Token);
        await File.WriteAllBytesAsync(Path.Combine(folder.FullName, $"bien-ban-kiem-phieu-{provider}.docx"), countingDocx, Token);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_open_votes_named_list_exports_as_xlsx_for_the_chair_and_never_for_a_secret_ballot(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Http:SignInsPerMinute"] = "1000" } };
        var sitting = await VotedSitting.RunAsync(app);
        var motions = $"/api/meetings/{sitting.Data.MeetingId}/motions";

        var response = await sitting.Chair.GetAsync($"{motions}/{sitting.Resolution.Id}/named-list.xlsx", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xlsx = await response.Content.ReadAsByteArrayAsync(Token);
        Assert.Empty(DocxText.ValidationErrors(xlsx, spreadsheet: true));
        var text = DocxText.SpreadsheetText(xlsx);
        Assert.Contains("Đại biểu 001", text, StringComparison.Ordinal);
        Assert.Contains("Đại biểu 005", text, StringComparison.Ordinal);
        Assert.Equal(4, text.Split("Tán thành").Length - 1);
        Assert.Contains("Không tán thành", text, StringComparison.Ordinal);

        var secret = await Problems.AssertVietnameseAsync(await sitting.Chair.GetAsync($"{motions}/{sitting.Election.Id}/named-list.xlsx", Token), HttpStatusCode.BadRequest, "MotionId");
        Assert.Contains("bỏ phiếu kín", secret, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await sitting.Chair.GetAsync($"{motions}/999999/named-list.xlsx", Token)).StatusCode);
        var viewer = await app.SignedInClientAsync(DienHong.Features.Accounts.Roles.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"{motions}/{sitting.Resolution.Id}/named-list.xlsx", Token)).StatusCode);
    }
}
