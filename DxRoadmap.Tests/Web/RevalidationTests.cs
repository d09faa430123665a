using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Web;

public class RevalidationTests
{
    [Theory]
    [InlineData("disable")]
    [InlineData("lock")]
    [InlineData("demote")]
    public async Task AnOpenSession_BecomesInvalid_WhenTheUserIsDisabledLockedOrDemoted(string change)
    {
        using var factory = new AppFactory();
        var created = await factory.CreateUserAsync("watanabe", AppRoles.Editor);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var user = (await users.FindByIdAsync(created.Id))!;
        var session = await principals.CreateAsync(user);
        Assert.True(await IdentityRevalidatingAuthenticationStateProvider.IsStillValidAsync(users, session, options));

        switch (change)
        {
            case "disable":
                user.Disabled = true;
                await users.UpdateAsync(user);
                break;
            case "lock":
                await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));
                break;
            case "demote":
                // Role changes renew the stamp where the app changes roles (UserCommands-style callers must too).
                await users.RemoveFromRoleAsync(user, AppRoles.Editor);
                await users.AddToRoleAsync(user, AppRoles.Viewer);
                await users.UpdateSecurityStampAsync(user);
                break;
        }

        Assert.False(await IdentityRevalidatingAuthenticationStateProvider.IsStillValidAsync(users, session, options));
    }
}
