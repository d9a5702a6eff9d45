using QRCoder;

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

/// <summary>The QR code that leads voters to a meeting's public page (shown on it, on the backdrop and the invitations).</summary>
public static class PublicPetitionPages
{
    public static string MeetingPath(int meetingId) => $"cong-khai/hoi-nghi/{meetingId}";

    public static byte[] QrPng(string url)
    {
        using var generator = new QRCodeGenerator();
        return new PngByteQRCode(generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M)).GetGraphic(6);
    }

    public static string QrDataUrl(string url) => "data:image/png;base64," + Convert.ToBase64String(QrPng(url));
}
