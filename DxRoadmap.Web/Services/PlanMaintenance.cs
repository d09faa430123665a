using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

/// <summary>The planned (not progress) fields of a milestone, as the plan maintenance form edits them.</summary>
public sealed class MilestonePlanModel
{
    public string Title { get; set; } = "";
    public int TrackId { get; set; }
    public int OwnerDepartmentId { get; set; }
    public IReadOnlyCollection<string> RelatedDepartments { get; set; } = [];
    public MilestoneKind Kind { get; set; }
    /// <summary>"2022-04" (month) or "2022-04-15" (day), as the plan file writes dates.</summary>
    public string? PlannedStart { get; set; }
    public string? PlannedEnd { get; set; }
    public bool OpenEnded { get; set; }
    public bool Deadline { get; set; }
    public string? ExternalActor { get; set; }
    public bool RecurringYearly { get; set; }
    /// <summary>計画変更理由: required when the planned dates of an existing milestone change.</summary>
    public string? ReplanReason { get; set; }

    public static MilestonePlanModel From(Milestone m) => new()
    {
        Title = m.Title,
        TrackId = m.TrackId,
        OwnerDepartmentId = m.OwnerDepartmentId,
        RelatedDepartments = m.RelatedDepartments.ToList(),
        Kind = m.Kind,
        PlannedStart = m.Kind == MilestoneKind.Point ? null : m.PlannedStart?.ToIso(),
        PlannedEnd = m.PlannedEnd?.ToIso(),
        OpenEnded = m.OpenEnded,
        Deadline = m.Deadline,
        ExternalActor = m.ExternalActor,
        RecurringYearly = m.RecurringYearly,
    };
}

/// <summary>Plan maintenance (管理): add, edit and delete milestones, tracks and departments.</summary>
public sealed class PlanMaintenance(IDbContextFactory<RoadmapDbContext> factory, AppClock clock, ILogger<PlanMaintenance> logger)
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors =
        new Dictionary<string, IReadOnlyList<string>>();

    // ---- milestones -------------------------------------------------------------------------------------

    /// <summary>
    /// Checks the plan form. <paramref name="current"/> is null for a new milestone; for an existing one a change
    /// of planned dates needs a 計画変更理由.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ValidatePlan(MilestonePlanModel model, Milestone? current,
        out PlanDate? start, out PlanDate? end)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }
            list.Add(message);
        }

        start = null;
        end = null;
        if (string.IsNullOrWhiteSpace(model.Title))
        {
            Add(nameof(model.Title), "工程名を入力してください。");
        }
        else if (model.Title.Trim().Length > Milestone.TitleMaxLength)
        {
            Add(nameof(model.Title), $"工程名は{Milestone.TitleMaxLength}文字以内で入力してください。");
        }
        if (model.TrackId <= 0)
        {
            Add(nameof(model.TrackId), "取組項目を選んでください。");
        }
        if (model.OwnerDepartmentId <= 0)
        {
            Add(nameof(model.OwnerDepartmentId), "主管課を選んでください。");
        }

        if (!Enum.IsDefined(model.Kind))
        {
            Add(nameof(model.Kind), "種別の値が不正です。時点か期間を選んでください。");
            return errors.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value);
        }
        if (model.Kind == MilestoneKind.Span && !string.IsNullOrWhiteSpace(model.PlannedStart))
        {
            if (PlanDate.TryParse(model.PlannedStart, out var s))
            {
                start = s;
            }
            else
            {
                Add(nameof(model.PlannedStart), "計画開始は 2022-04 または 2022-04-15 の形で入力してください。");
            }
        }
        if (!string.IsNullOrWhiteSpace(model.PlannedEnd))
        {
            if (PlanDate.TryParse(model.PlannedEnd, out var e))
            {
                end = e;
            }
            else
            {
                Add(nameof(model.PlannedEnd), "計画終了は 2022-04 または 2022-04-15 の形で入力してください。");
            }
        }

        if (model.Kind == MilestoneKind.Point)
        {
            if (end is null && !errors.ContainsKey(nameof(model.PlannedEnd)))
            {
                Add(nameof(model.PlannedEnd), "時点 (◆) の工程には日付を入力してください。");
            }
            start = end;
        }
        else
        {
            if (start is null && !errors.ContainsKey(nameof(model.PlannedStart)))
            {
                Add(nameof(model.PlannedStart), "計画開始を入力してください。");
            }
            if (model.OpenEnded)
            {
                end = null;
            }
            else if (end is null && !errors.ContainsKey(nameof(model.PlannedEnd)))
            {
                Add(nameof(model.PlannedEnd), "計画終了を入力するか「終期なし (順次)」にしてください。");
            }
            if (start is { } s2 && end is { } e2 && e2.LastDay < s2.FirstDay)
            {
                Add(nameof(model.PlannedEnd), "計画終了は計画開始より前にできません。");
            }
        }
        if (model.ExternalActor?.Trim().Length > 100)
        {
            Add(nameof(model.ExternalActor), "実施主体は100文字以内で入力してください。");
        }

        var reason = model.ReplanReason?.Trim();
        if (current is not null && (current.PlannedStart != start || current.PlannedEnd != end)
            && !errors.ContainsKey(nameof(model.PlannedStart)) && !errors.ContainsKey(nameof(model.PlannedEnd)))
        {
            if (string.IsNullOrEmpty(reason))
            {
                Add(nameof(model.ReplanReason), "計画日付を変更するときは計画変更理由を入力してください。");
            }
        }
        if (reason?.Length > Milestone.TextMaxLength)
        {
            Add(nameof(model.ReplanReason), $"計画変更理由は{Milestone.TextMaxLength}文字以内で入力してください。");
        }
        return errors.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value);
    }

    public async Task<Milestone?> FindMilestoneAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Milestones.AsNoTracking().Include(m => m.OwnerDepartment).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    public async Task<CommandResult> AddMilestoneAsync(MilestonePlanModel model, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.EditPlan))
        {
            return CommandResult.Denied(RoadmapAction.EditPlan);
        }
        var errors = ValidatePlan(model, null, out var start, out var end);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var track = await db.Tracks.Include(t => t.Initiative).SingleOrDefaultAsync(t => t.Id == model.TrackId, cancellationToken);
        var owner = await db.Departments.SingleOrDefaultAsync(d => d.Id == model.OwnerDepartmentId, cancellationToken);
        if (track is null || owner is null)
        {
            return CommandResult.Fail("選んだ取組項目または主管課が見つかりません。画面を再読み込みしてください。");
        }
        var prefix = track.Initiative!.Code + "-";
        var codes = await db.Milestones.Where(m => m.Code.StartsWith(prefix)).Select(m => m.Code).ToListAsync(cancellationToken);
        var next = codes.Select(c => int.TryParse(c[prefix.Length..], out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        var order = await db.Milestones.Where(m => m.TrackId == track.Id).Select(m => (int?)m.Order).MaxAsync(cancellationToken) ?? 0;

        var now = clock.Now;
        var milestone = new Milestone
        {
            Code = prefix + next.ToString("00", System.Globalization.CultureInfo.InvariantCulture),
            Title = model.Title.Trim(),
            TrackId = track.Id,
            OwnerDepartment = owner,
            Order = order + 1,
            UpdatedBy = user.Name,
            UpdatedAt = now,
        };
        ApplyPlan(milestone, model, start, end);
        milestone.BaselineStart = milestone.PlannedStart;
        milestone.BaselineEnd = milestone.PlannedEnd;
        db.Milestones.Add(milestone);
        db.ProgressUpdates.Add(new ProgressUpdate
        {
            Milestone = milestone,
            UpdatedBy = user.Name,
            UpdatedAt = now,
            Comment = "工程を追加",
            Changes = MilestoneFields.Diff(new Dictionary<string, string?>(), MilestoneFields.Snapshot(milestone)),
        });
        return await SaveAsync(db, user, $"工程「{milestone.Title}」({milestone.Code}) を追加しました。", milestone);
    }

    /// <summary>Changes the planned fields; the baseline dates stay as first issued and a date change records its reason.</summary>
    public async Task<CommandResult> UpdateMilestonePlanAsync(int id, MilestonePlanModel model, Guid loadedVersion, ICurrentUser user,
        CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.EditPlan))
        {
            return CommandResult.Denied(RoadmapAction.EditPlan);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var milestone = await db.Milestones.Include(m => m.OwnerDepartment).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (milestone is null)
        {
            return CommandResult.Fail("この工程は削除されています。");
        }
        var errors = ValidatePlan(model, milestone, out var start, out var end);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }
        var owner = await db.Departments.SingleOrDefaultAsync(d => d.Id == model.OwnerDepartmentId, cancellationToken);
        var trackTitles = await db.Tracks.ToDictionaryAsync(t => t.Id, t => t.Title, cancellationToken);
        if (owner is null || !trackTitles.ContainsKey(model.TrackId))
        {
            return CommandResult.Fail("選んだ取組項目または主管課が見つかりません。画面を再読み込みしてください。");
        }

        var datesChanged = milestone.PlannedStart != start || milestone.PlannedEnd != end;
        var before = MilestoneFields.Snapshot(milestone);
        var otherBefore = PlanOnlyFields(milestone, trackTitles);
        milestone.Title = model.Title.Trim();
        milestone.TrackId = model.TrackId;
        milestone.OwnerDepartment = owner;
        ApplyPlan(milestone, model, start, end);
        var changes = MilestoneFields.Diff(before, MilestoneFields.Snapshot(milestone));
        changes.AddRange(MilestoneFields.Diff(otherBefore, PlanOnlyFields(milestone, trackTitles)));
        if (changes.Count == 0)
        {
            return CommandResult.Unchanged("変更はありません。", milestone.Version);
        }

        MilestoneHistory.Record(db, milestone, loadedVersion, changes, user.Name, clock.Now,
            datesChanged ? "計画変更" : "計画の修正", datesChanged ? model.ReplanReason!.Trim() : null);
        return await SaveAsync(db, user, "計画を保存しました。", milestone);
    }

    public async Task<int> CountHistoryAsync(int milestoneId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ProgressUpdates.CountAsync(u => u.MilestoneId == milestoneId, cancellationToken);
    }

    /// <summary>Deletes a milestone and its history (the confirmation dialog says so).</summary>
    public async Task<CommandResult> DeleteMilestoneAsync(int id, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.EditPlan))
        {
            return CommandResult.Denied(RoadmapAction.EditPlan);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var milestone = await db.Milestones.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (milestone is null)
        {
            return CommandResult.Fail("この工程は既に削除されています。");
        }
        db.Milestones.Remove(milestone);
        logger.LogInformation("Milestone {Code} deleted by {Actor}", milestone.Code, user.Name);
        return await SaveAsync(db, user, $"工程「{milestone.Title}」を削除しました。", null);
    }

    // ---- tracks -----------------------------------------------------------------------------------------

    public async Task<CommandResult> SaveTrackAsync(int? id, int initiativeId, string title, bool recurringYearly, ICurrentUser user,
        CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.EditPlan))
        {
            return CommandResult.Denied(RoadmapAction.EditPlan);
        }
        title = title?.Trim() ?? "";
        if (title.Length == 0 || title.Length > 200)
        {
            return CommandResult.Invalid(new Dictionary<string, IReadOnlyList<string>>
            {
                ["Title"] = [title.Length == 0 ? "取組項目名を入力してください。" : "取組項目名は200文字以内で入力してください。"],
            });
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var initiative = await db.Initiatives.SingleOrDefaultAsync(i => i.Id == initiativeId, cancellationToken);
        if (initiative is null)
        {
            return CommandResult.Fail("重点取組が見つかりません。");
        }
        Track? track;
        if (id is { } trackId)
        {
            track = await db.Tracks.SingleOrDefaultAsync(t => t.Id == trackId, cancellationToken);
            if (track is null)
            {
                return CommandResult.Fail("この取組項目は削除されています。");
            }
        }
        else
        {
            var prefix = initiative.Code + "-t";
            var codes = await db.Tracks.Where(t => t.Code.StartsWith(prefix)).Select(t => t.Code).ToListAsync(cancellationToken);
            var next = codes.Select(c => int.TryParse(c[prefix.Length..], out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
            var order = await db.Tracks.Where(t => t.InitiativeId == initiativeId).Select(t => (int?)t.Order).MaxAsync(cancellationToken) ?? 0;
            track = new Track { Code = prefix + next, Title = title, Order = order + 1 };
            db.Tracks.Add(track);
        }
        track.InitiativeId = initiativeId;
        track.Title = title;
        track.RecurringYearly = recurringYearly;
        track.Version = Guid.NewGuid();
        logger.LogInformation("Track {Title} saved by {Actor}", title, user.Name);
        return await SaveAsync(db, user, $"取組項目「{title}」を保存しました。", null);
    }

    /// <summary>Refused while the track still holds milestones.</summary>
    public async Task<CommandResult> DeleteTrackAsync(int id, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.EditPlan))
        {
            return CommandResult.Denied(RoadmapAction.EditPlan);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var track = await db.Tracks.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (track is null)
        {
            return CommandResult.Fail("この取組項目は既に削除されています。");
        }
        var count = await db.Milestones.CountAsync(m => m.TrackId == id, cancellationToken);
        if (count > 0)
        {
            return CommandResult.Fail($"取組項目「{track.Title}」には工程が {count} 件あるため削除できません。先に工程を移すか削除してください。");
        }
        db.Tracks.Remove(track);
        logger.LogInformation("Track {Title} deleted by {Actor}", track.Title, user.Name);
        return await SaveAsync(db, user, $"取組項目「{track.Title}」を削除しました。", null);
    }

    // ---- departments ------------------------------------------------------------------------------------

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
        var fieldErrors = new Dictionary<string, IReadOnlyList<string>>();
        if (name.Length == 0)
        {
            fieldErrors["Name"] = ["課の名前を入力してください。"];
        }
        else if (name.Length > 100)
        {
            fieldErrors["Name"] = ["課の名前は100文字以内で入力してください。"];
        }
        if (division?.Length > 100)
        {
            fieldErrors["Division"] = ["部の名前は100文字以内で入力してください。"];
        }
        if (fieldErrors.Count > 0)
        {
            return CommandResult.Invalid(fieldErrors);
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

    // ---- helpers ----------------------------------------------------------------------------------------

    private static void ApplyPlan(Milestone m, MilestonePlanModel model, PlanDate? start, PlanDate? end)
    {
        m.Title = model.Title.Trim();
        m.Kind = model.Kind;
        m.PlannedStart = start;
        m.PlannedEnd = end;
        m.OpenEnded = model.Kind == MilestoneKind.Span && model.OpenEnded;
        m.Deadline = model.Kind == MilestoneKind.Point && model.Deadline;
        m.ExternalActor = string.IsNullOrWhiteSpace(model.ExternalActor) ? null : model.ExternalActor.Trim();
        m.RecurringYearly = model.RecurringYearly;
        m.RelatedDepartments = model.RelatedDepartments.Where(r => !string.IsNullOrWhiteSpace(r) && r != m.OwnerDepartment?.Name)
            .Distinct().ToList();
    }

    /// <summary>Planned fields that <see cref="MilestoneFields"/> leaves out because progress editing never touches them.</summary>
    private static Dictionary<string, string?> PlanOnlyFields(Milestone m, IReadOnlyDictionary<int, string> trackTitles) => new()
    {
        ["取組項目"] = trackTitles.GetValueOrDefault(m.TrackId),
        ["関係課"] = string.Join("、", m.RelatedDepartments),
        ["種別"] = m.Kind == MilestoneKind.Point ? "時点" : "期間",
        ["終期なし"] = m.OpenEnded ? "はい" : "いいえ",
        ["期限"] = m.Deadline ? "はい" : "いいえ",
        ["実施主体"] = m.ExternalActor,
        ["毎年度"] = m.RecurringYearly ? "はい" : "いいえ",
    };

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
