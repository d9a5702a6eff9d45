using Microsoft.Extensions.Options;

namespace DienHong.Features.Video;

/// <summary>
/// Configuration section "Video": the Jitsi Meet server the consoles embed and the application id
/// and shared secret its token authentication was set up with. No engine URL: no video, and every
/// other part of the platform works as before.
/// </summary>
public sealed class VideoOptions
{
    /// <summary>The engine's address, e.g. https://video.example.vn (its external_api.js is served from there).</summary>
    public string? EngineUrl { get; set; }

    /// <summary>The application id the engine accepts as the tokens' issuer.</summary>
    public string? AppId { get; set; }

    /// <summary>The shared secret the engine verifies the tokens' HS256 signature with.</summary>
    public string? Secret { get; set; }

    /// <summary>How long a token lets its holder into the room.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    public bool Configured => !string.IsNullOrWhiteSpace(EngineUrl);

    /// <summary>The engine's host name: the tokens' subject (the XMPP domain of a one-tenant server).</summary>
    public string Domain => new Uri(EngineUrl!).Authority;
}

/// <summary>Refuses to start with half a configuration: an engine without its id or a secret too short for HS256.</summary>
internal sealed class VideoOptionsValidation : IValidateOptions<VideoOptions>
{
    /// <summary>HS256 wants a key of at least 256 bits.</summary>
    public const int SecretMinimum = 32;

    public ValidateOptionsResult Validate(string? name, VideoOptions options)
    {
        if (!options.Configured)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!Uri.TryCreate(options.EngineUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.AbsolutePath.Trim('/').Length > 0)
        {
            failures.Add("Video:EngineUrl must be the engine's absolute http(s) address without a path, e.g. https://video.example.vn.");
        }

        if (string.IsNullOrWhiteSpace(options.AppId))
        {
            failures.Add("Video:AppId is required when Video:EngineUrl is set (the engine's app_id).");
        }

        if (string.IsNullOrEmpty(options.Secret) || System.Text.Encoding.UTF8.GetByteCount(options.Secret) < SecretMinimum)
        {
            failures.Add($"Video:Secret is required when Video:EngineUrl is set and must be at least {SecretMinimum} bytes (HS256).");
        }

        if (options.TokenLifetime <= TimeSpan.Zero || options.TokenLifetime > TimeSpan.FromDays(2))
        {
            failures.Add("Video:TokenLifetime must be positive and at most two days.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
