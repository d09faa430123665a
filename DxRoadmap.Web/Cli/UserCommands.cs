using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Cli;

/// <summary>
/// <c>user add|list|disable</c>: accounts from the command line (there is no self-registration).
/// </summary>
public static class UserCommands
{
    public const string Usage = """
        使い方:
          user add --name NAME --role Admin|Editor|DepartmentHead|Viewer [--department 課名] --password-stdin
          user list
          user disable --name NAME
        パスワードは標準入力の1行目から読みます (12文字以上)。
        """;

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextReader input,
        TextWriter output, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        using var actor = AuditActor.Begin($"コマンドライン ({Environment.UserName})");
        try
        {
            return args switch
            {
                ["add", .. var rest] => await AddAsync(rest, provider, input, output, error),
                ["list", ..] => await ListAsync(provider, output),
                ["disable", .. var rest] => await DisableAsync(rest, provider, output, error),
                _ => UsageError(error),
            };
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or IOException)
        {
            await error.WriteLineAsync("エラー: " + ex.Message);
            return 1;
        }
    }

    private static async Task<int> AddAsync(string[] args, IServiceProvider provider, TextReader input,
        TextWriter output, TextWriter error)
    {
        var name = CliHost.Option(args, "--name")?.Trim();
        var role = AppRoles.Find(CliHost.Option(args, "--role"));
        var department = CliHost.Option(args, "--department")?.Trim();
        if (string.IsNullOrEmpty(name) || role is null || !args.Contains("--password-stdin"))
        {
            return UsageError(error);
        }
        var db = provider.GetRequiredService<RoadmapDbContext>();
        int? departmentId = null;
        if (!string.IsNullOrEmpty(department))
        {
            departmentId = await db.Departments.Where(d => d.Name == department).Select(d => (int?)d.Id).SingleOrDefaultAsync();
            if (departmentId is null)
            {
                await error.WriteLineAsync($"エラー: 課「{department}」はありません。");
                return 1;
            }
        }
        else if (role == AppRoles.DepartmentHead)
        {
            await error.WriteLineAsync("エラー: 所属長 (DepartmentHead) には --department 課名 が必要です。");
            return 1;
        }
        var password = (await input.ReadLineAsync())?.TrimEnd('\r', '\n');
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("エラー: 標準入力からパスワードを読めませんでした。");
            return 1;
        }

        var users = provider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = name, DepartmentId = departmentId };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await error.WriteLineAsync("エラー: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            return 1;
        }
        await users.AddToRoleAsync(user, role);
        await output.WriteLineAsync($"ユーザー「{name}」({AppRoles.Label(role)}{(department is { Length: > 0 } ? "・" + department : "")}) を作成しました。");
        return 0;
    }

    private static async Task<int> ListAsync(IServiceProvider provider, TextWriter output)
    {
        var db = provider.GetRequiredService<RoadmapDbContext>();
        var users = await db.Users.AsNoTracking().Include(u => u.Department).OrderBy(u => u.UserName).ToListAsync();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
        await output.WriteLineAsync("ユーザー名\tロール\t課\t状態");
        foreach (var user in users)
        {
            var userRoles = string.Join("・", roles.Where(r => r.UserId == user.Id).Select(r => AppRoles.Label(r.Name!)));
            var state = user.Disabled ? "無効" : user.LockoutEnd > now ? "ロック中" : "有効";
            await output.WriteLineAsync($"{user.UserName}\t{userRoles}\t{user.Department?.Name ?? "-"}\t{state}");
        }
        return 0;
    }

    private static async Task<int> DisableAsync(string[] args, IServiceProvider provider, TextWriter output, TextWriter error)
    {
        var name = CliHost.Option(args, "--name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return UsageError(error);
        }
        var users = provider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(name);
        if (user is null)
        {
            await error.WriteLineAsync($"エラー: ユーザー「{name}」はいません。");
            return 1;
        }
        user.Disabled = true;
        await users.UpdateAsync(user);
        // A new stamp ends the user's open sessions at the next revalidation.
        await users.UpdateSecurityStampAsync(user);
        await output.WriteLineAsync($"ユーザー「{name}」を無効にしました。");
        return 0;
    }

    private static int UsageError(TextWriter error)
    {
        error.WriteLine(Usage);
        return 2;
    }
}
