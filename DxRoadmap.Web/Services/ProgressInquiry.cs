using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Services;

/// <summary>
/// One milestone, procedure or AI・RPA case that a returned 照会票 would change: its sheet and row, and each field's
/// old and new value. <see cref="ItemId"/> is the id of the item on that sheet.
/// </summary>
public sealed record InquiryChange(string Sheet, int Row, int ItemId, string Code, string Title,
    IReadOnlyList<FieldChange> Changes, string? Comment)
{
    /// <summary>The page where the item is kept.</summary>
    public string Href => Sheet switch
    {
        InquiryWorkbook.ProcedureSheet => "procedures",
        InquiryWorkbook.CaseSheet => "automation",
        _ => $"milestones/{ItemId}",
    };
}

/// <summary>
/// What importing a returned 照会票 would do. Refused as a whole when <see cref="Refusal"/> is set or any
/// <see cref="Problems"/> exist (all or nothing); otherwise <see cref="Changes"/> are what 「取り込む」 applies.
/// </summary>
public sealed record InquiryPreview(
    string? Refusal,
    string? Department,
    DateTimeOffset? ExportedAt,
    IReadOnlyList<InquiryChange> Changes,
    IReadOnlyList<InquiryProblem> Problems,
    int Unchanged)
{
    public bool IsRefused => Refusal is not null || Problems.Count > 0;

    public bool CanApply => !IsRefused && Changes.Count > 0;

    /// <summary>One sentence for the page and the command line.</summary>
    public string Summary => Refusal
        ?? (Problems.Count > 0 ? $"問題が {Problems.Count} 件あるため取り込めません。すべて直してから、もう一度取り込んでください (一部だけの取込はしません)。"
        : Changes.Count == 0 ? $"変更はありません (確認した行 {Unchanged} 件)。"
        : $"{Counted(Changes)}を更新します (変更なし {Unchanged} 件)。");

    /// <summary>"2 件の工程、1 件の手続": the changes counted per sheet.</summary>
    public static string Counted(IReadOnlyList<InquiryChange> changes) => string.Join("、",
        new[] { (InquiryWorkbook.MilestoneSheet, "工程"), (InquiryWorkbook.ProcedureSheet, "手続"), (InquiryWorkbook.CaseSheet, "AI・RPA事例") }
            .Select(kind => (Count: changes.Count(c => c.Sheet == kind.Item1), Noun: kind.Item2))
            .Where(kind => kind.Count > 0)
            .Select(kind => $"{kind.Count} 件の{kind.Noun}"));

    public static InquiryPreview Refused(string message) => new(message, null, null, [], [], 0);
}

public sealed record InquiryImportResult(bool Succeeded, string Message, InquiryPreview Preview);

/// <summary>The 照会票 file to download: its name and content.</summary>
public sealed record InquiryExport(string FileName, byte[] Content);

/// <summary>
/// The 照会/回答 round trip: writes a 課's 照会票 and imports the returned workbook. Import is checked in full
/// first (preview), and applied only on confirmation, in one transaction, through the editor's validator and the
/// same history recording as the editor.
/// </summary>
public sealed class ProgressInquiry(IDbContextFactory<RoadmapDbContext> factory, AppClock clock,
    IOptions<DelayThresholds> thresholds, ILogger<ProgressInquiry> logger)
{
    public const string ImportComment = "照会回答の取込";

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Largest returned workbook accepted; a 課's 照会票 is a few dozen kilobytes.</summary>
    public const long MaxFileSize = 10 * 1024 * 1024;

    /// <summary>The 照会票 of one 課 (the milestones it owns, its procedures and cases), or null when the 課 is unknown.</summary>
    /// <param name="user">A principal rather than <see cref="ICurrentUser"/>: the download endpoint is a plain request, not a circuit.</param>
    public async Task<InquiryExport?> ExportAsync(string department, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        RoadmapPermissions.Demand(user, RoadmapAction.ViewAll);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var dept = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Name == department, cancellationToken);
        if (dept is null)
        {
            return null;
        }
        var milestones = await db.Milestones.AsNoTracking()
            .Include(m => m.Track!).ThenInclude(t => t.Initiative)
            .Where(m => m.OwnerDepartmentId == dept.Id)
            .ToListAsync(cancellationToken);
        var procedures = await db.Procedures.AsNoTracking().Where(p => p.DepartmentId == dept.Id).OrderBy(p => p.Order).ToListAsync(cancellationToken);
        var cases = await db.AutomationCases.AsNoTracking().Where(c => c.DepartmentId == dept.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);

        var rows = milestones
            .OrderBy(m => m.Track!.Initiative!.Order).ThenBy(m => m.Track!.Order).ThenBy(m => m.Order).ThenBy(m => m.Id)
            .Select(m => new InquiryMilestone(m, m.Track!.Initiative!.Code, m.Track.Title))
            .ToList();
        var now = clock.Now;
        var content = new InquiryContent(dept.Id, dept.Name, now, user.Identity?.Name ?? "", rows, procedures, cases);
        using var buffer = new MemoryStream();
        InquiryWorkbook.Write(content, buffer);
        return new InquiryExport(FileName(dept.Name, DateOnly.FromDateTime(now.DateTime)), buffer.ToArray());
    }

    /// <summary>進捗照会_子どもみらい課_令和8年11月26日.xlsx</summary>
    public static string FileName(string department, DateOnly day) =>
        ReportFormats.SafeFileName($"進捗照会_{department}_{JapaneseDates.Day(day)}") + ".xlsx";

    /// <summary>Checks a returned workbook and says what importing it would change. Changes nothing.</summary>
    public async Task<InquiryPreview> PreviewAsync(byte[] file, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (preview, _, _) = await CheckAsync(db, file, user, cancellationToken);
        return preview;
    }

    /// <summary>
    /// Checks the workbook again (it is the file, not an earlier preview, that is applied) and, when nothing is
    /// refused, writes every change and its history entry in one transaction.
    /// </summary>
    public async Task<InquiryImportResult> ApplyAsync(byte[] file, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (preview, planned, others) = await CheckAsync(db, file, user, cancellationToken);
        if (preview.IsRefused)
        {
            return new InquiryImportResult(false, preview.Summary, preview);
        }
        if (planned.Count == 0 && others.Count == 0)
        {
            return new InquiryImportResult(true, preview.Summary, preview);
        }

        var now = clock.Now;
        foreach (var (milestone, answer, change) in planned)
        {
            answer.Values!.ApplyTo(milestone);
            var comment = change.Comment is { } c ? $"{ImportComment}: {c}" : ImportComment;
            MilestoneHistory.Record(db, milestone, answer.Version, change.Changes, user.Name, now, comment);
        }
        foreach (var apply in others)
        {
            apply(); // procedures and cases: their history is the audit log, written by SaveChangesAsync
        }
        try
        {
            using (AuditActor.Begin(user.Name, ImportComment))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return new InquiryImportResult(false,
                "取込の途中で他の利用者が工程を更新したため、取り込みませんでした (何も変更していません)。もう一度取り込んでください。", preview);
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "Importing the inquiry answer of {Department} failed", preview.Department);
            return new InquiryImportResult(false, "取り込めませんでした (何も変更していません)。もう一度お試しください。", preview);
        }
        logger.LogInformation("{User} imported {Count} changes from the inquiry answer of {Department}",
            user.Name, preview.Changes.Count, preview.Department);
        return new InquiryImportResult(true, $"{InquiryPreview.Counted(preview.Changes)}を更新しました ({preview.Department})。", preview);
    }

    private async Task<(InquiryPreview Preview, List<(Milestone Milestone, InquiryAnswer Answer, InquiryChange Change)> Planned, List<Action> Others)> CheckAsync(
        RoadmapDbContext db, byte[] file, ICurrentUser user, CancellationToken cancellationToken)
    {
        (List<(Milestone, InquiryAnswer, InquiryChange)>, List<Action>) none = ([], []);
        if (!user.IsAuthenticated)
        {
            return (InquiryPreview.Refused(RoadmapPermissions.DeniedMessage(RoadmapAction.EditProgress)), none.Item1, none.Item2);
        }
        if (file.LongLength > MaxFileSize)
        {
            return (InquiryPreview.Refused($"ファイルが大きすぎます ({MaxFileSize / 1024 / 1024} MB まで)。"), none.Item1, none.Item2);
        }
        InquiryFile read;
        using (var stream = new MemoryStream(file, writable: false))
        {
            read = InquiryWorkbook.Read(stream);
        }
        if (read.Refusal is { } refusal || read.Meta is not { } meta)
        {
            return (InquiryPreview.Refused(read.Refusal ?? InquiryWorkbook.NoMeta), none.Item1, none.Item2);
        }

        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == meta.DepartmentId, cancellationToken);
        if (department is null)
        {
            return (InquiryPreview.Refused($"この照会票の課「{meta.Department}」は登録されていません。"), none.Item1, none.Item2);
        }
        if (!RoadmapPermissions.Can(user.Principal, RoadmapAction.EditProgress, department.Id))
        {
            var message = user.DepartmentId is not null && user.IsInRole(Data.Identity.AppRoles.DepartmentHead)
                ? $"このブックは「{department.Name}」の照会票です。所属長が取り込めるのは自課 (「{user.Department}」) の照会票だけです。"
                : "照会回答を取り込む権限がありません (推進課・管理者、または自課の照会票を取り込む所属長のみ)。";
            logger.LogWarning("{User} was refused importing the inquiry answer of {Department}", user.Name, department.Name);
            return (InquiryPreview.Refused(message), none.Item1, none.Item2);
        }

        var problems = new List<InquiryProblem>(read.Problems);
        var ids = read.Answers.Select(a => a.Id).Distinct().ToList();
        var milestones = await db.Milestones.Include(m => m.OwnerDepartment)
            .Where(m => ids.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        var today = clock.Today;
        var planned = new List<(Milestone, InquiryAnswer, InquiryChange)>();
        var seen = new HashSet<int>();
        var unchanged = 0;
        foreach (var answer in read.Answers)
        {
            void Problem(int column, string message) =>
                problems.Add(new InquiryProblem(InquiryWorkbook.MilestoneSheet, answer.Row, InquiryWorkbook.ColumnLabel(column), message));

            if (!seen.Add(answer.Id))
            {
                Problem(InquiryWorkbook.CodeColumn, $"同じ工程 ({answer.Code}) の行が2つあります。行をコピーせず、出力された行に記入してください。");
                continue;
            }
            if (!milestones.TryGetValue(answer.Id, out var milestone))
            {
                Problem(InquiryWorkbook.IdColumn, $"工程「{answer.Title}」({answer.Code}) は登録されていません (削除されたか、照合用の情報が書き換えられています)。");
                continue;
            }
            if (milestone.OwnerDepartmentId != department.Id)
            {
                Problem(InquiryWorkbook.IdColumn, $"工程「{milestone.Title}」は「{department.Name}」の工程ではありません (主管課: {milestone.OwnerName})。照合用の情報が書き換えられています。");
                continue;
            }
            if (answer.Values is not { } values)
            {
                continue; // the cells that could not be read are already listed
            }
            // A row left as exported is no answer, even when the milestone changed since (someone else's change stays).
            if (answer.Fingerprint == InquiryWorkbook.Fingerprint(values))
            {
                unchanged++;
                continue;
            }
            KeepUnchangedText(values, milestone);
            var before = MilestoneFields.Snapshot(milestone);
            var after = new Milestone { Code = milestone.Code, Title = milestone.Title, OwnerDepartment = milestone.OwnerDepartment };
            values.ApplyTo(after);
            var changes = MilestoneFields.Diff(before, WithPlan(MilestoneFields.Snapshot(after), before));
            if (changes.Count == 0)
            {
                unchanged++; // already as answered: importing the same file again changes nothing
                continue;
            }
            if (milestone.Version != answer.Version)
            {
                var by = milestone.UpdatedBy is { } name ? $" ({name}、{(milestone.UpdatedAt is { } at ? JapaneseDates.Day(DateOnly.FromDateTime(at.DateTime)) : "")})" : "";
                Problem(InquiryWorkbook.CodeColumn,
                    $"工程「{milestone.Title}」は照会票の出力後に更新されています{by}。最新の照会票を出力し直して記入してください。");
                continue;
            }
            if (!user.Can(RoadmapPermissions.ActionFor(changes), milestone))
            {
                Problem(InquiryWorkbook.CodeColumn, RoadmapPermissions.DeniedMessage(RoadmapPermissions.ActionFor(changes)));
                continue;
            }
            var errors = MilestoneEditValidator.Validate(milestone, values, today, thresholds.Value);
            if (errors.Count > 0)
            {
                foreach (var (field, messages) in errors)
                {
                    foreach (var message in messages)
                    {
                        Problem(InquiryWorkbook.ColumnOf(field), message);
                    }
                }
                continue;
            }
            planned.Add((milestone, answer, new InquiryChange(InquiryWorkbook.MilestoneSheet, answer.Row, milestone.Id, milestone.Code,
                milestone.Title, changes, values.Comment)));
        }

        var others = new List<(InquiryChange Change, Action Apply)>();
        unchanged += await CheckProceduresAsync(db, read.Procedures, department, user, problems, others, cancellationToken);
        unchanged += await CheckCasesAsync(db, read.Cases, department, user, problems, others, cancellationToken);

        var sheets = new[] { InquiryWorkbook.MilestoneSheet, InquiryWorkbook.ProcedureSheet, InquiryWorkbook.CaseSheet };
        var ordered = problems.OrderBy(p => Array.IndexOf(sheets, p.Sheet)).ThenBy(p => p.Row).ThenBy(p => p.Column, StringComparer.Ordinal).ToList();
        var preview = new InquiryPreview(null, department.Name, meta.ExportedAt,
            [.. planned.Select(p => p.Item3), .. others.Select(o => o.Change)], ordered, unchanged);
        return ordered.Count > 0 ? (preview, [], []) : (preview, planned, others.Select(o => o.Apply).ToList());
    }

    /// <summary>
    /// The answered rows of the 手続 sheet, checked as <see cref="ProgramService.SetProcedureStageAsync"/> checks an
    /// edit. Returns how many answered rows already hold the stored values.
    /// </summary>
    private async Task<int> CheckProceduresAsync(RoadmapDbContext db, IReadOnlyList<ProcedureAnswer> answers, Department department,
        ICurrentUser user, List<InquiryProblem> problems, List<(InquiryChange, Action)> planned, CancellationToken cancellationToken)
    {
        const string sheet = InquiryWorkbook.ProcedureSheet;
        var ids = answers.Select(a => a.Id).Distinct().ToList();
        var stored = await db.Procedures.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var seen = new HashSet<int>();
        var unchanged = 0;
        foreach (var answer in answers)
        {
            void Problem(int column, string message) => problems.Add(new InquiryProblem(sheet, answer.Row, InquiryWorkbook.ColumnLabel(sheet, column), message));

            if (!OwnRow(seen, answer.Id, stored.GetValueOrDefault(answer.Id)?.DepartmentId, department, answer.Title, "手続", InquiryWorkbook.ProcedureIdColumn, Problem)
                || answer.Values is not { } values)
            {
                continue;
            }
            var procedure = stored[answer.Id];
            if (answer.Fingerprint == InquiryWorkbook.Fingerprint(values))
            {
                unchanged++; // left as exported: no answer
                continue;
            }
            var current = new ProcedureStageChange(procedure.Id, procedure.Stage, procedure.PlannedGoLive, procedure.ActualGoLive);
            var changes = new List<FieldChange>();
            Compare(changes, "段階", current.Stage.Label(), values.Stage.Label());
            Compare(changes, "開始予定日", Day(current.PlannedGoLive), Day(values.PlannedGoLive));
            Compare(changes, "開始日(実績)", Day(current.ActualGoLive), Day(values.Stage == ProcedureStage.InService ? values.ActualGoLive : null));
            if (changes.Count == 0)
            {
                unchanged++; // already as answered
                continue;
            }
            if (answer.Fingerprint != InquiryWorkbook.Fingerprint(current))
            {
                Problem(InquiryWorkbook.ProcedureStageColumn, $"手続「{procedure.Title}」は照会票の出力後に更新されています。最新の照会票を出力し直して記入してください。");
                continue;
            }
            if (!ProgramService.Can(user, RoadmapAction.EditProgress, procedure.DepartmentId))
            {
                Problem(InquiryWorkbook.ProcedureStageColumn, RoadmapPermissions.DeniedMessage(RoadmapAction.EditProgress));
                continue;
            }
            if (ProgramService.Validate(values, clock.Today) is { } error)
            {
                // A stage read from the drop-down is always defined, so what is left to refuse is the actual date.
                Problem(InquiryWorkbook.ActualGoLiveColumn, error);
                continue;
            }
            planned.Add((new InquiryChange(sheet, answer.Row, procedure.Id, procedure.Category, procedure.Title, changes, null),
                () => ProgramService.ApplyTo(procedure, values)));
        }
        return unchanged;
    }

    /// <summary>
    /// The answered rows of the AI・RPA sheet, checked with <see cref="ProgramService.Validate(AutomationCaseInput)"/>
    /// as the case editor checks them. Returns how many answered rows already hold the stored values.
    /// </summary>
    private static async Task<int> CheckCasesAsync(RoadmapDbContext db, IReadOnlyList<CaseAnswer> answers, Department department,
        ICurrentUser user, List<InquiryProblem> problems, List<(InquiryChange, Action)> planned, CancellationToken cancellationToken)
    {
        const string sheet = InquiryWorkbook.CaseSheet;
        var ids = answers.Select(a => a.Id).Distinct().ToList();
        var stored = await db.AutomationCases.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var seen = new HashSet<int>();
        var unchanged = 0;
        foreach (var answer in answers)
        {
            void Problem(int column, string message) => problems.Add(new InquiryProblem(sheet, answer.Row, InquiryWorkbook.ColumnLabel(sheet, column), message));

            if (!OwnRow(seen, answer.Id, stored.GetValueOrDefault(answer.Id)?.DepartmentId, department, answer.Business, "AI・RPA 事例", InquiryWorkbook.CaseIdColumn, Problem)
                || answer.Values is not { } values)
            {
                continue;
            }
            var item = stored[answer.Id];
            if (answer.Fingerprint == InquiryWorkbook.Fingerprint(values))
            {
                unchanged++;
                continue;
            }
            var current = new CaseValues(item.Stage, item.ActualHoursSaved);
            var changes = new List<FieldChange>();
            Compare(changes, "段階", current.Stage, values.Stage);
            Compare(changes, "削減時間 実績", InquiryWorkbook.Hours(current.ActualHoursSaved), InquiryWorkbook.Hours(values.ActualHoursSaved));
            if (changes.Count == 0)
            {
                unchanged++;
                continue;
            }
            if (answer.Fingerprint != InquiryWorkbook.Fingerprint(current))
            {
                Problem(InquiryWorkbook.CaseStageColumn, $"AI・RPA 事例「{item.Business}」は照会票の出力後に更新されています。最新の照会票を出力し直して記入してください。");
                continue;
            }
            if (!ProgramService.Can(user, RoadmapAction.EditProgress, item.DepartmentId))
            {
                Problem(InquiryWorkbook.CaseStageColumn, RoadmapPermissions.DeniedMessage(RoadmapAction.EditProgress));
                continue;
            }
            var input = new AutomationCaseInput(item.Id, item.DepartmentId, item.Business, item.Tool, values.Stage ?? "",
                item.PlannedHoursSaved, values.ActualHoursSaved);
            if (ProgramService.Validate(input) is { } error)
            {
                Problem(AutomationStages.All.Contains(input.Stage) ? InquiryWorkbook.CaseActualHoursColumn : InquiryWorkbook.CaseStageColumn, error);
                continue;
            }
            planned.Add((new InquiryChange(sheet, answer.Row, item.Id, item.Tool ?? "", item.Business, changes, null), () =>
            {
                item.Stage = input.Stage;
                item.ActualHoursSaved = input.ActualHoursSaved;
            }));
        }
        return unchanged;
    }

    /// <summary>
    /// Whether a 手続 or AI・RPA row names an item of this 課 once; reports a copied row, an unknown id or another 課's item.
    /// </summary>
    private static bool OwnRow(HashSet<int> seen, int id, int? owner, Department department, string title, string noun, int idColumn,
        Action<int, string> problem)
    {
        if (!seen.Add(id))
        {
            problem(1, $"同じ{noun}「{title}」の行が2つあります。行をコピーせず、出力された行に記入してください。");
            return false;
        }
        if (owner is null)
        {
            problem(idColumn, $"{noun}「{title}」は登録されていません (削除されたか、照合用の情報が書き換えられています)。");
            return false;
        }
        if (owner != department.Id)
        {
            problem(idColumn, $"{noun}「{title}」は「{department.Name}」の{noun}ではありません。照合用の情報が書き換えられています。");
            return false;
        }
        return true;
    }

    private static void Compare(List<FieldChange> changes, string field, string? before, string? after)
    {
        if (before != after)
        {
            changes.Add(new FieldChange(field, before, after));
        }
    }

    private static string? Day(DateOnly? day) => day is { } d ? JapaneseDates.Day(d) : null;

    /// <summary>
    /// A cell gives back text with \n line breaks and trimmed; when that is the stored text in another form,
    /// keep the stored text so it is not reported as a change.
    /// </summary>
    private static void KeepUnchangedText(MilestoneEditModel values, Milestone current)
    {
        if (InquiryWorkbook.NormalizeText(values.DelayReason) == InquiryWorkbook.NormalizeText(current.DelayReason)) values.DelayReason = current.DelayReason;
        if (InquiryWorkbook.NormalizeText(values.Countermeasure) == InquiryWorkbook.NormalizeText(current.Countermeasure)) values.Countermeasure = current.Countermeasure;
        if (InquiryWorkbook.NormalizeText(values.Note) == InquiryWorkbook.NormalizeText(current.Note)) values.Note = current.Note;
    }

    /// <summary>The progress fields of <paramref name="after"/> with the plan fields of <paramref name="before"/>: only progress is compared.</summary>
    private static Dictionary<string, string?> WithPlan(IReadOnlyDictionary<string, string?> after, IReadOnlyDictionary<string, string?> before) =>
        after.ToDictionary(kv => kv.Key, kv => RoadmapPermissions.ProgressFields.Contains(kv.Key) ? kv.Value : before.GetValueOrDefault(kv.Key));
}
