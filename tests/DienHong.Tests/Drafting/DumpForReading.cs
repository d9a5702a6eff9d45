namespace DienHong.Tests.Drafting;

public class DumpForReading(DemoDocuments demo) : IClassFixture<DemoDocuments>
{
    [Fact]
    public void Dump()
    {
        File.WriteAllBytes("/tmp/out/plan.docx", demo.Plan());
        File.WriteAllBytes("/tmp/out/letter.docx", demo.Letter());
        File.WriteAllBytes("/tmp/out/notice.docx", demo.Notice());
        File.WriteAllBytes("/tmp/out/invitations.docx", demo.Invitations());
        File.WriteAllBytes("/tmp/out/minutes.docx", demo.Minutes());
        File.WriteAllBytes("/tmp/out/backdrop.docx", demo.Backdrop(demo.Conference));
        File.WriteAllText("/tmp/out/plan.txt", DocxText.All(demo.Plan()));
        File.WriteAllText("/tmp/out/letter.txt", DocxText.All(demo.Letter()));
    }
}

public class DumpUnlike
{
    [Fact]
    public async Task Dump()
    {
        await using var m = new UnlikeMeetings();
        await m.InitializeAsync();
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(m.App.Services);
        var issuer = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Features.Issuing.DocumentIssuer>(scope.ServiceProvider);
        foreach (var (name, id, org) in new[] { ("session", m.SessionId, m.CouncilId), ("national", m.NationalId, m.StandingCommitteeId), ("empty", m.EmptyId, m.CouncilId) })
        {
            foreach (var kind in new[] { Features.Issuing.DocumentKind.Plan, Features.Issuing.DocumentKind.Letter, Features.Issuing.DocumentKind.Notice, Features.Issuing.DocumentKind.Invitation })
            {
                try
                {
                    var docx = await issuer.DraftDocxAsync(id, kind, org, null, new DateOnly(2025, 11, 20), null, TestContext.Current.CancellationToken);
                    File.WriteAllBytes($"/tmp/out/{name}-{kind}.docx", docx);
                    File.WriteAllText($"/tmp/out/{name}-{kind}.txt", DocxText.All(docx));
                }
                catch (Exception e)
                {
                    File.WriteAllText($"/tmp/out/{name}-{kind}.txt", e.ToString());
                }
            }
        }
    }
}
