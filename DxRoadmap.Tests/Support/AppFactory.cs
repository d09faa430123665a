using System.Net;
using System.Text.RegularExpressions;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DxRoadmap.Tests.Support;

/// <summary>
/// The whole app on a fresh temporary database, seeded from the repository's data/: a SQLite file, or a new
/// database on the PostgreSQL server of DXROADMAP_POSTGRES (the test is skipped without one).
/// </summary>
public partial class AppFactory(TestProvider provider = TestProvider.Sqlite) : WebApplicationFactory<Program>
{
    private readonly string? _postgres = provider == TestProvider.Postgres ? PostgresDatabase.CreateBlank() : null;

    public const string Password = "correct-horse-battery";

    private readonly TempFolder _folder = new();

    public string DatabasePath => _folder.File("roadmap.db");

    /// <summary>The PostgreSQL database the app runs on, or null on SQLite.</summary>
    public string? PostgresConnectionString => _postgres;

    protected virtual bool SampleProgress => false;

    /// <summary>Extra settings, e.g. a lower sign-in rate limit.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the build-time asset manifest is not read by default; the tests run from the
        // build output, so point the host at it as `dotnet run` does.
        builder.UseStaticWebAssets();
        builder.UseSetting("Data:Directory", RepoPaths.DataDirectory);
        builder.UseSetting("ConnectionStrings:Roadmap", _postgres ?? $"Data Source={DatabasePath}");
        builder.UseSetting("Database:Provider", _postgres is null ? "Sqlite" : "Postgres");
        builder.UseSetting("Seed:SampleProgress", SampleProgress ? "true" : "false");
        builder.UseSetting("Security:KeysDirectory", _folder.File("keys"));
        builder.UseSetting("Mail:PickupDirectory", _folder.File("mail"));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client that follows no redirects, so tests see where the app sends them.</summary>
    public HttpClient CreateManualClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<AppUser> CreateUserAsync(string name, string role, string? department = null, string password = Password)
    {
        _ = Services; // start the app (migrations, roles) with the test server or Kestrel alike
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<RoadmapDbContext>();
        var user = new AppUser
        {
            UserName = name,
            DepartmentId = department is null ? null : await db.Departments.Where(d => d.Name == department).Select(d => d.Id).SingleAsync(),
        };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    /// <summary>Posts the login form as a browser would (antiforgery token included); returns the response.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string name, string password,
        string returnUrl = "/")
    {
        var form = await client.GetStringAsync("/Account/Login");
        var token = TokenPattern().Match(form).Groups[1].Value;
        return await client.PostAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", WebUtility.HtmlDecode(token)),
            new("_handler", "login"),
            new("Input.UserName", name),
            new("Input.Password", password),
        ]));
    }

    /// <summary>A signed-in client (real login over HTTP) for a new user with the role.</summary>
    public async Task<HttpClient> CreateLoggedInClientAsync(string role = AppRoles.Viewer, string? department = null)
    {
        var name = role.ToLowerInvariant() + Guid.NewGuid().ToString("N")[..6];
        await CreateUserAsync(name, role, department);
        var client = CreateManualClient();
        var response = await PostLoginAsync(client, name, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder.Dispose();
            if (_postgres is not null)
            {
                PostgresDatabase.Drop(_postgres);
            }
        }
    }
}
