using DienHong.Features.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace DienHong.Features.Accounts;

public sealed record SignInRequest(string UserName, string Password);

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapDienHongAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/account").WithTags("Account");

        // Cookie sign-in for API clients and tests; the same guard (and message) as the sign-in page.
        api.MapPost("/login", async Task<IResult> (SignInRequest request, SignInGuard guard, HttpContext http) =>
            await guard.SignInAsync(request.UserName, request.Password, SecuritySetup.Address(http), http.RequestAborted)
                ? TypedResults.NoContent()
                : TypedResults.Problem(SignInGuard.FailureMessage, statusCode: StatusCodes.Status401Unauthorized, title: "Đăng nhập không thành công"))
            .AllowAnonymous().DisableAntiforgery();

        // Signing out renews the security stamp, so a copy of the cookie is worth nothing afterwards.
        app.MapPost("/account/logout", async Task<IResult> (SignInManager<AppUser> signIn, IAntiforgery antiforgery, HttpContext http) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.Problem(title: "Phiên làm việc của trang đã hết hạn. Hãy tải lại trang.", statusCode: StatusCodes.Status400BadRequest);
            }

            if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/");
        });
        return app;
    }
}
