using System.Net;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace DxRoadmap.Tests.Web;

public class AuditPageTests
{
    /// <summary>The database the app runs on; the subclass below runs the tests again on PostgreSQL.</summary>
    protected virtual TestProvider Provider => TestProvider.Sqlite;

    [Fact]
    public async Task Admin_SeesTheAuditLog_WithTheirOwnLogin()
    {
        using var factory = new AppFactory(Provider);
        using var client = await factory.CreateLoggedInClientAsync(AppRoles.Admin);

        var response = await client.GetAsync("/admin/audit");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("監査ログ", html);
        Assert.Contains("この画面から記録を変更・削除することはできません", html);
    }

    [Theory]
    [InlineData(AppRoles.Editor)]
    [InlineData(AppRoles.DepartmentHead)]
    [InlineData(AppRoles.Viewer)]
    public async Task OtherRoles_AreRefusedTheAuditLog(string role)
    {
        using var factory = new AppFactory(Provider);
        using var client = await factory.CreateLoggedInClientAsync(role, role == AppRoles.DepartmentHead ? "子どもみらい課" : null);

        var response = await client.GetAsync("/admin/audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.AbsolutePath);
        Assert.Contains("権限がありません", await client.GetStringAsync(response.Headers.Location));
    }

    [Fact]
    public async Task Search_FiltersByActorEntityTextAndJapanDate()
    {
        using var factory = new AppFactory(Provider);
        using var client = await factory.CreateLoggedInClientAsync(AppRoles.Admin);
        var reader = factory.Services.GetRequiredService<AuditLogReader>();

        var logins = await reader.SearchAsync(new AuditQuery(Entity: "ログイン"), 0, 10);
        var byActor = await reader.SearchAsync(new AuditQuery(Actor: "システム"), 0, 100);
        var none = await reader.SearchAsync(new AuditQuery(Text: "存在しない語"), 0, 10);
        var farPast = await reader.SearchAsync(new AuditQuery(To: new DateOnly(2001, 1, 1)), 0, 10);

        Assert.Equal("ログイン成功", Assert.Single(logins.Items).Field);
        Assert.All(byActor.Items, a => Assert.Equal("システム", a.Actor));
        Assert.Contains(byActor.Items, a => a.Field == "初期データ読込");
        Assert.Equal(0, none.Total);
        Assert.Equal(0, farPast.Total);
    }
}

/// <summary>The same tests with the app on a real PostgreSQL server (skipped when none is configured).</summary>
public sealed class AuditPageTestsOnPostgres : AuditPageTests
{
    protected override TestProvider Provider => TestProvider.Postgres;
}
