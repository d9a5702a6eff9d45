using DienHong.Components;
using DienHong.Data;
using DienHong.Features;
using DienHong.Features.Accounts;
using DienHong.Features.Api;
using DienHong.Features.Demo;
using DienHong.Features.Live;
using DienHong.Features.Localization;
using DienHong.Features.Security;

var builder = WebApplication.CreateBuilder(DemoSeeder.TranslateArguments(args));

builder.Services.AddDienHongDatabase(builder.Configuration, builder.Environment);
builder.Services.AddDienHongAccounts();
builder.Services.AddDienHongLocalization();
builder.Services.AddDienHongApi();
builder.Services.AddDienHongFeatures(builder.Configuration);
builder.Services.AddDienHongSecurity(builder.Configuration);
builder.Services.AddDienHongLive(builder.Configuration);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddDienHongCircuitRevalidation();

var app = builder.Build();

await app.Services.PrepareDienHongAsync(app.Configuration);

app.UseDienHongSecurity();
// Localization before the exception handler, so that error pages and problem documents speak the user's language too.
app.UseDienHongLocalization();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseMiddleware<CurrentUserMiddleware>();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpenApi("/api/openapi/{documentName}.json");
app.MapDienHongApi();
app.MapDienHongAccountEndpoints();
app.MapDienHongLocalizationEndpoints();
app.MapDienHongLive();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;
