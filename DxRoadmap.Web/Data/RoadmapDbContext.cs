using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Mail;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DxRoadmap.Web.Data;

/// <summary>
/// The plan, the accounts (ASP.NET Core Identity) and the audit log in one database, so a change and its audit
/// rows commit in one transaction (docs/decisions/002-identity-and-audit-in-one-context.md). This class carries
/// the SQLite migrations; <see cref="PostgresRoadmapDbContext"/> the PostgreSQL ones
/// (docs/decisions/005-postgresql-migration-set.md).
/// </summary>
public class RoadmapDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
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
    public DbSet<StandardStepChange> StandardStepChanges => Set<StandardStepChange>();
    public DbSet<InitiativeFinding> Findings => Set<InitiativeFinding>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataStamp> DataStamps => Set<DataStamp>();
    public DbSet<InquiryRound> InquiryRounds => Set<InquiryRound>();
    public DbSet<InquiryItem> InquiryItems => Set<InquiryItem>();
    public DbSet<InquiryResponse> InquiryResponses => Set<InquiryResponse>();
    public DbSet<MilestoneDepartmentEntry> DepartmentEntries => Set<MilestoneDepartmentEntry>();
    public DbSet<OutgoingMail> OutgoingMails => Set<OutgoingMail>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();

    /// <summary>The clock audit rows are stamped with; the app's factory sets the injected one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RoadmapDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<PlanDate>().HaveConversion<PlanDateConverter>().HaveMaxLength(10);
    }

    /// <summary>Saves the changes with their audit rows recorded under <paramref name="actor"/>.</summary>
    public async Task SaveAsAsync(string actor, CancellationToken cancellationToken = default)
    {
        using (AuditActor.Begin(actor))
        {
            await SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Saves the changes together with their audit rows; the count excludes the audit rows.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var audited = AuditCollector.Audited(ChangeTracker);
        var database = audited.Where(AuditCollector.NeedsDatabaseValues)
            .ToDictionary(e => e.Entity, e => e.GetDatabaseValues(), ReferenceEqualityComparer.Instance);
        var rows = AuditCollector.Collect(ChangeTracker, audited, Clock.GetUtcNow(), database);
        return SaveWithAudit(rows, () => base.SaveChanges(acceptAllChangesOnSuccess));
    }

    /// <summary>Saves the changes together with their audit rows; the count excludes the audit rows.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken = default)
    {
        var audited = AuditCollector.Audited(ChangeTracker);
        var database = new Dictionary<object, PropertyValues?>(ReferenceEqualityComparer.Instance);
        foreach (var entry in audited.Where(AuditCollector.NeedsDatabaseValues))
        {
            database[entry.Entity] = await entry.GetDatabaseValuesAsync(cancellationToken);
        }
        var rows = AuditCollector.Collect(ChangeTracker, audited, Clock.GetUtcNow(), database);
        AuditEntries.AddRange(rows);
        DataStamping.Apply(this);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken) - rows.Count;
        }
        catch
        {
            ForgetAudit(rows);
            throw;
        }
    }

    private int SaveWithAudit(List<AuditEntry> rows, Func<int> save)
    {
        AuditEntries.AddRange(rows);
        DataStamping.Apply(this);
        try
        {
            return save() - rows.Count;
        }
        catch
        {
            ForgetAudit(rows);
            throw;
        }
    }

    /// <summary>The change was refused: its audit rows must not be saved by a later retry on this context.</summary>
    private void ForgetAudit(List<AuditEntry> rows)
    {
        foreach (var row in rows)
        {
            Entry(row).State = EntityState.Detached;
        }
    }
}
