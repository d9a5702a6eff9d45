using DienHong.Features.Security;

namespace DienHong.Features.Projector;

/// <summary>
/// The anonymous projector page and its stream are opened by a token alone, so each client address
/// may open them only so often (the framework's rate limiter, as for the public petitions): a screen
/// opens the page once and its EventSource reconnects now and then; a script trying tokens or
/// opening thousands of streams is refused with a Vietnamese 429 before any database work.
/// </summary>
public static class ProjectorRateLimit
{
    public const string Policy = "projector-open";

    /// <summary>Opens (page loads and stream connections together) per address per minute: <c>Projector:OpensPerMinute</c>, 60 by default.</summary>
    public static IServiceCollection AddProjectorRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var opens = configuration.GetValue("Projector:OpensPerMinute", 60);
        services.AddRateLimiter(options => options.AddPolicy(Policy, new PublicLimit(
            "Màn hình trình chiếu mở lại quá nhiều lần trong thời gian ngắn. Hãy chờ một phút rồi tải lại trang.", opens, TimeSpan.FromMinutes(1))));
        return services;
    }
}
