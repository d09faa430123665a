using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

public sealed partial class PlanMaintenance
{
    /// <summary>Adds or renames a 課. A rename follows into the related-department lists and initiative leads that name it.</summary>
    public async Task<CommandResult> SaveDepartmentAsync(int? id, string name, string? division, ICurrentUser user,
        CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.ManageDepartments))
        {
            return CommandResult.Denied(RoadmapAction.ManageDepartments);
        }
        name = name?.Trim() ?? "";
        division = string.IsNullOrWhiteSpace(division) ? null : division.Trim();
        var fieldErrors = new FieldMessages();
        if (name.Length == 0)
        {
            fieldErrors.Add("Name", "課の名前を入力してください。");
        }
        else if (name.Length > 100)
        {
            fieldErrors.Add("Name", "課の名前は100文字以内で入力してください。");
        }
        if (division?.Length > 100)
        {
            fieldErrors.Add("Division", "部の名前は100文字以内で入力してください。");
        }
        if (fieldErrors.Count > 0)
        {
            return CommandResult.Invalid(fieldErrors.ToDictionary());
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Departments.AnyAsync(d => d.Name == name && d.Id != (id ?? 0), cancellationToken))
        {
            return CommandResult.Invalid(new Dictionary<string, IReadOnlyList<string>> { ["Name"] = [$"「{name}」は既に登録されています。"] });
        }
        if (id is { } departmentId)
        {
            var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == departmentId, cancellationToken);
            if (department is null)
            {
                return CommandResult.Fail("この課は削除されています。");
            }
            var oldName = department.Name;
            if (oldName != name)
            {
                foreach (var m in await db.Milestones.ToListAsync(cancellationToken))
                {
                    if (m.RelatedDepartments.Contains(oldName))
                    {
                        m.RelatedDepartments = m.RelatedDepartments.Select(r => r == oldName ? name : r).ToList();
                    }
                }
                foreach (var i in await db.Initiatives.Where(i => i.LeadDepartment == oldName).ToListAsync(cancellationToken))
                {
                    i.LeadDepartment = name;
                }
            }
            department.Name = name;
            department.Division = division;
            department.Version = Guid.NewGuid();
        }
        else
        {
            db.Departments.Add(new Department { Name = name, Division = division });
        }
        logger.LogInformation("Department {Name} saved by {Actor}", name, user.Name);
        return await SaveAsync(db, user, $"「{name}」を保存しました。", null);
    }

    /// <summary>Refused while any milestone, procedure, automation case, related list or initiative refers to the 課.</summary>
    public async Task<CommandResult> DeleteDepartmentAsync(int id, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.ManageDepartments))
        {
            return CommandResult.Denied(RoadmapAction.ManageDepartments);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (department is null)
        {
            return CommandResult.Fail("この課は既に削除されています。");
        }
        var uses = new List<string>();
        var owned = await db.Milestones.CountAsync(m => m.OwnerDepartmentId == id, cancellationToken);
        var related = (await db.Milestones.Select(m => m.RelatedDepartments).ToListAsync(cancellationToken))
            .Count(list => list.Contains(department.Name));
        var procedures = await db.Procedures.CountAsync(p => p.DepartmentId == id, cancellationToken);
        var cases = await db.AutomationCases.CountAsync(c => c.DepartmentId == id, cancellationToken);
        var leads = await db.Initiatives.CountAsync(i => i.LeadDepartment == department.Name, cancellationToken);
        if (owned > 0) uses.Add($"主管する工程 {owned} 件");
        if (related > 0) uses.Add($"関係課としての工程 {related} 件");
        if (procedures > 0) uses.Add($"オンライン化手続 {procedures} 件");
        if (cases > 0) uses.Add($"AI・RPA適用業務 {cases} 件");
        if (leads > 0) uses.Add($"重点取組の担当 {leads} 件");
        if (uses.Count > 0)
        {
            return CommandResult.Fail($"「{department.Name}」は{string.Join("、", uses)}で使われているため削除できません。");
        }
        db.Departments.Remove(department);
        logger.LogInformation("Department {Name} deleted by {Actor}", department.Name, user.Name);
        return await SaveAsync(db, user, $"「{department.Name}」を削除しました。", null);
    }
}
