using DienHong.Components;
using DienHong.Data;
using DienHong.Features;
using DienHong.Features.Accounts;
using DienHong.Features.Api;
using DienHong.Features.Demo;
using DienHong.Features.Localization;

var builder = WebApplication.CreateBuilder(DemoSeeder.TranslateArguments(args));

builder.Services.AddDienHongDatabase(builder.Configuration, builder.Environment);
builder.Services.AddDienHongAccounts();
builder.Services.AddDienHongLocalization();
builder.Services.AddDienHongApi();
builder.Services.AddDienHongFeatures(builder.Configuration);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();

await app.Services.PrepareDienHongAsync(app.Configuration);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDienHongLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<CurrentUserMiddleware>();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpenApi("/api/openapi/{documentName}.json");
app.MapDienHongApi();
app.MapDienHongAccountEndpoints();
app.MapDienHongLocalizationEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;
