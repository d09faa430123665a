using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace DxRoadmap.Web.Security;

/// <summary>
/// Limits sign-in posts per user name and address, and per address, with the ASP.NET Core rate limiter.
/// Other requests are not limited.
/// </summary>
public static class LoginRateLimiting
{
    public const string LoginPath = "/Account/Login";
    public const string UserNameField = "Input.UserName";

    public static IServiceCollection AddLoginRateLimiting(this IServiceCollection services, SecurityOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    "ログインの試行が多すぎます。しばらく待ってから再度お試しください。", token);
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsLoginPost(context)
                    ? Window("user:" + UserName(context) + "|" + Address(context), options.LoginAttemptsPerMinute)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsLoginPost(context)
                    ? Window("addr:" + Address(context), options.LoginAttemptsPerMinutePerAddress)
                    : RateLimitPartition.GetNoLimiter("")));
        });
        return services;
    }

    /// <summary>
    /// The rate limiter partitions synchronously, so the login form is read (and buffered for the page) first.
    /// </summary>
    public static IApplicationBuilder UseLoginRateLimiting(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (IsLoginPost(context) && context.Request.HasFormContentType)
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            await next(context);
        });
        return app.UseRateLimiter();
    }

    private static RateLimitPartition<string> Window(string key, int limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static bool IsLoginPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.Request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase);

    private static string UserName(HttpContext context) =>
        context.Request.HasFormContentType && context.Request.Form.TryGetValue(UserNameField, out var name)
            ? name.ToString().Trim().ToUpperInvariant()
            : "";

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
