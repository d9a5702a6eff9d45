using System.Net;
using System.Net.Http.Json;
using DienHong.Features.Accounts;
using DienHong.Features.Issuing;
using DienHong.Features.Voting;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Voting;

/// <summary>
/// A running council sitting that has voted through the API: 6 members, 5 delegates present at
/// two sites; an open vote carried 4–1, and a secret ballot electing one of two candidates (4–1),
/// confirmed by the counting committee. The body has a letterhead ("HĐND") to issue with.
/// </summary>
internal sealed record VotedSitting(VotingTestData Data, int SittingId, MotionDto Resolution, MotionDto Election, HttpClient Chair, HttpClient Secretariat, int BodyId)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<VotedSitting> RunAsync(DienHongApp app, int sites = 3)
    {
        var data = await VotingTestData.MeetingAsync(app, members: 6, sites);
        var chair = await app.SignedInClientAsync(Roles.Chair);
        var delegates = (await data.DelegatesAsync(app, 3, data.SiteIds[0])).Concat(await data.DelegatesAsync(app, 2, data.SiteIds[1])).ToList();
        var clients = new List<HttpClient>();
        foreach (var d in delegates)
        {
            clients.Add(await app.SignInAsync(d.UserName, DienHongApp.Password));
        }

        var resolution = await VotingTests.CreateAsync(chair, data, new MotionInput(data.AgendaItemId, "Thông qua Nghị quyết về kế hoạch đầu tư công năm 2020", Documents: "Tờ trình số 12/TTr-UBND"));
        await VotingTests.StepAsync(chair, data, resolution.Id, "open");
        foreach (var (client, choice) in clients.Zip(new[] { "For", "For", "For", "Against", "For" }))
        {
            Assert.Equal(HttpStatusCode.OK, (await VotingTests.VoteAsync(client, data, resolution.Id, choice)).StatusCode);
        }

        resolution = await VotingTests.StepAsync(chair, data, resolution.Id, "close");

        var election = await VotingTests.CreateAsync(chair, data, new MotionInput(data.AgendaItemId, "Bầu Phó Chủ tịch Ủy ban nhân dân tỉnh", MotionKind.Personnel,
            Method: VotingMethod.Secret, BallotKind: BallotKind.Election, Seats: 1, Candidates: ["Lê Thành Đô", "Vừ A Bằng"]));
        await VotingTests.StepAsync(chair, data, election.Id, "open");
        var (first, second) = (election.Candidates[0].Id, election.Candidates[1].Id);
        foreach (var (client, mark) in clients.Zip(new[] { first, first, second, first, first }))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/meetings/{data.MeetingId}/motions/{election.Id}/ballots", new BallotInput([new(mark)]), Token)).StatusCode);
        }

        await VotingTests.StepAsync(chair, data, election.Id, "close");
        election = await VotingTests.StepAsync(chair, data, election.Id, "confirm");

        await using var db = app.CreateContext();
        db.OrganizationTemplates.Add(new OrganizationTemplate
        {
            OrganizationId = data.BodyId,
            ParentBodyName = null,
            IssuingBodyName = "HỘI ĐỒNG NHÂN DÂN\nTỈNH THỬ NGHIỆM",
            BodySymbol = "HĐND",
            Place = "Thử Nghiệm",
            SignerName = "Lò Văn Mừng",
            SignerTitle = "Chủ tịch",
        });
        await db.SaveChangesAsync(Token);
        var sittingId = await db.Sittings.Where(s => s.MeetingId == data.MeetingId).Select(s => s.Id).SingleAsync(Token);
        var secretariat = await app.SignedInClientAsync(Roles.Secretariat);
        return new VotedSitting(data, sittingId, resolution, election, chair, secretariat, data.BodyId);
    }

    public string Documents => $"/api/meetings/{Data.MeetingId}/documents";

    public async Task<IssuedDocumentDto> IssueAsync(IssueRequest request)
    {
        var response = await Secretariat.PostAsJsonAsync(Documents, request, Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
        return (await response.Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!;
    }
}
