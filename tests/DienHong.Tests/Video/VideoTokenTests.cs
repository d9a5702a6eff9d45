using System.Text.Json;
using DienHong.Features.Video;
using DienHong.Tests.Infrastructure;

namespace DienHong.Tests.Video;

/// <summary>The tokens the consoles and delegates get, checked against Jitsi's documented rules in-process.</summary>
public class VideoTokenTests
{
    private const string Secret = "a-shared-secret-of-forty-bytes-0123456789";
    private static readonly DateTime Now = new(2026, 11, 19, 1, 0, 0, DateTimeKind.Utc);

    private static VideoOptions Options(TimeSpan? lifetime = null) => new()
    {
        EngineUrl = "https://video.hagiang.example.vn",
        AppId = "dienhong",
        Secret = Secret,
        TokenLifetime = lifetime ?? TimeSpan.FromHours(12),
    };

    private static JitsiVideoEngine Engine(VideoOptions options) => new JitsiVideoEngine(Microsoft.Extensions.Options.Options.Create(options));

    private static readonly JitsiTokenRules Rules = new("dienhong", Secret, "video.hagiang.example.vn");

    [Fact]
    public void A_site_token_is_accepted_for_its_room_with_every_documented_claim_present_and_typed()
    {
        var engine = Engine(Options());
        var room = engine.RoomFor(12);
        var join = engine.Join(room, new VideoIdentity("site-7", "Điểm cầu xã Lũng Cú", null, false), Now);

        var verdict = Rules.Check(join.Token, room, Now);

        Assert.True(verdict.Accepted, verdict.Reason);
        var claims = verdict.Payload;
        Assert.Equal(JsonValueKind.Number, claims.GetProperty("exp").ValueKind);
        Assert.Equal(JsonValueKind.Number, claims.GetProperty("nbf").ValueKind);
        Assert.Equal(new DateTimeOffset(Now.AddHours(12)).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        Assert.Equal(room, claims.GetProperty("room").GetString());
        var user = claims.GetProperty("context").GetProperty("user");
        Assert.Equal("site-7", user.GetProperty("id").GetString());
        Assert.Equal("Điểm cầu xã Lũng Cú", user.GetProperty("name").GetString());
        Assert.False(verdict.Moderator);
        Assert.False(claims.GetProperty("moderator").GetBoolean());
        Assert.Equal("https://video.hagiang.example.vn/external_api.js", join.ScriptUrl);
        Assert.Equal("video.hagiang.example.vn", join.Domain);
    }

    [Fact]
    public void Only_the_host_is_a_moderator()
    {
        var engine = Engine(Options());
        var room = engine.RoomFor(3);
        var host = Rules.Check(engine.Join(room, new VideoIdentity("site-1", "Điểm cầu trung tâm", null, true), Now).Token, room, Now);
        var delegateToken = Rules.Check(engine.Join(room, new VideoIdentity("user-9", "Đại biểu Lò Văn Pó", "po@example.vn", false), Now).Token, room, Now);

        Assert.True(host.Accepted, host.Reason);
        Assert.True(host.Moderator);
        Assert.True(host.Payload.GetProperty("moderator").GetBoolean());
        Assert.True(delegateToken.Accepted, delegateToken.Reason);
        Assert.False(delegateToken.Moderator);
        Assert.Equal("po@example.vn", delegateToken.Payload.GetProperty("context").GetProperty("user").GetProperty("email").GetString());
    }

    [Fact]
    public void A_token_lets_its_holder_into_its_own_meetings_room_only()
    {
        var engine = Engine(Options());
        var token = engine.Join(engine.RoomFor(12), new VideoIdentity("site-7", "Xã Lũng Cú", null, false), Now).Token;

        var verdict = Rules.Check(token, engine.RoomFor(13), Now);

        Assert.False(verdict.Accepted);
        Assert.Equal("room does not match", verdict.Reason);
        // Rooms are not guessable from the meeting's number: another secret names another room.
        var otherSecret = new VideoOptions { EngineUrl = "https://video.hagiang.example.vn", AppId = "dienhong", Secret = Secret + "x" };
        Assert.NotEqual(engine.RoomFor(12), Engine(otherSecret).RoomFor(12));
        Assert.StartsWith("dienhong-12-", engine.RoomFor(12), StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_token_is_refused_and_one_not_yet_valid_too()
    {
        var engine = Engine(Options(TimeSpan.FromMinutes(30)));
        var room = engine.RoomFor(12);
        var token = engine.Join(room, new VideoIdentity("site-7", "Xã Lũng Cú", null, false), Now).Token;

        Assert.True(Rules.Check(token, room, Now.AddMinutes(29)).Accepted);
        Assert.Equal("expired or no exp", Rules.Check(token, room, Now.AddMinutes(31)).Reason);
        Assert.Equal("not yet valid or no nbf", Rules.Check(token, room, Now.AddMinutes(-5)).Reason);
    }

    [Fact]
    public void A_token_signed_with_another_secret_or_altered_is_refused()
    {
        var room = Engine(Options()).RoomFor(12);
        var other = new VideoOptions { EngineUrl = "https://video.hagiang.example.vn", AppId = "dienhong", Secret = "another-secret-of-forty-bytes-9876543210" };
        var forged = Engine(other).Join(room, new VideoIdentity("site-7", "Xã Lũng Cú", null, true), Now).Token;
        Assert.Equal("signature does not verify with the app secret", Rules.Check(forged, room, Now).Reason);

        var genuine = Engine(Options()).Join(room, new VideoIdentity("site-7", "Xã Lũng Cú", null, false), Now).Token.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(genuine[1].Replace('-', '+').Replace('_', '/').PadRight((genuine[1].Length + 3) / 4 * 4, '=')));
        var promoted = payload.Replace("\"moderator\":\"false\"", "\"moderator\":\"true\"", StringComparison.Ordinal);
        Assert.NotEqual(payload, promoted);
        var altered = $"{genuine[0]}.{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(promoted)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.{genuine[2]}";
        Assert.Equal("signature does not verify with the app secret", Rules.Check(altered, room, Now).Reason);
    }

    [Theory]
    [InlineData(null, "dienhong", Secret, true)]
    [InlineData("https://video.hagiang.example.vn", "dienhong", Secret, true)]
    [InlineData("https://video.hagiang.example.vn", null, Secret, false)]
    [InlineData("https://video.hagiang.example.vn", "dienhong", "too-short", false)]
    [InlineData("video.hagiang.example.vn", "dienhong", Secret, false)]
    [InlineData("https://video.hagiang.example.vn/room", "dienhong", Secret, false)]
    public void The_configuration_is_whole_or_refused_at_start(string? engineUrl, string? appId, string secret, bool valid)
    {
        var result = new VideoOptionsValidation().Validate(null, new VideoOptions { EngineUrl = engineUrl, AppId = appId, Secret = secret });
        Assert.Equal(valid, result.Succeeded);
    }
}
