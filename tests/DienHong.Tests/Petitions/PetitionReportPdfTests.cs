using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Features.Drafting;
using DienHong.Features.Petitions;
using DienHong.Tests.Infrastructure;

namespace DienHong.Tests.Petitions;

/// <summary>The summary report as PDF (through LibreOffice): its Vietnamese text survives, grouped with counts, and page 1 is kept as a PNG to look at.</summary>
public class PetitionReportPdfTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_summary_report_renders_to_a_PDF_grouped_by_competence_and_field_with_counts(DatabaseProvider provider)
    {
        if (!PdfConverter.IsAvailable && Environment.GetEnvironmentVariable("CI") is null)
        {
            Assert.Skip("LibreOffice (soffice) is not installed: PDF conversion skipped. Install libreoffice-writer to run it.");
        }

        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var scene = await PetitionScene.CreateAsync(app);
        var road = await scene.RecordAsync(scene.SiteA, "Tuyến đường ĐT741 đoạn qua ấp 2 xuống cấp, nhiều ổ gà, đề nghị sửa chữa.", "Nguyễn Văn Hải");
        var clinic = await scene.RecordAsync(scene.SiteB, "Trạm y tế xã Đức Liễu thiếu bác sĩ và thuốc điều trị.", "Trần Thị Mai");
        await scene.RecordAsync(scene.SiteB, "Đề nghị sớm chi trả chế độ cho người có công ở xã Đức Liễu.", "Điểu Thị Bé");
        await PetitionScene.PutAsync<RecommendationDto>(scene.Secretariat, scene.Url($"recommendations/{road.RecommendationId}/classification"), new ClassificationInput(4, CompetenceLevel.Province, scene.Roads, null));
        await PetitionScene.PutAsync<RecommendationDto>(scene.Secretariat, scene.Url($"recommendations/{clinic.RecommendationId}/classification"), new ClassificationInput(2, CompetenceLevel.Central, null, null));

        // LibreOffice on a busy machine may need more than HttpClient's default 100 s.
        using var patient = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        patient.Timeout = TimeSpan.FromMinutes(5);
        Assert.True((await patient.PostAsJsonAsync("/api/account/login", new Features.Accounts.SignInRequest(await app.CreateUserAsync(Features.Accounts.Roles.Secretariat), DienHongApp.Password), Token)).IsSuccessStatusCode);
        var response = await patient.GetAsync(scene.Url("petitions/report.pdf"), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var file = Path.Combine(BrowserSession.ArtifactsFolder, $"petitions-report-{provider}.pdf");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(Token), Token);

        // Lines wrap where the page ends them: compare with single spaces.
        var text = Regex.Replace(await Drafting.PdfOutputTests.RunAsync("pdftotext", $"\"{file}\" -"), @"\s+", " ");
        Assert.Contains("KIẾN NGHỊ THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA TỈNH (1 kiến nghị)", text, StringComparison.Ordinal);
        Assert.Contains("Lĩnh vực Giao thông (1 kiến nghị)", text, StringComparison.Ordinal);
        Assert.Contains("Lĩnh vực Y tế (1 kiến nghị)", text, StringComparison.Ordinal);
        Assert.Contains("Tổng số 3 ý kiến của cử tri", text, StringComparison.Ordinal);
        Assert.Contains("ổ gà", text, StringComparison.Ordinal);
        Assert.Contains("Đức Liễu", text, StringComparison.Ordinal);
        await Drafting.PdfOutputTests.RunAsync("pdftoppm", $"-png -r 60 -f 1 -l 1 -singlefile \"{file}\" \"{Path.ChangeExtension(file, null)}\"");
        Assert.True(new FileInfo(Path.ChangeExtension(file, ".png")).Length > 10_000);
    }
}
