using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace DienHong.Features.Live;

public static class LiveSetup
{
    /// <summary>
    /// The live core: event log and dispatcher, SignalR (with the Redis backplane and a Redis
    /// commit signal when Redis:Configuration is set), presence of site consoles.
    /// </summary>
    public static IServiceCollection AddDienHongLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LiveOptions>(configuration.GetSection("Live"));
        services.AddSingleton<LiveDispatcher>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<LiveHubConnections>();
        services.AddScoped<LiveSnapshots>();
        services.AddScoped<SitePresenceService>();
        services.AddHostedService<LivePoller>();
        services.AddHostedService<PresenceMonitor>();

        var signalR = services.AddSignalR(options => options.AddFilter(new CurrentUserHubFilter()));
        var redis = configuration["Redis:Configuration"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<ILiveSignal, InProcessLiveSignal>();
        }
        else
        {
            var prefix = RedisChannel.Literal("dienhong");
            signalR.AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix = prefix);
            services.AddSingleton(_ => ConnectionMultiplexer.Connect(redis));
            services.AddSingleton<ILiveSignal, RedisLiveSignal>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapDienHongLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<LiveHub>(LiveHub.Path);
        return app;
    }
}
