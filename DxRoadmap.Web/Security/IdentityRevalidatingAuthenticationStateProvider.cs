using System.Security.Claims;
using DxRoadmap.Web.Data.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Security;

/// <summary>
/// Checks an open circuit's user against the database every few minutes: a changed security stamp
/// (password, roles, disabling), a lock or a disabled account ends the session in the open page too.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> identityOptions,
    IOptions<SecurityOptions> securityOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => securityOptions.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await IsStillValidAsync(userManager, authenticationState.User, identityOptions.Value);
    }

    internal static async Task<bool> IsStillValidAsync(UserManager<AppUser> userManager, ClaimsPrincipal principal,
        IdentityOptions options)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null || user.Disabled || await userManager.IsLockedOutAsync(user))
        {
            return false;
        }
        if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }
        var principalStamp = principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        var userStamp = await userManager.GetSecurityStampAsync(user);
        return principalStamp == userStamp;
    }
}
