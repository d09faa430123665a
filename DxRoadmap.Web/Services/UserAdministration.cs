using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

/// <summary>One account as the user list shows it.</summary>
public sealed record UserRow(string Id, string Name, string? Role, int? DepartmentId, string? Department, bool Disabled, bool LockedOut);

/// <summary>
/// The /admin/users commands. Each runs in its own scope (a fresh UserManager and context, never one that lives
/// as long as the circuit), demands <see cref="RoadmapAction.ManageUsers"/>, is audited under the administrator's
/// name, and renews the security stamp when access changes so open sessions lose it at the next revalidation.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, TimeProvider time)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoadmapDbContext>();
        var users = await db.Users.AsNoTracking().Include(u => u.Department).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return users.OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new UserRow(u.Id, u.UserName ?? "", roles.FirstOrDefault(r => r.UserId == u.Id)?.Name,
                u.DepartmentId, u.Department?.Name, u.Disabled, u.LockoutEnd > now))
            .ToList();
    }

    public Task<CommandResult> AddAsync(string name, string role, int? departmentId, string password, ICurrentUser admin) =>
        RunAsync(admin, "ユーザー追加", async (users, db) =>
        {
            name = name?.Trim() ?? "";
            if (name.Length is 0 or > 64)
            {
                return CommandResult.Fail("ユーザー名を64文字以内で入力してください。");
            }
            if (await CheckRoleAsync(db, role, departmentId) is { } error)
            {
                return error;
            }
            var user = new AppUser { UserName = name, DepartmentId = departmentId };
            var created = await users.CreateAsync(user, password ?? "");
            if (!created.Succeeded)
            {
                return Failed(created);
            }
            await users.AddToRoleAsync(user, role);
            return CommandResult.Ok($"ユーザー「{name}」({AppRoles.Label(role)}) を作成しました。");
        });

    /// <summary>Changes the role and 課; the user's open sessions lose the old rights at the next revalidation.</summary>
    public Task<CommandResult> ChangeRoleAsync(string id, string role, int? departmentId, ICurrentUser admin) =>
        RunAsync(admin, "ロール変更", async (users, db) =>
        {
            if (await users.FindByIdAsync(id) is not { } user)
            {
                return CommandResult.Fail("このユーザーは削除されています。");
            }
            if (await CheckRoleAsync(db, role, departmentId) is { } error)
            {
                return error;
            }
            if (user.UserName == admin.Name && role != AppRoles.Admin)
            {
                return CommandResult.Fail("自分自身の管理者ロールは外せません。");
            }
            var current = await users.GetRolesAsync(user);
            await users.RemoveFromRolesAsync(user, current.Where(r => r != role));
            if (!current.Contains(role))
            {
                await users.AddToRoleAsync(user, role);
            }
            user.DepartmentId = departmentId;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
            return CommandResult.Ok($"「{user.UserName}」を {AppRoles.Label(role)} にしました。");
        });

    public Task<CommandResult> SetDisabledAsync(string id, bool disabled, ICurrentUser admin) =>
        RunAsync(admin, disabled ? "ユーザー無効化" : "ユーザー有効化", async (users, _) =>
        {
            if (await users.FindByIdAsync(id) is not { } user)
            {
                return CommandResult.Fail("このユーザーは削除されています。");
            }
            if (disabled && user.UserName == admin.Name)
            {
                return CommandResult.Fail("自分自身は無効にできません。");
            }
            user.Disabled = disabled;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
            return CommandResult.Ok(disabled ? $"「{user.UserName}」を無効にしました。" : $"「{user.UserName}」を有効にしました。");
        });

    /// <summary>Sets a new password chosen by the administrator, lifts a lockout and ends the user's open sessions.</summary>
    public Task<CommandResult> ResetPasswordAsync(string id, string password, ICurrentUser admin) =>
        RunAsync(admin, "パスワード再設定", async (users, _) =>
        {
            if (await users.FindByIdAsync(id) is not { } user)
            {
                return CommandResult.Fail("このユーザーは削除されています。");
            }
            foreach (var validator in users.PasswordValidators)
            {
                var valid = await validator.ValidateAsync(users, user, password ?? "");
                if (!valid.Succeeded)
                {
                    return Failed(valid);
                }
            }
            await users.RemovePasswordAsync(user);
            var added = await users.AddPasswordAsync(user, password!);
            if (!added.Succeeded)
            {
                return Failed(added);
            }
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await users.UpdateSecurityStampAsync(user);
            return CommandResult.Ok($"「{user.UserName}」のパスワードを再設定しました。");
        });

    private async Task<CommandResult> RunAsync(ICurrentUser admin, string reason,
        Func<UserManager<AppUser>, RoadmapDbContext, Task<CommandResult>> command)
    {
        if (!admin.Can(RoadmapAction.ManageUsers))
        {
            return CommandResult.Denied(RoadmapAction.ManageUsers);
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<RoadmapDbContext>();
        using (AuditActor.Begin(admin.Name, reason))
        {
            return await command(users, db);
        }
    }

    private static async Task<CommandResult?> CheckRoleAsync(RoadmapDbContext db, string role, int? departmentId)
    {
        if (AppRoles.Find(role) is null)
        {
            return CommandResult.Fail("ロールの値が不正です。一覧から選んでください。");
        }
        if (role == AppRoles.DepartmentHead && departmentId is null)
        {
            return CommandResult.Fail("所属長には課を選んでください。");
        }
        if (departmentId is { } id && !await db.Departments.AnyAsync(d => d.Id == id))
        {
            return CommandResult.Fail("選んだ課が見つかりません。");
        }
        return null;
    }

    private static CommandResult Failed(IdentityResult result) =>
        CommandResult.Fail(string.Join(" ", result.Errors.Select(e => e.Description)));
}
