using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Tests.Support;

/// <summary>
/// An in-memory SQLite database kept alive by one open connection, migrated like the real one, with a
/// context factory as the app uses.
/// </summary>
public sealed class SqliteDatabase : IDbContextFactory<RoadmapDbContext>, IDisposable
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

    public static async Task<SqliteDatabase> CreateSeededAsync(bool sampleProgress = false)
    {
        var database = new SqliteDatabase();
        await using var db = database.CreateDbContext();
        await RoadmapSeeder.SeedAsync(db, RepoPaths.DataDirectory, sampleProgress);
        return database;
    }

    public static SqliteDatabase CreateEmpty() => new();

    public RoadmapDbContext CreateDbContext() => new(_options);

    public void Dispose() => _connection.Dispose();
}
