namespace DienHong.Features.Petitions;

/// <summary>What the public petition form posts.</summary>
public sealed class PublicPetitionForm
{
    public string? Content { get; set; }
    public string? VoterName { get; set; }
    public string? VoterAddress { get; set; }

    /// <summary>The honeypot.</summary>
    public string? Website { get; set; }
}

/// <summary>
/// The public pages' addresses and the QR code that leads voters to a meeting's page (shown on it,
/// on the backdrop and the invitations). Build every link and QR code to these pages here, so the
/// printed codes and the routes cannot drift apart (a test opens the built address).
/// </summary>
public static class PublicPetitionPages
{
    /// <summary>The meeting's public page, relative to the site's base ("cong-khai/hoi-nghi/12").</summary>
    public static string MeetingPath(int meetingId) => $"cong-khai/hoi-nghi/{meetingId}";

    /// <summary>
    /// The meeting's public page as an absolute address for a QR code or a printed link:
    /// <paramref name="siteBase"/> is where Diên Hồng is served (NavigationManager.BaseUri in a
    /// component, the request's scheme, host and path base in an endpoint), with or without a path.
    /// </summary>
    public static string MeetingUrl(Uri siteBase, int meetingId) => new Uri(WithTrailingSlash(siteBase), MeetingPath(meetingId)).AbsoluteUri;

    /// <summary>As above, the base taken from the request (forwarded headers applied: the proxy's public host).</summary>
    public static string MeetingUrl(HttpRequest request, int meetingId) =>
        MeetingUrl(new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/"), meetingId);

    /// <summary>The page where a voter follows a petition by its tracking code.</summary>
    public static string TrackingPath(string code) => $"cong-khai/theo-doi?ma={Uri.EscapeDataString(code)}";

    private static Uri WithTrailingSlash(Uri siteBase) =>
        siteBase.AbsoluteUri.EndsWith('/') ? siteBase : new Uri(siteBase.AbsoluteUri + "/");

    public static byte[] QrPng(string url) => Drafting.DocxImage.QrPng(url);

    public static string QrDataUrl(string url) => "data:image/png;base64," + Convert.ToBase64String(QrPng(url));
}
