namespace DienHong.Features.Accounts;

/// <summary>Sets <see cref="CurrentUser"/> for an HTTP request from its authenticated principal.</summary>
internal sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentUser currentUser)
    {
        currentUser.Principal = context.User;
        return next(context);
    }
}
