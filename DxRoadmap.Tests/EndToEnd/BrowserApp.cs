using DxRoadmap.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Services;
using Microsoft.Playwright;

namespace DxRoadmap.Tests.EndToEnd;

/// <summary>
/// The app served by Kestrel on a real loopback port, on a temporary database with the sample progress, and
/// Debian's Chromium driven by Playwright. Shared by the browser tests of one collection.
/// Without Chromium the tests skip with the reason; with DXROADMAP_REQUIRE_BROWSER=1 (CI) they fail instead.
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    /// <summary>Debian's Chromium, or the file DXROADMAP_CHROMIUM names (CI points it at nothing to prove the skip path).</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("DXROADMAP_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
    public const string EditorName = "editor";
    public const string HeadName = "head";
    public const string HeadDepartment = "子どもみらい課";
    public const string ViewerName = "viewer";

    private AppFactory? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser? Browser { get; private set; }

    public string? SkipReason { get; protected set; }

    public static bool Required => Environment.GetEnvironmentVariable("DXROADMAP_REQUIRE_BROWSER") == "1";

    /// <summary>"Today" as the app sees it (Japan time). Skips the calling test when no browser is available.</summary>
    public DateOnly Today => Services.GetRequiredService<AppClock>().Today;

    public virtual async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"Chromium がありません ({ChromiumPath})。apt-get install -y chromium で入れてください。";
            return;
        }
        _factory = CreateFactory();
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
            .Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        await _factory.CreateUserAsync(EditorName, AppRoles.Editor);
        await _factory.CreateUserAsync(HeadName, AppRoles.DepartmentHead, HeadDepartment);
        await _factory.CreateUserAsync(ViewerName, AppRoles.Viewer);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--disable-quic"],
        });
    }

    /// <summary>The app under test: the sample progress on a temporary SQLite file unless a fixture says otherwise.</summary>
    protected virtual AppFactory CreateFactory() => new SampleAppFactory();

    /// <summary>The app's factory (its database), for tests that act on the database behind the app's back.</summary>
    public AppFactory Factory
    {
        get
        {
            RequireBrowser();
            return _factory!;
        }
    }

    /// <summary>
    /// The running app's services, to look up data the browser then works on. Without a browser no app was
    /// started, so asking for them skips the calling test like <see cref="NewPageAsync"/> does.
    /// </summary>
    public IServiceProvider Services
    {
        get
        {
            RequireBrowser();
            return _factory!.Services;
        }
    }

    public Task CreateUserAsync(string name, string role, string? department = null)
    {
        RequireBrowser();
        return _factory!.CreateUserAsync(name, role, department);
    }

    /// <summary>Skips the calling test when no browser is available (fails instead when CI requires one).</summary>
    public void RequireBrowser()
    {
        if (SkipReason is null)
        {
            return;
        }
        if (Required)
        {
            Assert.Fail(SkipReason);
        }
        Assert.Skip(SkipReason);
    }

    /// <summary>
    /// A fresh page that records console errors and every request that leaves the app's own origin.
    /// </summary>
    public async Task<WatchedPage> NewPageAsync()
    {
        RequireBrowser();
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var watched = new WatchedPage(page, BaseUrl);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                watched.ConsoleErrors.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                watched.ConsoleErrors.Add($"HTTP {response.Status} {response.Url}");
            }
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(BaseUrl, StringComparison.Ordinal)
                && !request.Url.StartsWith("data:", StringComparison.Ordinal)
                && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                watched.ForeignRequests.Add(request.Url);
            }
        };
        return watched;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>The whole app with the sample progress loaded, on SQLite or PostgreSQL.</summary>
    public class SampleAppFactory(TestProvider provider = TestProvider.Sqlite) : AppFactory(provider)
    {
        protected override bool SampleProgress => true;
    }
}

public sealed record WatchedPage(IPage Page, string BaseUrl) : IAsyncDisposable
{
    public List<string> ConsoleErrors { get; } = [];

    public List<string> ForeignRequests { get; } = [];

    /// <summary>Opens a page and, for the app's own pages, waits until its circuit is live so clicks are handled.</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await WaitForCircuitAsync();
    }

    /// <summary>The layout marks itself once rendered interactively; account pages have no circuit.</summary>
    public async Task WaitForCircuitAsync()
    {
        if (!Page.Url.Contains("/Account/", StringComparison.Ordinal))
        {
            await Page.Locator("[data-testid=circuit-ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }
    }

    /// <summary>Signs in through the login page as a user would, and waits for the app to be interactive.</summary>
    public async Task LoginAsync(string userName, string password = AppFactory.Password)
    {
        await GotoAsync("/Account/Login");
        await Page.Locator("#username").FillAsync(userName);
        await Page.Locator("#password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await Assertions.Expect(Page.Locator("[data-testid=current-user]")).ToContainTextAsync(userName);
        await WaitForCircuitAsync();
    }

    /// <summary>
    /// Every page this test visited stayed on the machine (no CDN, no outside call) and logged no error
    /// (console errors and HTTP responses of 400 or more).
    /// </summary>
    public void AssertNothingLeftTheMachineAndNoErrors()
    {
        Assert.True(ForeignRequests.Count == 0, "Requests left the app: " + string.Join("\n", ForeignRequests));
        Assert.True(ConsoleErrors.Count == 0, "Browser errors: " + string.Join("\n", ConsoleErrors));
    }

    public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
