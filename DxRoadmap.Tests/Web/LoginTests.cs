using System.Net;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DxRoadmap.Tests.Web;

public class LoginTests
{
    /// <summary>The database the app runs on; the subclass below runs the tests again on PostgreSQL.</summary>
    protected virtual TestProvider Provider => TestProvider.Sqlite;

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/audit")]
    [InlineData("/not-a-page")]
    public async Task Anonymous_IsRedirectedToTheLoginPage(string path)
    {
        using var factory = new AppFactory(Provider);
        using var client = factory.CreateManualClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login?ReturnUrl=", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task LoginPage_IsJapaneseAndSaysLoginIsRequired()
    {
        using var factory = new AppFactory(Provider);
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Contains("ログインが必要です", html);
        Assert.Contains("パスワード", html);
        Assert.DoesNotContain("demo-accounts", html); // demo accounts are shown in Development only
    }

    [Fact]
    public async Task Healthz_AnswersWithoutLogin()
    {
        using var factory = new AppFactory(Provider);
        using var client = factory.CreateManualClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Register_DoesNotExist()
    {
        using var factory = new AppFactory(Provider);
        using var client = await factory.CreateLoggedInClientAsync(AppRoles.Admin);

        var response = await client.GetAsync("/Account/Register");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CorrectPassword_SignsInShowsTheUserAndIsAudited_LogoutSignsOut()
    {
        using var factory = new AppFactory(Provider);
        await factory.CreateUserAsync("tanaka", AppRoles.DepartmentHead, "子どもみらい課");
        using var client = factory.CreateManualClient();

        var login = await AppFactory.PostLoginAsync(client, "tanaka", AppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(new Uri("http://localhost/"), login.Headers.Location);
        var page = await client.GetStringAsync("/");
        Assert.Contains("tanaka", page);
        Assert.Contains("所属長・子どもみらい課", page);
        Assert.Contains("ログアウト", page);

        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var logout = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", WebUtility.HtmlDecode(token))]));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var landing = await client.GetAsync(logout.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Contains("ログアウトしました。", await landing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        var events = await AuditEventsAsync(factory, "tanaka");
        Assert.Equal([AuditEvents.LoginSucceeded, AuditEvents.Logout], events);
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_IsRefused()
    {
        using var factory = new AppFactory(Provider);
        using var client = await factory.CreateLoggedInClientAsync();

        var logout = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task ReturnUrl_ToAnotherHost_IsIgnored()
    {
        using var factory = new AppFactory(Provider);
        await factory.CreateUserAsync("suzuki", AppRoles.Viewer);
        using var client = factory.CreateManualClient();

        var login = await AppFactory.PostLoginAsync(client, "suzuki", AppFactory.Password, returnUrl: "//evil.example/");

        Assert.Equal(new Uri("http://localhost/"), login.Headers.Location);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_AndTheSixthAttemptIsRefusedEvenWithTheRightPassword()
    {
        using var factory = new AppFactory(Provider);
        await factory.CreateUserAsync("sato", AppRoles.Editor);
        using var client = factory.CreateManualClient();

        for (var i = 1; i <= 4; i++)
        {
            var wrong = await AppFactory.PostLoginAsync(client, "sato", "wrong-password-" + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("ユーザー名またはパスワードが正しくありません", await wrong.Content.ReadAsStringAsync());
        }
        var fifth = await AppFactory.PostLoginAsync(client, "sato", "wrong-password-5");
        Assert.Contains("ロックされています", await fifth.Content.ReadAsStringAsync());

        var sixth = await AppFactory.PostLoginAsync(client, "sato", AppFactory.Password);
        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Contains("ロックされています", await sixth.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        var events = await AuditEventsAsync(factory, "sato");
        Assert.Equal(4, events.Count(e => e == AuditEvents.LoginFailed));
        Assert.Equal(2, events.Count(e => e == AuditEvents.LoginLockedOut));
    }

    [Fact]
    public async Task DisabledAccount_CannotSignIn()
    {
        using var factory = new AppFactory(Provider);
        var user = await factory.CreateUserAsync("ito", AppRoles.Viewer);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var stored = await users.FindByIdAsync(user.Id);
            stored!.Disabled = true;
            await users.UpdateAsync(stored);
        }
        using var client = factory.CreateManualClient();

        var login = await AppFactory.PostLoginAsync(client, "ito", AppFactory.Password);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("ユーザー名またはパスワードが正しくありません", await login.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LoginPosts_BeyondTheLimit_Get429()
    {
        using var factory = new AppFactory { Settings = { ["Security:LoginAttemptsPerMinute"] = "3" } };
        using var client = factory.CreateManualClient();

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            codes.Add((await AppFactory.PostLoginAsync(client, "nobody", "wrong-password")).StatusCode);
        }
        // Another user name from the same address has its own allowance.
        var other = await AppFactory.PostLoginAsync(client, "somebody", "wrong-password");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], codes);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/healthz")]
    public async Task Responses_CarryTheSecurityHeaders(string path)
    {
        using var factory = new AppFactory(Provider);
        using var client = factory.CreateManualClient();

        var response = await client.GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Pages_HaveNoInlineScript_WhichTheCspWouldBlock()
    {
        using var factory = new AppFactory(Provider);
        using var client = await factory.CreateLoggedInClientAsync();

        var html = await client.GetStringAsync("/");

        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", html);
    }

    private static async Task<List<string>> AuditEventsAsync(AppFactory factory, string user)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoadmapDbContext>();
        return await db.AuditEntries.Where(a => a.Entity == AuditEvents.LoginEntity && a.EntityId == user)
            .OrderBy(a => a.Id).Select(a => a.Field).ToListAsync();
    }
}

/// <summary>The same tests with the app on a real PostgreSQL server (skipped when none is configured).</summary>
public sealed class LoginTestsOnPostgres : LoginTests
{
    protected override TestProvider Provider => TestProvider.Postgres;
}
