using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Demo;
using DienHong.Features.Issuing;
using DienHong.Tests.Drafting;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Issuing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DienHong.Tests.Browser;

/// <summary>
/// A secretariat user rewords the notice template of their delegation with the live preview (a wrong
/// field is shown with its line first), issues the notice, and brings it back edited in Word — in Chromium.
/// </summary>
public class PaperworkInTheBrowserTests
{
    private const string NewClosing = "Kính đề nghị các cơ quan, đơn vị bố trí tham dự đầy đủ, đúng thành phần./.";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_secretary_edits_a_template_with_live_preview_and_round_trips_a_document_through_Word(DatabaseProvider provider)
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true));
        var page = session.Page;
        int delegationId, meetingId;
        await using (var db = session.App.CreateContext())
        {
            delegationId = await db.OrganizationTemplates.Where(t => t.BodySymbol == "ĐBQH").Select(t => t.OrganizationId).SingleAsync(TestContext.Current.CancellationToken);
            meetingId = await db.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).Select(m => m.Id).SingleAsync(TestContext.Current.CancellationToken);
        }

        await using (var scope = session.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = "vanthu", FullName = "Trần Thị Văn Thư", OrganizationId = delegationId };
            Assert.True((await users.CreateAsync(user, DienHongApp.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Secretariat);
        }

        await session.SignInAsync("vanthu", DienHongApp.Password);
        await page.GotoAsync("/organizations");
        // The page is interactive once its circuit is up: click until the editor opens.
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("#organizations tr", new() { HasText = "Đoàn đại biểu Quốc hội tỉnh Bình Phước" }).Locator(".template-link").ClickAsync();
            try
            {
                await Assertions.Expect(page.Locator("#wording-kind")).ToBeVisibleAsync(new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }

        await page.SelectOptionAsync("#wording-kind", "Notice");
        var editor = page.Locator("#wording-template");
        // A voter-contact conference's office starts from that kind's notice (the schedule, and how voters send petitions).
        await Assertions.Expect(editor).ToHaveValueAsync(new Regex("thông báo lịch"));
        var source = await editor.InputValueAsync();

        // A field the model does not have: the preview shows the line and the reason.
        var lines = source.TrimEnd('\n').Split('\n').Length;
        await editor.FillAsync(source.TrimEnd('\n') + "\n{{ meeting.chu_toa }}");
        await Assertions.Expect(page.Locator("#wording-errors")).ToContainTextAsync($"Dòng {lines + 1}: không có trường \"meeting.chu_toa\"");
        await session.ScreenshotAsync($"wording-template-error-{provider}");

        await editor.FillAsync(Regex.Replace(source, "^Đề nghị Ủy ban Mặt trận.*$", NewClosing, RegexOptions.Multiline));
        await Assertions.Expect(page.Locator("#wording-preview")).ToContainTextAsync(NewClosing);
        await Assertions.Expect(page.Locator("#wording-preview")).ToContainTextAsync("hội nghị tiếp xúc cử tri trực tuyến");
        await session.ScreenshotAsync($"wording-template-preview-{provider}");
        await page.ClickAsync("#save-wording");
        await Assertions.Expect(page.Locator("#wording-editor .alert.success")).ToBeVisibleAsync();

        // The notice issued from the meeting now says what the office wrote.
        await page.GotoAsync($"/meetings/{meetingId}");
        for (var attempt = 1; ; attempt++)
        {
            await page.ClickAsync("#tab-documents");
            try
            {
                await Assertions.Expect(page.Locator("#document-kind")).ToBeVisibleAsync(new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }

        await page.SelectOptionAsync("#document-kind", "Notice");
        await Assertions.Expect(page.Locator("#document-text")).ToHaveValueAsync(new Regex(Regex.Escape(NewClosing)));
        await page.ClickAsync("#issue-document");
        var row = page.Locator("#issued-documents tbody tr", new() { HasText = "TB-ĐBQH" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        int documentId;
        await using (var db = session.App.CreateContext())
        {
            documentId = await db.IssuedDocuments.Where(d => d.Kind == DocumentKind.Notice).Select(d => d.Id).SingleAsync(TestContext.Current.CancellationToken);
        }

        // Word round trip: download the draft, edit it, upload it back on the same row.
        var draft = await (await page.APIRequest.GetAsync($"/api/documents/{documentId}/file")).BodyAsync();
        Assert.Contains(NewClosing, DocxText.All(draft), StringComparison.Ordinal);
        var edited = WordingTemplatesTests.Edit(draft, "Văn bản đã được Lãnh đạo Đoàn duyệt.");
        var saved = page.Locator(".documents .alert.success", new() { HasText = "phiên bản 2" });
        for (var attempt = 1; ; attempt++)
        {
            await row.Locator(".document-upload").SetInputFilesAsync(new FilePayload { Name = "thong-bao-da-sua.docx", MimeType = DocumentIssuer.DocxType, Buffer = edited });
            try
            {
                await Assertions.Expect(saved).ToBeVisibleAsync(new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }

        await Assertions.Expect(page.Locator("#issued-documents tbody tr", new() { HasText = "TB-ĐBQH" })).ToHaveCountAsync(2);
        await session.ScreenshotAsync($"documents-round-trip-{provider}");
        await using var check = session.App.CreateContext();
        var versions = await check.IssuedDocuments.Where(d => d.Kind == DocumentKind.Notice).OrderBy(d => d.Version).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([(1, VersionSource.Generated), (2, VersionSource.Edited)], versions.Select(v => (v.Version, v.Source)));
        Assert.Contains("Văn bản đã được Lãnh đạo Đoàn duyệt.", DocxText.All(versions[1].Content), StringComparison.Ordinal);
        Assert.Equal(versions[0].Symbol, versions[1].Symbol);
    }
}
