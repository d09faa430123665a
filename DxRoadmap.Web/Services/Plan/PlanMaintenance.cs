using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

/// <summary>
/// Plan maintenance (管理): add, edit and delete milestones, tracks and departments — one file per aggregate
/// (<c>PlanMaintenance.Milestones.cs</c>, <c>.Tracks.cs</c>, <c>.Departments.cs</c>), the milestone plan's rules in
/// <see cref="MilestonePlanValidator"/>.
/// </summary>
public sealed partial class PlanMaintenance(IDbContextFactory<RoadmapDbContext> factory, AppClock clock, ILogger<PlanMaintenance> logger)
{
    /// <summary>The plan form's rules: see <see cref="MilestonePlanValidator.Validate"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ValidatePlan(MilestonePlanModel model, Milestone? current,
        out PlanDate? start, out PlanDate? end) => MilestonePlanValidator.Validate(model, current, out start, out end);

    private async Task<CommandResult> SaveAsync(RoadmapDbContext db, ICurrentUser user, string message, Milestone? milestone)
    {
        try
        {
            using (AuditActor.Begin(user.Name))
            {
                await db.SaveChangesAsync();
            }
            return CommandResult.Ok(message, milestone?.Version);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Fail(MilestoneEditing.ConflictMessage);
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "Plan maintenance save failed");
            return CommandResult.Fail("保存できませんでした。他の項目から参照されていないか確認して、もう一度お試しください。");
        }
    }
}
