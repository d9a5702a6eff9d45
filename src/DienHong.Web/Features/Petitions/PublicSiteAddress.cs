using Microsoft.AspNetCore.Components;

namespace DienHong.Features.Petitions;

/// <summary>
/// Where voters reach Diên Hồng, for the links and QR codes printed on paper: <c>Http:PublicAddress</c>
/// when set (the address the public uses, which may not be the one staff work on), else the current
/// request's scheme, host and path base, else the page's base address in an interactive circuit.
/// Null when none is known (a background job): documents then print no QR code rather than a wrong one.
/// </summary>
public sealed class PublicSiteAddress(IConfiguration configuration, IHttpContextAccessor http, NavigationManager navigation)
{
    public Uri? Base
    {
        get
        {
            if (Uri.TryCreate(configuration["Http:PublicAddress"], UriKind.Absolute, out var configured))
            {
                return configured;
            }

            if (http.HttpContext?.Request is { Host.HasValue: true } request)
            {
                return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
            }

            try
            {
                return new Uri(navigation.BaseUri);
            }
            catch (InvalidOperationException)
            {
                // Not in a component's scope: the navigation manager was never initialized.
                return null;
            }
        }
    }

    /// <summary>The meeting's public page (<see cref="PublicPetitionPages.MeetingUrl(Uri, int)"/>), or null when the address is unknown.</summary>
    public string? MeetingUrl(int meetingId) => Base is { } siteBase ? PublicPetitionPages.MeetingUrl(siteBase, meetingId) : null;
}
