using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Services;

/// <summary>One milestone that a returned 照会票 would change: where its row is, and each field's old and new value.</summary>
public sealed record InquiryChange(string Sheet, int Row, int MilestoneId, string Code, string Title,
    IReadOnlyList<FieldChange> Changes, string? Comment);

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
        : Changes.Count == 0 ? $"変更はありません (確認した工程 {Unchanged} 件)。"
        : $"{Changes.Count} 件の工程を更新します (変更なし {Unchanged} 件)。");

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
        var (preview, _) = await CheckAsync(db, file, user, cancellationToken);
        return preview;
    }

    /// <summary>
    /// Checks the workbook again (it is the file, not an earlier preview, that is applied) and, when nothing is
    /// refused, writes every change and its history entry in one transaction.
    /// </summary>
    public async Task<InquiryImportResult> ApplyAsync(byte[] file, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (preview, planned) = await CheckAsync(db, file, user, cancellationToken);
        if (preview.IsRefused)
        {
            return new InquiryImportResult(false, preview.Summary, preview);
        }
        if (planned.Count == 0)
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
        logger.LogInformation("{User} imported {Count} milestone changes from the inquiry answer of {Department}",
            user.Name, planned.Count, preview.Department);
        return new InquiryImportResult(true, $"{planned.Count} 件の工程を更新しました ({preview.Department})。", preview);
    }

    private async Task<(InquiryPreview Preview, List<(Milestone Milestone, InquiryAnswer Answer, InquiryChange Change)> Planned)> CheckAsync(
        RoadmapDbContext db, byte[] file, ICurrentUser user, CancellationToken cancellationToken)
    {
        List<(Milestone, InquiryAnswer, InquiryChange)> none = [];
        if (!user.IsAuthenticated)
        {
            return (InquiryPreview.Refused(RoadmapPermissions.DeniedMessage(RoadmapAction.EditProgress)), none);
        }
        if (file.LongLength > MaxFileSize)
        {
            return (InquiryPreview.Refused($"ファイルが大きすぎます ({MaxFileSize / 1024 / 1024} MB まで)。"), none);
        }
        InquiryFile read;
        using (var stream = new MemoryStream(file, writable: false))
        {
            read = InquiryWorkbook.Read(stream);
        }
        if (read.Refusal is { } refusal || read.Meta is not { } meta)
        {
            return (InquiryPreview.Refused(read.Refusal ?? InquiryWorkbook.NoMeta), none);
        }

        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == meta.DepartmentId, cancellationToken);
        if (department is null)
        {
            return (InquiryPreview.Refused($"この照会票の課「{meta.Department}」は登録されていません。"), none);
        }
        if (!RoadmapPermissions.Can(user.Principal, RoadmapAction.EditProgress, department.Id))
        {
            var message = user.DepartmentId is not null && user.IsInRole(Data.Identity.AppRoles.DepartmentHead)
                ? $"このブックは「{department.Name}」の照会票です。所属長が取り込めるのは自課 (「{user.Department}」) の照会票だけです。"
                : "照会回答を取り込む権限がありません (推進課・管理者、または自課の照会票を取り込む所属長のみ)。";
            logger.LogWarning("{User} was refused importing the inquiry answer of {Department}", user.Name, department.Name);
            return (InquiryPreview.Refused(message), none);
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

        var ordered = problems.OrderBy(p => p.Row).ThenBy(p => p.Column, StringComparer.Ordinal).ToList();
        var preview = new InquiryPreview(null, department.Name, meta.ExportedAt,
            planned.Select(p => p.Item3).ToList(), ordered, unchanged);
        return (preview, ordered.Count > 0 ? [] : planned);
    }

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
