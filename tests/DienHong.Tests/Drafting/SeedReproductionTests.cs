using DienHong.Data;
using DienHong.Tests.Infrastructure;

namespace DienHong.Tests.Drafting;

/// <summary>
/// The demo rebuilds the two originals in shared/seeds from its data and the shipped templates:
/// at least 95% of each original's words come out in order, on both databases; what differs is listed.
/// </summary>
public class SeedReproductionTests(ITestOutputHelper output)
{
    private static string Seed(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(folder.FullName, "shared", "seeds", name), Path.Combine(folder.FullName, "..", "shared", "seeds", name) })
            {
                if (File.Exists(candidate))
                {
                    return File.ReadAllText(candidate);
                }
            }
        }

        throw new FileNotFoundException($"seed {name} not found above {AppContext.BaseDirectory}");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_rebuilds_the_plan_and_the_letter_of_the_seeds(DatabaseProvider provider)
    {
        await using var demo = new DemoDocuments { Provider = provider };
        await demo.InitializeAsync();

        var plan = WordSequence.Compare(Seed("002_plan_voter_contact_conference.txt"), DocxText.All(demo.Plan()));
        var letter = WordSequence.Compare(Seed("004_letter_online_council_session.txt"), DocxText.All(demo.Letter()));
        output.WriteLine($"{provider} plan 62/KH-ĐBQH: {plan}");
        output.WriteLine($"{provider} letter 51/HĐND-VP: {letter}");

        Assert.True(plan.Reproduced >= 0.95, "plan: " + plan);
        Assert.True(letter.Reproduced >= 0.95, "letter: " + letter);
    }
}
