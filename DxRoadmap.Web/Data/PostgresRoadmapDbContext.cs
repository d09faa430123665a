using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Data;

/// <summary>
/// The same model on PostgreSQL. A class of its own only so that EF keeps a separate migration set
/// (Data/Migrations/Postgres) with its own snapshot; everything else is inherited
/// (docs/decisions/005-postgresql-migration-set.md).
/// </summary>
public sealed class PostgresRoadmapDbContext(DbContextOptions options) : RoadmapDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // timestamptz takes UTC only; the app works in Japan time, so read values back in it as SQLite returns them.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<JapanTimeConverter>();
    }
}
