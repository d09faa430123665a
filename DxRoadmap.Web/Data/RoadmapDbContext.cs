using DxRoadmap.Domain.Roadmap;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Data;

public sealed class RoadmapDbContext(DbContextOptions<RoadmapDbContext> options) : DbContext(options)
{
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Initiative> Initiatives => Set<Initiative>();
    public DbSet<Track> Tracks => Set<Track>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<ProgressUpdate> ProgressUpdates => Set<ProgressUpdate>();
    public DbSet<OnlineProcedure> Procedures => Set<OnlineProcedure>();
    public DbSet<AutomationCase> AutomationCases => Set<AutomationCase>();
    public DbSet<PeerMunicipality> Peers => Set<PeerMunicipality>();
    public DbSet<ReferenceItem> ReferenceItems => Set<ReferenceItem>();
    public DbSet<StandardSystem> StandardSystems => Set<StandardSystem>();
    public DbSet<StandardStep> StandardSteps => Set<StandardStep>();
    public DbSet<StandardStepCompletion> StandardStepCompletions => Set<StandardStepCompletion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RoadmapDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<PlanDate>().HaveConversion<PlanDateConverter>().HaveMaxLength(10);
    }
}
