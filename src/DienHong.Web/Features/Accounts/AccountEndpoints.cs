using Microsoft.AspNetCore.Identity;

namespace DienHong.Features.Accounts;

public sealed record SignInRequest(string UserName, string Password);

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapDienHongAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/account").WithTags("Account");

        // Cookie sign-in for API clients and tests; lockout applies as on the sign-in page.
        api.MapPost("/login", async Task<IResult> (SignInRequest request, SignInManager<AppUser> signIn) =>
        {
            var result = await signIn.PasswordSignInAsync(request.UserName, request.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return TypedResults.NoContent();
            }

            return TypedResults.Problem(
                result.IsLockedOut ? "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Hãy thử lại sau 15 phút." : "Tên đăng nhập hoặc mật khẩu không đúng.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Đăng nhập không thành công");
        }).AllowAnonymous().DisableAntiforgery();

        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/");
        });
        return app;
    }
}
