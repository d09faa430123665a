using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Data;

/// <summary>Applies migrations, makes sure SQLite runs in WAL mode and seeds an empty database.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<RoadmapDbContext> factory,
    IOptions<SeedOptions> seed,
    DataLocation location,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            var connection = db.Database.GetDbConnection();
            if (connection.DataSource is { Length: > 0 } file && Path.GetDirectoryName(file) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await EnsureWalAsync(db, cancellationToken);
        }
        if (seed.Value.Plan && await RoadmapSeeder.SeedAsync(db, location.Directory, seed.Value.SampleProgress, cancellationToken))
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = db.Clock.GetUtcNow(),
                Actor = AuditActor.System,
                Entity = "計画",
                Field = "初期データ読込",
                NewValue = seed.Value.SampleProgress ? "計画データとサンプル進捗" : "計画データ",
            });
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("計画データを {Directory} から読み込みました (サンプル進捗: {Sample})",
                location.Directory, seed.Value.SampleProgress);
        }
        if (seed.Value.Plan && await OwnershipUpgrade.ApplyAsync(db, location.Directory, cancellationToken) is { } upgrade
            && upgrade != (0, 0))
        {
            logger.LogInformation("業務所管課を反映しました (課の追加 {Departments}, 所管課の設定 {Systems})", upgrade.Departments, upgrade.Systems);
        }
    }

    // EF only sets WAL when it creates the file itself, so set it every start and check that it took.
    private static async Task EnsureWalAsync(RoadmapDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(connection.DataSource, ":memory:", StringComparison.Ordinal)
                && !string.IsNullOrEmpty(connection.DataSource))
            {
                throw new InvalidOperationException($"SQLite を WAL モードにできません (journal_mode={mode})。");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>The resolved data folder.</summary>
public sealed record DataLocation(string Directory);

/// <summary>
/// Runs the initializer when the host starts, before the server accepts requests, and then reads the roadmap
/// once: the first person to open the dashboard after a restart gets the kept snapshot and today's dashboard
/// rather than waiting for the whole read (about a tenth of a second per 10,000 milestones).
/// </summary>
internal sealed class DatabaseInitializerService(
    DatabaseInitializer initializer,
    IServiceScopeFactory scopes,
    IHostEnvironment environment,
    IOptions<Security.DemoAccountOptions> demo,
    Services.ProgressQueries queries,
    Services.AppClock clock,
    ILogger<DatabaseInitializerService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await initializer.InitializeAsync(cancellationToken);
        await using (var scope = scopes.CreateAsyncScope())
        {
            await Security.AccountsInitializer.EnsureRolesAsync(scope.ServiceProvider);
            if (environment.IsDevelopment())
            {
                await Security.AccountsInitializer.EnsureDemoAccountsAsync(scope.ServiceProvider, demo.Value);
            }
        }
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var dashboard = await queries.GetDashboardAsync(clock.Today, department: null, cancellationToken);
            logger.LogInformation("Read the roadmap ahead at start-up: {Milestones} steps, today's dashboard, in {Elapsed:F0} ms",
                dashboard.Initiatives.Sum(i => i.Total), System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only a head start: the first page reads again and reports a failure as it always does.
            logger.LogWarning(ex, "The roadmap could not be read ahead at start-up");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
