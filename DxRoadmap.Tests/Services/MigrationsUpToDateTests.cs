using DxRoadmap.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Tests.Services;

/// <summary>
/// The migrations of each provider describe the model exactly: a model change without its migration, or two
/// branches' migrations merged out of step, would otherwise only show as a failure on someone's database.
/// </summary>
public class MigrationsUpToDateTests
{
    protected virtual TestProvider Provider => TestProvider.Sqlite;

    [Fact]
    public async Task TheModel_HasNoChangesWithoutAMigration()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        await using var db = database.CreateDbContext();
        Assert.False(db.Database.HasPendingModelChanges(), $"{Provider}: the model differs from the last migration's snapshot");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class MigrationsUpToDateTestsOnPostgres : MigrationsUpToDateTests
{
    protected override TestProvider Provider => TestProvider.Postgres;
}
