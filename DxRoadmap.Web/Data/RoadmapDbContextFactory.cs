using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Data;

/// <summary>Creates one context per operation, stamped with the app's clock for audit rows.</summary>
public sealed class RoadmapDbContextFactory(DbContextOptions<RoadmapDbContext> options, TimeProvider time)
    : IDbContextFactory<RoadmapDbContext>
{
    public RoadmapDbContext CreateDbContext() => new(options) { Clock = time };
}
