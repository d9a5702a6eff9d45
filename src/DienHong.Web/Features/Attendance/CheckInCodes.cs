using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace DienHong.Features.Attendance;

/// <summary>
/// The code an invitation's QR carries: "meeting:participant" protected (encrypted and signed) by
/// the app's Data Protection key ring, which every node shares through the database. Only this
/// app can make one, and any change to it makes it unreadable.
/// </summary>
public static class CheckInCodes
{
    private const string Purpose = "DienHong.CheckIn";

    /// <summary>Longer than any code this app makes: refused before any decryption is tried.</summary>
    private const int MaxLength = 1000;

    public static string Create(IDataProtectionProvider protection, int meetingId, int participantId) =>
        protection.CreateProtector(Purpose).Protect(string.Create(CultureInfo.InvariantCulture, $"{meetingId}:{participantId}"));

    /// <summary>The meeting and participant a code names, or null when this app did not make it (forged, altered, mistyped).</summary>
    public static (int MeetingId, int ParticipantId)? Read(IDataProtectionProvider protection, string? code)
    {
        var text = code?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return null;
        }

        string plain;
        try
        {
            plain = protection.CreateProtector(Purpose).Unprotect(text);
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return null;
        }

        var parts = plain.Split(':');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var meetingId)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var participantId)
                ? (meetingId, participantId)
                : null;
    }
}
