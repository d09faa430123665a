using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Data;

/// <summary>
/// Creates one context per operation, stamped with the app's clock for audit rows; the context class follows the
/// configured provider, because each class carries its own migration set.
/// </summary>
public sealed class RoadmapDbContextFactory(DbContextOptions<RoadmapDbContext> options, TimeProvider time, DatabaseSettings settings)
    : IDbContextFactory<RoadmapDbContext>
{
    public RoadmapDbContext CreateDbContext() => settings.Provider == DatabaseProvider.Postgres
        ? new PostgresRoadmapDbContext(options) { Clock = time }
        : new RoadmapDbContext(options) { Clock = time };
}
