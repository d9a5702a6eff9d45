using DienHong.Features.Demo;
using DienHong.Features.Issuing;
using DienHong.Features.Live;
using DienHong.Features.Petitions;
using DienHong.Features.Projector;
using DienHong.Features.Readiness;
using DienHong.Features.Video;

namespace DienHong.Features;

public static class FeatureServices
{
    /// <summary>Services of the feature folders that are more than a static function.</summary>
    public static IServiceCollection AddDienHongFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDienHongPetitions(configuration);
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DocumentIssuer>();
        services.AddSingleton<Drafting.PdfQueue>();
        services.AddScoped<ReadinessService>();
        services.AddScoped<ILiveSnapshotPart, ReadinessSnapshotPart>();
        services.AddScoped<Sittings.SittingService>();
        services.AddScoped<ILiveSnapshotPart, Sittings.SittingSnapshotPart>();
        services.AddScoped<Attendance.AttendanceService>();
        services.AddScoped<Floor.FloorService>();
        services.AddScoped<ILiveSnapshotPart, Floor.FloorSnapshotPart>();
        services.AddProjectorRateLimit(configuration);
        services.AddDienHongVideo(configuration);
        services.AddScoped<Voting.MembershipService>();
        services.AddScoped<Voting.MotionService>();
        services.AddSingleton<Voting.BallotBox>();
        services.AddSingleton<Voting.VoteWriter>();
        services.AddScoped<ILiveSnapshotPart, Voting.MotionsSnapshotPart>();
        return services;
    }
}
