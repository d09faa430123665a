using System.Globalization;
using System.Security.Claims;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Security;

/// <summary>Adds the user's 課 (id and name) to the sign-in cookie's principal.</summary>
internal sealed class AppUserClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    IDbContextFactory<RoadmapDbContext> dbFactory)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.DepartmentId is { } id)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var name = await db.Departments.Where(d => d.Id == id).Select(d => d.Name).SingleOrDefaultAsync();
            identity.AddClaim(new Claim(AppClaims.DepartmentId, id.ToString(CultureInfo.InvariantCulture)));
            if (name is not null)
            {
                identity.AddClaim(new Claim(AppClaims.Department, name));
            }
        }
        return identity;
    }
}
