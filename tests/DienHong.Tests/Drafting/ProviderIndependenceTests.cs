using DienHong.Data;

namespace DienHong.Tests.Drafting;

public class ProviderIndependenceTests
{
    [Fact]
    public async Task The_same_meeting_gives_the_same_documents_from_SQLite_and_PostgreSQL()
    {
        await using var sqlite = new DemoDocuments { Provider = DatabaseProvider.Sqlite };
        await using var postgres = new DemoDocuments { Provider = DatabaseProvider.PostgreSql };
        await sqlite.InitializeAsync();
        await postgres.InitializeAsync();

        Assert.Equal(DocxText.Paragraphs(sqlite.Plan()), DocxText.Paragraphs(postgres.Plan()));
        Assert.Equal(DocxText.Paragraphs(sqlite.Letter()), DocxText.Paragraphs(postgres.Letter()));
        Assert.Equal(DocxText.Paragraphs(sqlite.Notice()), DocxText.Paragraphs(postgres.Notice()));
    }
}
