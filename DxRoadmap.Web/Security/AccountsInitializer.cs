using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Security;

/// <summary>Demonstration accounts, created in Development only, all with one configured password.</summary>
public sealed class DemoAccountOptions
{
    public string? Password { get; set; }

    /// <summary>The 課 whose head the demo 所属長 is.</summary>
    public string HeadDepartment { get; set; } = "子どもみらい課";

    public IReadOnlyList<(string Name, string Role)> Accounts =>
    [
        ("admin", AppRoles.Admin),
        ("editor", AppRoles.Editor),
        ("head", AppRoles.DepartmentHead),
        ("viewer", AppRoles.Viewer),
    ];
}

/// <summary>Creates the four roles and, when asked, the demonstration accounts.</summary>
public static class AccountsInitializer
{
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in AppRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public static async Task EnsureDemoAccountsAsync(IServiceProvider services, DemoAccountOptions demo)
    {
        if (string.IsNullOrEmpty(demo.Password))
        {
            return;
        }
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var db = services.GetRequiredService<RoadmapDbContext>();
        var headDepartment = await db.Departments.Where(d => d.Name == demo.HeadDepartment)
            .Select(d => (int?)d.Id).SingleOrDefaultAsync();
        using var actor = AuditActor.Begin(AuditActor.System, "開発用デモアカウント");
        foreach (var (name, role) in demo.Accounts)
        {
            if (await users.FindByNameAsync(name) is not null)
            {
                continue;
            }
            var user = new AppUser
            {
                UserName = name,
                // A reserved domain: in Development mail goes to data/mail/ as files, so the reminders can be read there.
                Email = name + "@example.invalid",
                DepartmentId = role == AppRoles.DepartmentHead ? headDepartment : null,
            };
            var created = await users.CreateAsync(user, demo.Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("デモアカウントを作成できません: "
                    + string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            await users.AddToRoleAsync(user, role);
        }
    }
}
