using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DienHong.Features.Video;

/// <summary>Who enters the room: a site console (the site's name shows in the conference) or a person.</summary>
public sealed record VideoIdentity(string Id, string Name, string? Email, bool Moderator);

/// <summary>What a browser needs to embed the engine: its script, domain, room and the signed token.</summary>
public sealed record VideoJoin(string ScriptUrl, string Domain, string Room, string Token, DateTime ExpiresAt, bool Moderator);

/// <summary>The "GET …/video" answer: the join details, or why there are none.</summary>
public sealed record VideoAccess(bool Configured, VideoJoin? Join, string? Reason)
{
    public const string NotConfigured = "Chưa cấu hình hệ thống truyền hình hội nghị (video); các chức năng khác vẫn hoạt động bình thường.";
}

/// <summary>
/// The video engine the consoles embed. Video is the engine's job; the platform only names the room,
/// lets people in with a signed token and listens to what the consoles report.
/// </summary>
public interface IVideoEngine
{
    bool Configured { get; }

    /// <summary>The meeting's room: one per meeting, its name not guessable from the meeting's number.</summary>
    string RoomFor(int meetingId);

    VideoJoin Join(string room, VideoIdentity who, DateTime now);
}

/// <summary>No engine configured: nothing to join, and the pages say so.</summary>
internal sealed class NoVideoEngine : IVideoEngine
{
    public bool Configured => false;

    public string RoomFor(int meetingId) => throw new InvalidOperationException("No video engine is configured.");

    public VideoJoin Join(string room, VideoIdentity who, DateTime now) => throw new InvalidOperationException("No video engine is configured.");
}

/// <summary>
/// Jitsi Meet with token authentication (shared secret): an HS256 JWT with the claims its token
/// plugin checks — iss (the app id), aud, sub (the server's domain), room, nbf, exp — and the
/// context.user it shows (id, name, email, moderator as the string "true"/"false": the plugin
/// takes strings and numbers there), plus the top-level moderator flag for the host.
/// </summary>
internal sealed class JitsiVideoEngine(IOptions<VideoOptions> settings) : IVideoEngine
{
    public const string Audience = "jitsi";
    private readonly VideoOptions options = settings.Value;
    private readonly SymmetricSecurityKey key = new(Encoding.UTF8.GetBytes(settings.Value.Secret!));
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public bool Configured => true;

    public string RoomFor(int meetingId)
    {
        // Keyed on the secret: knowing meeting 12's room says nothing about meeting 13's.
        var tag = Convert.ToHexStringLower(HMACSHA256.HashData(key.Key, Encoding.UTF8.GetBytes($"room:{meetingId}")))[..12];
        return $"dienhong-{meetingId}-{tag}";
    }

    public VideoJoin Join(string room, VideoIdentity who, DateTime now)
    {
        var expires = now + options.TokenLifetime;
        var user = new Dictionary<string, object>
        {
            ["id"] = who.Id,
            ["name"] = who.Name,
            ["moderator"] = who.Moderator ? "true" : "false",
        };
        if (who.Email is { } email)
        {
            user["email"] = email;
        }

        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.AppId,
            Audience = Audience,
            NotBefore = now,
            IssuedAt = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = options.Domain,
                ["room"] = room,
                ["moderator"] = who.Moderator,
                ["context"] = new Dictionary<string, object> { ["user"] = user },
            },
        });
        var engine = options.EngineUrl!.TrimEnd('/');
        return new VideoJoin($"{engine}/external_api.js", options.Domain, room, token, expires, who.Moderator);
    }
}

public static class VideoSetup
{
    public static IServiceCollection AddDienHongVideo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VideoOptions>().Bind(configuration.GetSection("Video")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<VideoOptions>, VideoOptionsValidation>();
        services.AddSingleton<IVideoEngine>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<VideoOptions>>();
            return options.Value.Configured ? new JitsiVideoEngine(options) : new NoVideoEngine();
        });
        services.AddScoped<VideoService>();
        return services;
    }
}
