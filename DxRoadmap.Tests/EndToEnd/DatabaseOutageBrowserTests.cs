using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DxRoadmap.Tests.EndToEnd;

/// <summary>
/// The database goes away while a user has a page open and a save in flight, and comes back: the user is told,
/// nothing is half-saved, the page recovers by itself, and the next save works — on PostgreSQL and on SQLite.
/// </summary>
public abstract class DatabaseOutageBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task DatabaseGoesAway_DuringASave_UserIsTold_NothingIsHalfSaved_ThePageComesBack_TheNextSaveWorks()
    {
        await using var watched = await app.NewPageAsync();
        var page = watched.Page;
        var id = await CompletedMilestoneAsync();
        var lostNote = "停止中に入力した備考 " + Guid.NewGuid().ToString("N")[..6];
        var keptNote = "復旧後に保存した備考 " + Guid.NewGuid().ToString("N")[..6];
        await watched.LoginAsync(BrowserApp.EditorName);
        await watched.GotoAsync($"/milestones/{id}");
        await page.Locator("[data-testid=note]").FillAsync(lostNote);
        await page.Locator("[data-testid=note]").PressAsync("Tab");

        await using (var outage = DatabaseOutage.For(app.Factory))
        {
            await outage.InterruptAsync(() => page.Locator("[data-testid=save]").ClickAsync());

            // The save in flight is refused in words the user can act on; the input is still on the screen.
            await Assertions.Expect(page.Locator("[data-testid=save-error]")).ToContainTextAsync("保存できませんでした",
                new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=save-error]")).ToContainTextAsync("入力内容はこの画面に残っています");
            await Assertions.Expect(page.Locator("[data-testid=note]")).ToHaveValueAsync(lostNote);
            await ShotAsync(page, "save-refused");

            // Another page while the database is down: the error display, not a dead connection.
            await page.GetByRole(AriaRole.Complementary).GetByRole(AriaRole.Link, new() { Name = "ダッシュボード", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=page-error]")).ToContainTextAsync(DatabaseFaults.Message,
                new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=page-error-retry]")).ToBeVisibleAsync();
            await ShotAsync(page, "page-waiting");

            // Pressing F5 while it is down: the same display from the server's first render, and a live page.
            await page.ReloadAsync();
            await watched.WaitForCircuitAsync();
            await Assertions.Expect(page.Locator("[data-testid=page-error]")).ToContainTextAsync(DatabaseFaults.Message,
                new() { Timeout = 30_000 });

            await outage.EndAsync();
        }

        // Back by itself: no click, no reload.
        await Assertions.Expect(page.Locator("[data-testid=late-total]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-testid=page-error]")).ToHaveCountAsync(0);

        await watched.GotoAsync($"/milestones/{id}");
        await Assertions.Expect(page.Locator("[data-testid=note]")).Not.ToHaveValueAsync(lostNote);
        await page.Locator("[data-testid=note]").FillAsync(keptNote);
        await page.Locator("[data-testid=note]").PressAsync("Tab");
        await page.Locator("[data-testid=save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=history-entry]").First).ToContainTextAsync(keptNote);

        // The data and the audit log agree: the refused save left no trace, the accepted one exactly one of each.
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RoadmapDbContext>>().CreateDbContextAsync();
        Assert.Equal(keptNote, (await db.Milestones.SingleAsync(m => m.Id == id)).Note);
        var audit = await db.AuditEntries.Where(a => a.Field == MilestoneFields.Note).Select(a => a.NewValue).ToListAsync();
        Assert.DoesNotContain(lostNote, audit);
        Assert.Single(audit, v => v == keptNote);
        var history = (await db.ProgressUpdates.Where(u => u.MilestoneId == id).ToListAsync()).SelectMany(u => u.Changes).ToList();
        Assert.DoesNotContain(history, c => c.NewValue == lostNote);
        Assert.Single(history, c => c.NewValue == keptNote);
    }

    /// <summary>What the user saw, kept for people to look at (the fixture's name tells the provider).</summary>
    private Task ShotAsync(IPage page, string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dxroadmap-outage");
        Directory.CreateDirectory(folder);
        return page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{app.GetType().Name}-{name}.png") });
    }

    /// <summary>A finished item: a note can be saved on it without the late-item rules asking for a reason.</summary>
    private async Task<int> CompletedMilestoneAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RoadmapDbContext>>().CreateDbContextAsync();
        return await db.Milestones.Where(m => m.Status == MilestoneStatus.Done && m.ExternalActor == null)
            .OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
    }
}

[Collection(PostgresBrowserApp.Collection)]
public sealed class DatabaseOutageOnPostgresBrowserTests(PostgresBrowserApp app) : DatabaseOutageBrowserTests(app);

[Collection(LockableSqliteBrowserApp.Collection)]
public sealed class DatabaseOutageOnSqliteBrowserTests(LockableSqliteBrowserApp app) : DatabaseOutageBrowserTests(app);

/// <summary>The app with the sample progress on a new PostgreSQL database; skipped without a server (a failure in CI).</summary>
public sealed class PostgresBrowserApp : BrowserApp
{
    public const string Collection = "browser-postgres";

    public override async ValueTask InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresDatabase.Variable))
            && Environment.GetEnvironmentVariable("DXROADMAP_REQUIRE_POSTGRES") != "1")
        {
            SkipReason = $"PostgreSQL がありません: {PostgresDatabase.Variable} を設定すると実行します。";
            return;
        }
        await base.InitializeAsync();
    }

    protected override AppFactory CreateFactory() => new SampleAppFactory(TestProvider.Postgres);
}

/// <summary>The app on a SQLite file whose lock waits run out after 2 s, so a held lock is felt at once.</summary>
public sealed class LockableSqliteBrowserApp : BrowserApp
{
    public const string Collection = "browser-sqlite-lock";

    protected override AppFactory CreateFactory()
    {
        var factory = new SampleAppFactory();
        factory.Settings["ConnectionStrings:Roadmap"] = $"Data Source={factory.DatabasePath};Default Timeout=2";
        return factory;
    }
}

[CollectionDefinition(PostgresBrowserApp.Collection)]
public sealed class PostgresBrowserCollection : ICollectionFixture<PostgresBrowserApp>;

[CollectionDefinition(LockableSqliteBrowserApp.Collection)]
public sealed class LockableSqliteBrowserCollection : ICollectionFixture<LockableSqliteBrowserApp>;
