using System.Text.Json;
using DxRoadmap.Domain.Roadmap;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Data.Seeding;

/// <summary>
/// Loads data/roadmap.json into an empty database, and the sample progress when asked to.
/// Idempotent: a database that already holds a plan is left alone. Files are read and checked in full
/// before anything is written, and everything is written in one transaction.
/// </summary>
public static class RoadmapSeeder
{
    public const string PlanFileName = "roadmap.json";
    public const string SampleFileName = "sample-progress.json";
    public const string SampleAuthor = "サンプルデータ";

    public static async Task<bool> SeedAsync(RoadmapDbContext db, string dataDirectory, bool sampleProgress,
        CancellationToken cancellationToken = default)
    {
        // The first load is one event for the audit log (written by the caller), not a row per entity.
        using var quiet = Audit.AuditActor.Suppress();
        if (await db.Plans.AnyAsync(cancellationToken))
        {
            return false;
        }

        var plan = PlanFileReader.Read(Path.Combine(dataDirectory, PlanFileName));
        var sample = sampleProgress ? ReadSample(Path.Combine(dataDirectory, SampleFileName), plan) : null;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        plan.Plan.SampleProgressLoaded = sample is not null;
        db.Plans.Add(plan.Plan);
        db.Departments.AddRange(plan.Departments);
        db.Initiatives.AddRange(plan.Initiatives);
        db.Milestones.AddRange(plan.Milestones);
        db.Procedures.AddRange(plan.Procedures);
        db.Peers.AddRange(plan.Peers);
        db.ReferenceItems.AddRange(plan.References);
        db.StandardSystems.AddRange(plan.StandardSystems);
        db.StandardSteps.AddRange(plan.StandardSteps);
        await db.SaveChangesAsync(cancellationToken);

        if (sample is not null)
        {
            db.ProgressUpdates.AddRange(sample.Updates);
            db.AutomationCases.AddRange(sample.Cases);
            db.StandardStepChanges.AddRange(sample.StepChanges);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private sealed record Sample(List<ProgressUpdate> Updates, List<AutomationCase> Cases, List<StandardStepChange> StepChanges);

    /// <summary>
    /// Applies the sample file to the milestones and procedures; returns one history entry per milestone it
    /// changed, the sample AI・RPA cases and the finished standardisation steps.
    /// </summary>
    private static Sample ReadSample(string path, LoadedPlan plan)
    {
        var file = Path.GetFileName(path);
        SampleProgressFile? data;
        try
        {
            using var stream = File.OpenRead(path);
            data = JsonSerializer.Deserialize<SampleProgressFile>(stream, PlanFileReader.Json);
        }
        catch (FileNotFoundException ex)
        {
            throw new PlanFileException(path, "ファイル", "見つかりません", ex);
        }
        catch (JsonException ex)
        {
            throw new PlanFileException(file, ex.LineNumber is { } line ? $"{line + 1}行目" : "JSON",
                "JSON として読めません (" + ex.Message + ")", ex);
        }

        var byCode = plan.Milestones.ToDictionary(m => m.Code, StringComparer.Ordinal);
        var updates = new List<ProgressUpdate>();
        foreach (var item in data?.Items ?? [])
        {
            var name = $"工程「{item.Milestone}」";
            if (item.Milestone is null || !byCode.TryGetValue(item.Milestone, out var milestone))
            {
                throw new PlanFileException(file, name, "計画にない工程です");
            }
            if (!StatusNames.TryParse(item.Status, out var status))
            {
                throw new PlanFileException(file, name, $"未知の状態「{item.Status}」です");
            }
            if (item.Progress is < 0 or > 100)
            {
                throw new PlanFileException(file, name, "進捗率は 0～100 で指定してください");
            }
            var updatedAt = PlanFileReader.ParseDay(item.UpdatedAt, file, name) ?? new DateOnly(2021, 10, 1);
            var when = new DateTimeOffset(updatedAt.ToDateTime(new TimeOnly(17, 0)), TimeSpan.FromHours(9));

            var before = MilestoneFields.Snapshot(milestone);
            milestone.Status = status;
            milestone.Progress = item.Progress;
            milestone.ActualStart = PlanFileReader.ParseDay(item.ActualStart, file, name);
            milestone.ActualEnd = PlanFileReader.ParseDay(item.ActualEnd, file, name);
            milestone.DelayReason = item.DelayReason;
            milestone.Countermeasure = item.Countermeasure;
            milestone.UpdatedBy = SampleAuthor;
            milestone.UpdatedAt = when;
            var changes = MilestoneFields.Diff(before, MilestoneFields.Snapshot(milestone));
            if (changes.Count > 0)
            {
                updates.Add(new ProgressUpdate
                {
                    Milestone = milestone,
                    UpdatedBy = SampleAuthor,
                    UpdatedAt = when,
                    Comment = "サンプル進捗の読み込み",
                    Changes = changes,
                });
            }
        }

        foreach (var item in data?.Procedures ?? [])
        {
            var name = $"手続「{item.Procedure}」";
            var procedure = plan.Procedures.FirstOrDefault(p => p.Title == item.Procedure)
                ?? throw new PlanFileException(file, name, "計画にない手続です");
            if (!ProcedureStages.TryParse(item.Stage, out var stage))
            {
                throw new PlanFileException(file, name, $"未知の段階「{item.Stage}」です");
            }
            procedure.Stage = stage;
            procedure.PlannedGoLive = PlanFileReader.ParseDay(item.PlannedGoLive, file, name);
            procedure.ActualGoLive = PlanFileReader.ParseDay(item.ActualGoLive, file, name);
        }

        var cases = new List<AutomationCase>();
        foreach (var item in data?.AutomationCases ?? [])
        {
            var name = $"AI・RPA「{item.Business}」";
            var department = plan.Departments.FirstOrDefault(d => d.Name == item.Department)
                ?? throw new PlanFileException(file, name, $"未知の課「{item.Department}」です");
            if (item.Stage is null || !AutomationStages.All.Contains(item.Stage))
            {
                throw new PlanFileException(file, name, $"未知の段階「{item.Stage}」です");
            }
            cases.Add(new AutomationCase
            {
                Department = department,
                Business = item.Business ?? throw new PlanFileException(file, name, "business がありません"),
                Tool = item.Tool,
                Stage = item.Stage,
                PlannedHoursSaved = item.PlannedHours,
                ActualHoursSaved = item.ActualHours,
            });
        }

        var stepChanges = new List<StandardStepChange>();
        foreach (var item in data?.Standardisation ?? [])
        {
            var name = $"標準化対象「{item.System}」";
            var system = plan.StandardSystems.FirstOrDefault(s => s.Name == item.System)
                ?? throw new PlanFileException(file, name, "計画にないシステムです");
            stepChanges.AddRange(SampleStepChanges(item, system, plan.StandardSteps, file, name));
            if (item.SpecificReason is { } reasonText)
            {
                system.SpecificSupport = true;
                system.SpecificReason = StandardSteps.Reasons.Cast<SpecificSupportReason?>().FirstOrDefault(r => r!.Value.Label() == reasonText)
                    ?? throw new PlanFileException(file, name, $"未知の特定移行支援の理由「{reasonText}」です");
            }
            if (item.PlannedMigration is { } planned)
            {
                system.PlannedMigration = PlanDate.TryParse(planned, out var month)
                    ? month : throw new PlanFileException(file, name, $"移行予定「{planned}」が日付として読めません");
            }
            system.MigrationNote = item.Note;
            system.GoLiveOn = PlanFileReader.ParseDay(item.GoLive, file, name);
        }
        return new Sample(updates, cases, stepChanges);
    }

    /// <summary>Each change of the sample sets a run of steps, by code in the steps' order, to a status on a day.</summary>
    private static IEnumerable<StandardStepChange> SampleStepChanges(SampleStandardisationDto item, StandardSystem system,
        IReadOnlyList<StandardStep> steps, string file, string name)
    {
        var ordered = steps.OrderBy(s => s.No).ToList();
        int Index(string code) => ordered.FindIndex(s => s.Code == code.Trim()) is var i and >= 0
            ? i : throw new PlanFileException(file, name, $"未知の手順コード「{code}」です");
        foreach (var change in item.Changes ?? [])
        {
            if (!StandardSteps.TryParse(change.Status, out var status))
            {
                throw new PlanFileException(file, name, $"未知の状況「{change.Status}」です");
            }
            var day = PlanFileReader.ParseDay(change.On, file, name) ?? throw new PlanFileException(file, name, "変更日 (on) がありません");
            var range = (change.Steps ?? "").Split('～');
            var (from, to) = (Index(range[0]), Index(range[^1]));
            foreach (var step in ordered.Skip(from).Take(to - from + 1))
            {
                yield return new StandardStepChange
                {
                    System = system,
                    Step = step,
                    Status = status,
                    ChangedOn = day,
                    ChangedBy = SampleAuthor,
                    RecordedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(17, 0)), TimeSpan.FromHours(9)),
                };
            }
        }
    }
}
