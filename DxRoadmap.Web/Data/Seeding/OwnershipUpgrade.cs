using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Data.Seeding;

/// <summary>
/// Brings a database seeded from an older plan file up to the file's ownership: 課 the file names that the database
/// lacks are added, and a 5.1 基幹業務 without a 業務所管課 gets the one the file names. Nothing the users changed is
/// touched (a system that already has a 課 keeps it). Runs at start-up after seeding; audited as the system's change.
/// </summary>
public static class OwnershipUpgrade
{
    /// <returns>The number of 課 added and systems given a 課.</returns>
    public static async Task<(int Departments, int Systems)> ApplyAsync(RoadmapDbContext db, string dataDirectory,
        CancellationToken cancellationToken = default)
    {
        if (!await db.Plans.AnyAsync(cancellationToken))
        {
            return (0, 0);
        }
        var plan = PlanFileReader.Read(Path.Combine(dataDirectory, RoadmapSeeder.PlanFileName));
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name, cancellationToken);
        var added = 0;
        foreach (var department in plan.Departments.Where(d => !departments.ContainsKey(d.Name)))
        {
            var entity = new Department { Name = department.Name, Division = department.Division };
            db.Departments.Add(entity);
            departments[entity.Name] = entity;
            added++;
        }
        var owners = plan.StandardSystems.Where(s => s.Department is not null)
            .ToDictionary(s => s.Name, s => s.Department!.Name, StringComparer.Ordinal);
        var assigned = 0;
        foreach (var system in await db.StandardSystems.Where(s => s.DepartmentId == null).ToListAsync(cancellationToken))
        {
            if (owners.TryGetValue(system.Name, out var owner))
            {
                system.Department = departments[owner];
                assigned++;
            }
        }
        if (added + assigned > 0)
        {
            using (AuditActor.Begin(AuditActor.System, "計画データの業務所管課を反映"))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        return (added, assigned);
    }
}
