using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Services;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Security;

/// <summary>Sign-in, roles, authorization and hardening.</summary>
public static class AccountsExtensions
{
    public const string CookieName = "DxRoadmap.Auth";

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder, string dataDirectory)
    {
        var services = builder.Services;
        var security = builder.Configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddOptions<SecurityOptions>().BindConfiguration("Security");
        services.AddOptions<DemoAccountOptions>().BindConfiguration("DemoAccounts");

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<CircuitHandler, AuditActorCircuitHandler>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddIdentityCore<AppUser>(options =>
            {
                options.Password.RequiredLength = 12;
                // Length, not composition rules (NIST SP 800-63B); a passphrase of 12+ characters is accepted.
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<RoadmapDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppUserClaimsPrincipalFactory>()
            .AddErrorDescriber<JapaneseIdentityErrorDescriber>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        // The cookie is checked against the database as often as an open circuit is.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = security.RevalidationInterval);

        services.AddAuthorization(options =>
        {
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            foreach (var action in Enum.GetValues<RoadmapAction>())
            {
                options.AddPolicy(RoadmapPermissions.Policy(action),
                    policy => policy.RequireAssertion(c => RoadmapPermissions.Can(c.User, action, (int?)null)));
            }
        });

        var keys = string.IsNullOrWhiteSpace(security.KeysDirectory)
            ? Path.Combine(dataDirectory, "keys")
            : Path.GetFullPath(security.KeysDirectory, builder.Environment.ContentRootPath);
        services.AddDataProtection()
            .SetApplicationName("DxRoadmap")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));

        services.AddLoginRateLimiting(security);
        return builder;
    }

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post (with antiforgery token) so that a link or image cannot sign someone out.
        endpoints.MapPost("/Account/Logout", async (HttpContext context, SignInManager<AppUser> signIn,
            IDbContextFactory<RoadmapDbContext> dbFactory, [FromForm] string? returnUrl) =>
        {
            if (context.User.Identity is { IsAuthenticated: true, Name: { } name })
            {
                await LoginAudit.WriteAsync(dbFactory, name, AuditEvents.Logout, context);
            }
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login?loggedOut=1");
        });
        return endpoints;
    }
}

/// <summary>Sign-in events in the audit log.</summary>
public static class LoginAudit
{
    public static async Task WriteAsync(IDbContextFactory<RoadmapDbContext> dbFactory, string userName, string outcome,
        HttpContext context)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var name = userName.Length > 100 ? userName[..100] : userName;
        db.AuditEntries.Add(new AuditEntry
        {
            At = db.Clock.GetUtcNow(),
            Actor = name,
            Entity = AuditEvents.LoginEntity,
            EntityId = name,
            Field = outcome,
            NewValue = context.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync();
    }
}
