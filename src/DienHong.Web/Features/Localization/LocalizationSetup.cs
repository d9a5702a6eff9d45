using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;

namespace DienHong.Features.Localization;

public static class LocalizationSetup
{
    public const string Vietnamese = "vi-VN";
    public const string English = "en";
    private static readonly CultureInfo[] Supported = [new(Vietnamese), new(English)];

    public static IServiceCollection AddDienHongLocalization(this IServiceCollection services)
    {
        // Vietnamese letters go out as themselves, not as &#x...; entities (markup is still escaped).
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services.AddLocalization();
    }

    public static IApplicationBuilder UseDienHongLocalization(this IApplicationBuilder app) =>
        app.UseRequestLocalization(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Vietnamese);
            options.SupportedCultures = Supported;
            options.SupportedUICultures = Supported;
            // Only the user's explicit choice (cookie, or ?culture= for links) changes the language:
            // Vietnamese is the default whatever the browser says.
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

    public static IEndpointRouteBuilder MapDienHongLocalizationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext http) =>
        {
            var culture = name == English ? English : Vietnamese;
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            // Only a path on this site, by the framework's own test ("//host", "/\\host", control characters refused).
            return TypedResults.LocalRedirect(RedirectHttpResult.IsLocalUrl(returnUrl) && returnUrl is ['/', ..] ? returnUrl : "~/");
        }).AllowAnonymous();
        return app;
    }
}
