using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DienHong.Tests.Infrastructure;

/// <summary>
/// The platform on a real Kestrel port and Debian's Chromium driven by Playwright (no browser
/// download: the system browser through ExecutablePath). Screenshots go to TestResults/artifacts.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? playwright;
    private IBrowser? browser;

    private BrowserSession(DienHongApp app) => App = app;

    public DienHongApp App { get; }
    public IPage Page { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public static string ArtifactsFolder { get; } =
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "artifacts")).FullName;

    // fakeCamera: a Y4M video file the browser's camera shows instead of a device (written before a page opens the camera).
    public static async Task<BrowserSession> StartAsync(DienHongApp app, string? fakeCamera = null)
    {
        if (!File.Exists(ChromiumPath) && Environment.GetEnvironmentVariable("CI") is null)
        {
            Assert.Skip($"Chromium not found at {ChromiumPath}: browser test skipped. Install Debian's chromium to run it.");
        }

        var session = new BrowserSession(app);
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        session.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        session.playwright = await Playwright.CreateAsync();
        session.browser = await session.playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine has no internet: background services would only fail and slow the start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                .. fakeCamera is null ? Array.Empty<string>() : ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-video-capture={fakeCamera}"]],
        });
        var context = await session.browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = session.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "vi-VN",
        });
        // Generous: on a 2-core machine the browser shares the CPU with the rest of the test run.
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        session.Page = await context.NewPageAsync();
        return session;
    }

    /// <summary>Signs in through the sign-in page and waits for the meeting list.</summary>
    public Task SignInAsync(string userName, string password) => SignInAsync(Page, userName, password);

    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button:has-text('Đăng nhập')");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/meetings$"));
    }

    /// <summary>A second person in their own browser context (own cookies), e.g. on a phone-sized screen.</summary>
    public async Task<IPage> NewPersonAsync(int width = 1366, int height = 900, bool mobile = false)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = mobile,
            HasTouch = mobile,
            Locale = "vi-VN",
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public Task<string> ScreenshotAsync(string name) => ScreenshotAsync(Page, name);

    public static async Task<string> ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var path = Path.Combine(ArtifactsFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
    }
}
