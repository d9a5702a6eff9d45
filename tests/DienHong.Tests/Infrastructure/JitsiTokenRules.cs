using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DienHong.Tests.Infrastructure;

/// <summary>
/// The checks a Jitsi Meet server's token authentication (shared-secret mode) makes before it lets a
/// client into a room, written from its documentation and independent of the library that signs:
/// HS256 only, the signature over header.payload with the app secret, iss among the accepted issuers
/// (the app id), aud the accepted audience, sub the server's domain (or "*"), room the room joined (or
/// "*"), nbf and exp numeric dates around now, and context.user holding only strings, numbers or null.
/// An in-process stand-in for the engine, which cannot run here.
/// </summary>
public sealed class JitsiTokenRules(string appId, string secret, string domain, string audience = "jitsi")
{
    public sealed record Verdict(bool Accepted, string? Reason, JsonElement Payload)
    {
        public bool Moderator => Payload.TryGetProperty("context", out var c) && c.TryGetProperty("user", out var u)
            && u.TryGetProperty("moderator", out var m) && m.ValueKind == JsonValueKind.String && m.GetString() == "true";
    }

    public Verdict Check(string token, string room, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return Refuse("not a signed JWT (three parts)");
        }

        var header = JsonDocument.Parse(Base64Url(parts[0])).RootElement;
        var payload = JsonDocument.Parse(Base64Url(parts[1])).RootElement;
        if (!header.TryGetProperty("alg", out var alg) || alg.GetString() != "HS256")
        {
            return Refuse("alg is not HS256", payload);
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, Base64Url(parts[2])))
        {
            return Refuse("signature does not verify with the app secret", payload);
        }

        string? Text(string name) => payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        long? Number(string name) => payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
        if (Text("iss") != appId)
        {
            return Refuse("iss is not the app id", payload);
        }

        if (Text("aud") != audience)
        {
            return Refuse("aud is not accepted", payload);
        }

        if (Text("sub") is not { } sub || (sub != domain && sub != "*"))
        {
            return Refuse("sub is not the server's domain", payload);
        }

        if (Text("room") is not { } claimed || (claimed != room && claimed != "*"))
        {
            return Refuse("room does not match", payload);
        }

        if (Number("exp") is not { } exp || exp <= now.ToUnixTimeSeconds())
        {
            return Refuse("expired or no exp", payload);
        }

        if (Number("nbf") is not { } nbf || nbf > now.ToUnixTimeSeconds())
        {
            return Refuse("not yet valid or no nbf", payload);
        }

        if (!payload.TryGetProperty("context", out var context) || context.ValueKind != JsonValueKind.Object
            || !context.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.Object)
        {
            return Refuse("no context.user object", payload);
        }

        foreach (var field in user.EnumerateObject())
        {
            if (field.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
            {
                return Refuse($"context.user.{field.Name} is not a string, number or null", payload);
            }
        }

        return new Verdict(true, null, payload);
    }

    private static Verdict Refuse(string reason, JsonElement payload = default) => new(false, reason, payload);

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
