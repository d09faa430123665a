using System.Net;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Security;
using DxRoadmap.Web.Services;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Web;

/// <summary>/admin/users and /admin/backup against the running app's services and endpoints.</summary>
public class AdminTests
{
    private static readonly TestUser Admin = TestUser.Admin("kanri");

    private static async Task<bool> SessionStillValidAsync(AppFactory factory, string userId,
        System.Security.Claims.ClaimsPrincipal session)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value;
        return await IdentityRevalidatingAuthenticationStateProvider.IsStillValidAsync(users, session, options);
    }

    private static async Task<System.Security.Claims.ClaimsPrincipal> SignInAsync(AppFactory factory, string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>()
            .CreateAsync((await users.FindByIdAsync(userId))!);
    }

    [Fact]
    public async Task Users_AddChangeRoleDisableAndReset_AreAuditedAndEndOpenSessions()
    {
        using var factory = new AppFactory();
        _ = factory.Services;
        var admin = factory.Services.GetRequiredService<UserAdministration>();
        int departmentId;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<RoadmapDbContext>>().CreateDbContextAsync())
        {
            departmentId = await db.Departments.Where(d => d.Name == "子どもみらい課").Select(d => d.Id).SingleAsync();
        }

        Assert.True((await admin.AddAsync("suzuki", AppRoles.Editor, null, AppFactory.Password, Admin)).Succeeded);
        var row = Assert.Single(await admin.ListAsync(), u => u.Name == "suzuki");
        Assert.Equal(AppRoles.Editor, row.Role);

        var session = await SignInAsync(factory, row.Id);
        Assert.True(await SessionStillValidAsync(factory, row.Id, session));
        var demoted = await admin.ChangeRoleAsync(row.Id, AppRoles.DepartmentHead, departmentId, Admin);
        Assert.True(demoted.Succeeded, demoted.Message);
        Assert.False(await SessionStillValidAsync(factory, row.Id, session));
        var head = await SignInAsync(factory, row.Id);
        Assert.True(RoadmapPermissions.Can(head, RoadmapAction.EditProgress, departmentId));
        Assert.False(RoadmapPermissions.Can(head, RoadmapAction.EditPlan, (int?)null));

        Assert.True((await admin.SetDisabledAsync(row.Id, true, Admin)).Succeeded);
        Assert.False(await SessionStillValidAsync(factory, row.Id, head));
        Assert.True((await admin.SetDisabledAsync(row.Id, false, Admin)).Succeeded);
        Assert.False((await admin.ResetPasswordAsync(row.Id, "short", Admin)).Succeeded);
        Assert.True((await admin.ResetPasswordAsync(row.Id, "a-new-long-passphrase", Admin)).Succeeded);
        var client = factory.CreateManualClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.PostLoginAsync(client, "suzuki", "a-new-long-passphrase")).StatusCode);

        await using var check = await factory.Services.GetRequiredService<IDbContextFactory<RoadmapDbContext>>().CreateDbContextAsync();
        var reasons = await check.AuditEntries.Where(a => a.Actor == "kanri").Select(a => a.Reason).Distinct().ToListAsync();
        string[] expected = ["ユーザー追加", "ロール変更", "ユーザー無効化", "ユーザー有効化", "パスワード再設定"];
        Assert.Equal(expected.Order(), reasons.Order());
    }

    [Theory]
    [InlineData(AppRoles.Editor)]
    [InlineData(AppRoles.DepartmentHead)]
    [InlineData(AppRoles.Viewer)]
    public async Task Users_OthersThanAdministrators_AreRefused(string role)
    {
        using var factory = new AppFactory();
        _ = factory.Services;
        var admin = factory.Services.GetRequiredService<UserAdministration>();
        var before = (await admin.ListAsync()).Count;
        var result = await admin.AddAsync("intruder", AppRoles.Admin, null, AppFactory.Password, TestUser.WithRole("x", role));
        Assert.Equal(RoadmapPermissions.DeniedMessage(RoadmapAction.ManageUsers), result.Message);
        Assert.Equal(before, (await admin.ListAsync()).Count);
    }

    [Fact]
    public async Task Backup_IsAConsistentCopy_DownloadableByAdministratorsOnly_AndAudited()
    {
        using var factory = new AppFactory();
        var adminClient = await factory.CreateLoggedInClientAsync(AppRoles.Admin);
        var editorClient = await factory.CreateLoggedInClientAsync(AppRoles.Editor);
        var backups = factory.Services.GetRequiredService<BackupDownloads>();

        Assert.Equal(RoadmapPermissions.DeniedMessage(RoadmapAction.Backup), (await backups.CreateAsync(TestUser.Editor())).Result.Message);
        var (result, name) = await backups.CreateAsync(Admin);
        Assert.True(result.Succeeded, result.Message);

        var download = await adminClient.GetAsync($"/admin/backups/{name}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal("SQLite format 3\0", System.Text.Encoding.ASCII.GetString(bytes, 0, 16));
        Assert.NotEqual(HttpStatusCode.OK, (await editorClient.GetAsync($"/admin/backups/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminClient.GetAsync("/admin/backups/..%2Froadmap.db")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminClient.GetAsync("/admin/backups/roadmap.db")).StatusCode);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<RoadmapDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.Entity == "バックアップ");
        Assert.Equal(("kanri", name), (audit.Actor, audit.EntityId));
    }

    [Theory]
    [InlineData("/admin/users", AppRoles.Editor)]
    [InlineData("/admin/backup", AppRoles.DepartmentHead)]
    [InlineData("/plan", AppRoles.Viewer)]
    [InlineData("/plan/milestones/new", AppRoles.DepartmentHead)]
    public async Task AdminAndPlanPages_SendOtherRolesToAccessDenied(string path, string role)
    {
        using var factory = new AppFactory();
        var client = await factory.CreateLoggedInClientAsync(role, role == AppRoles.DepartmentHead ? "子どもみらい課" : null);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }
}
