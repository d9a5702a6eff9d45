using System.Text;
using DienHong.Data;
using DienHong.Features.Issuing;
using DienHong.Features.Organizations;
using DienHong.Features.Validation;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Issuing;

public class DocumentRegisterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static OrganizationTemplate Delegation(int organizationId) => new()
    {
        OrganizationId = organizationId,
        IssuingBodyName = "ĐOÀN ĐẠI BIỂU QUỐC HỘI TỈNH BÌNH PHƯỚC",
        BodySymbol = "ĐBQH",
        DraftingUnitSymbol = "VP",
        Place = "Bình Phước",
    };

    private static IssuedDocument Draft(int organizationId, DocumentKind kind, int year = 2021) => new()
    {
        OrganizationId = organizationId,
        Kind = kind,
        Year = year,
        Title = "Kế hoạch tiếp xúc cử tri",
        IssuedOn = new DateOnly(year, 11, 9),
        IssuedAt = DateTime.UtcNow,
        IssuedBy = "thuky",
        FileName = "ke-hoach.docx",
        ContentType = "application/octet-stream",
        Content = [],
    };

    private static async Task<int> AddOrganizationAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var organization = new Organization { Name = "Đoàn ĐBQH tỉnh Bình Phước", Kind = OrganizationKind.ElectedBody };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(Token);
        return organization.Id;
    }

    [Theory]
    [InlineData(DocumentKind.Plan, 62, "62/KH-ĐBQH")]
    [InlineData(DocumentKind.Plan, 5, "05/KH-ĐBQH")]
    [InlineData(DocumentKind.Letter, 51, "51/ĐBQH-VP")]
    [InlineData(DocumentKind.Invitation, 1, "01/GM-ĐBQH")]
    [InlineData(DocumentKind.Notice, 120, "120/TB-ĐBQH")]
    public void Symbols_follow_the_decree(DocumentKind kind, int number, string expected) =>
        Assert.Equal(expected, DocumentRegister.Symbol(kind, number, Delegation(1)));

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_issuers_never_get_the_same_number(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var organizationId = await AddOrganizationAsync(database);
        var template = Delegation(organizationId);
        const int Issuers = 12;

        var issued = await Task.WhenAll(Enumerable.Range(0, Issuers).Select(_ => Task.Run(() =>
            DocumentRegister.IssueAsync(database.Factory, Draft(organizationId, DocumentKind.Plan), template,
                (number, symbol) => Encoding.UTF8.GetBytes($"Số: {symbol}"), Token), Token)));

        Assert.Equal(Enumerable.Range(1, Issuers), issued.Select(d => d.Number!.Value).Order());
        Assert.All(issued, d => Assert.Equal($"Số: {d.Symbol}", Encoding.UTF8.GetString(d.Content)));
        await using var db = database.CreateContext();
        Assert.Equal(Issuers, await db.IssuedDocuments.Select(d => d.Number).Distinct().CountAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Numbering_is_per_kind_and_restarts_each_year(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var organizationId = await AddOrganizationAsync(database);
        var template = Delegation(organizationId);
        byte[] Render(int n, string s) => [];

        var plan2021 = await DocumentRegister.IssueAsync(database.Factory, Draft(organizationId, DocumentKind.Plan), template, Render, Token);
        var secondPlan2021 = await DocumentRegister.IssueAsync(database.Factory, Draft(organizationId, DocumentKind.Plan), template, Render, Token);
        var letter2021 = await DocumentRegister.IssueAsync(database.Factory, Draft(organizationId, DocumentKind.Letter), template, Render, Token);
        var plan2022 = await DocumentRegister.IssueAsync(database.Factory, Draft(organizationId, DocumentKind.Plan, 2022), template, Render, Token);

        Assert.Equal(["01/KH-ĐBQH", "02/KH-ĐBQH", "01/ĐBQH-VP", "01/KH-ĐBQH"], new[] { plan2021, secondPlan2021, letter2021, plan2022 }.Select(d => d.Symbol));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_issued_document_is_immutable_and_a_correction_is_a_new_version(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var organizationId = await AddOrganizationAsync(database);
        var first = await DocumentRegister.IssueAsync(database.Factory, Draft(organizationId, DocumentKind.Plan), Delegation(organizationId), (_, s) => Encoding.UTF8.GetBytes("v1 " + s), Token);

        await using (var db = database.CreateContext())
        {
            var stored = await db.IssuedDocuments.SingleAsync(Token);
            stored.Content = Encoding.UTF8.GetBytes("sửa lén");
            var error = await Assert.ThrowsAsync<RuleViolationException>(() => db.SaveChangesAsync(Token));
            Assert.Contains("01/KH-ĐBQH đã ban hành, không được sửa", error.Message);
        }

        var second = await DocumentRegister.IssueNewVersionAsync(database.Factory, first, Draft(organizationId, DocumentKind.Plan), (_, s) => Encoding.UTF8.GetBytes("v2 " + s), Token);

        await using var check = database.CreateContext();
        var versions = await check.IssuedDocuments.OrderBy(d => d.Version).ToListAsync(Token);
        Assert.Equal([(1, "v1 01/KH-ĐBQH"), (2, "v2 01/KH-ĐBQH")], versions.Select(d => (d.Version, Encoding.UTF8.GetString(d.Content))));
        Assert.Equal(first.Number, second.Number);
    }
}
