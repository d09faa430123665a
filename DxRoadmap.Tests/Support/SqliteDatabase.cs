using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DxRoadmap.Tests.Support;

/// <summary>The database a service test runs on: SQLite always, PostgreSQL when a server is given.</summary>
public enum TestProvider
{
    Sqlite,
    Postgres,
}

/// <summary>A fresh, migrated database of either provider, with a context factory as the app uses.</summary>
public abstract class TestDatabase : IDbContextFactory<RoadmapDbContext>, IDisposable
{
    public static TestDatabase CreateEmpty(TestProvider provider) =>
        provider == TestProvider.Postgres ? PostgresDatabase.Create() : SqliteDatabase.CreateEmpty();

    public static async Task<TestDatabase> CreateSeededAsync(TestProvider provider, bool sampleProgress = false)
    {
        var database = CreateEmpty(provider);
        await using var db = database.CreateDbContext();
        await RoadmapSeeder.SeedAsync(db, RepoPaths.DataDirectory, sampleProgress);
        return database;
    }

    public abstract RoadmapDbContext CreateDbContext();

    /// <summary>A context whose commands, transactions or saves <paramref name="interceptor"/> sees (to interleave two users).</summary>
    public abstract RoadmapDbContext CreateDbContext(IInterceptor interceptor);

    public abstract void Dispose();
}

/// <summary>
/// An in-memory SQLite database kept alive by one open connection, migrated like the real one, with a
/// context factory as the app uses.
/// </summary>
public sealed class SqliteDatabase : TestDatabase
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly DbContextOptions<RoadmapDbContext> _options;

    private SqliteDatabase()
    {
        _connection.Open();
        _options = new DbContextOptionsBuilder<RoadmapDbContext>().UseSqlite(_connection).Options;
        using var db = CreateDbContext();
        db.Database.Migrate();
    }

    public static Task<TestDatabase> CreateSeededAsync(bool sampleProgress = false) =>
        CreateSeededAsync(TestProvider.Sqlite, sampleProgress);

    public static SqliteDatabase CreateEmpty() => new();

    public override RoadmapDbContext CreateDbContext() => new(_options);

    public override RoadmapDbContext CreateDbContext(IInterceptor interceptor) =>
        new(new DbContextOptionsBuilder<RoadmapDbContext>().UseSqlite(_connection).AddInterceptors(interceptor).Options);

    public override void Dispose() => _connection.Dispose();
}
