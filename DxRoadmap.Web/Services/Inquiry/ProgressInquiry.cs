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
/// <remarks>
/// One way in for the returned file: <see cref="InquiryWorkbook.Read"/> reads every answer sheet by its
/// <see cref="InquirySheet"/> description, then <see cref="AnswerImport"/> runs each sheet's rows through the same
/// steps with that sheet's <see cref="AnswerSheet{TItem,TValues}"/> (where its items are kept, how they compare,
/// which editor rules apply). A new answer sheet adds a layout, a cell reader and an AnswerSheet — not a pipeline.
/// </remarks>
public sealed class ProgressInquiry(IDbContextFactory<RoadmapDbContext> factory, AppClock clock,
    IOptions<DelayThresholds> thresholds, ILogger<ProgressInquiry> logger)
{
    public const string ImportComment = "照会回答の取込";

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Largest returned workbook accepted; a 課's 照会票 is a few dozen kilobytes.</summary>
    public const long MaxFileSize = 10 * 1024 * 1024;

    /// <summary>
    /// Workbooks read at once, across all users: at most half the cores, so however many uploads arrive together the
    /// other cores keep serving pages (each read is bounded by <see cref="WorkbookLimits.Upload"/>).
    /// </summary>
    private static readonly SemaphoreSlim Reading = new(Math.Max(1, Environment.ProcessorCount / 2));

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
        var (preview, import) = await CheckAsync(db, file, user, cancellationToken);
        if (preview.IsRefused || import is null)
        {
            return new InquiryImportResult(false, preview.Summary, preview);
        }
        var applied = import.Apply(user.Name, clock.Now);
        // The workbook is also the 課's answer to an open 照会 round over the same items (InquiryRounds), recorded
        // in one transaction with the changes and only while that round is still open.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var departmentId = await db.Departments.Where(d => d.Name == preview.Department).Select(d => d.Id).SingleAsync(cancellationToken);
        var answered = await InquiryRounds.RecordWorkbookAnswersAsync(db, departmentId, user.Name, clock.Now, cancellationToken);
        if (applied == 0 && answered == 0)
        {
            return new InquiryImportResult(true, preview.Summary, preview);
        }
        try
        {
            using (AuditActor.Begin(user.Name, ImportComment))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
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
        var roundNote = answered > 0 ? $" 照会の回答として{answered}件を記録しました。" : "";
        return new InquiryImportResult(true, applied == 0
            ? $"変更はありません ({preview.Department})。{roundNote}"
            : $"{InquiryPreview.Counted(preview.Changes)}を更新しました ({preview.Department})。{roundNote}", preview);
    }

    /// <summary>
    /// Reads the workbook and runs every answer sheet through the import pipeline. The returned import holds the
    /// planned changes on items tracked by <paramref name="db"/>, or is null when the whole file is refused.
    /// </summary>
    private async Task<(InquiryPreview Preview, AnswerImport? Import)> CheckAsync(
        RoadmapDbContext db, byte[] file, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated)
        {
            return (InquiryPreview.Refused(RoadmapPermissions.DeniedMessage(RoadmapAction.EditProgress)), null);
        }
        if (file.LongLength > MaxFileSize)
        {
            return (InquiryPreview.Refused($"ファイルが大きすぎます ({MaxFileSize / 1024 / 1024} MB まで)。"), null);
        }
        InquiryFile read;
        await Reading.WaitAsync(cancellationToken);
        try
        {
            using var stream = new MemoryStream(file, writable: false);
            read = InquiryWorkbook.Read(stream);
        }
        finally
        {
            Reading.Release();
        }
        if (read.Refusal is not null || read.Meta is not { } meta)
        {
            return (InquiryPreview.Refused(read.Refusal ?? InquiryWorkbook.NoMeta), null);
        }

        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == meta.DepartmentId, cancellationToken);
        if (department is null)
        {
            return (InquiryPreview.Refused($"この照会票の課「{meta.Department}」は登録されていません。"), null);
        }
        if (!RoadmapPermissions.Can(user.Principal, RoadmapAction.EditProgress, department.Id))
        {
            var message = user.DepartmentId is not null && user.IsInRole(Data.Identity.AppRoles.DepartmentHead)
                ? $"このブックは「{department.Name}」の照会票です。所属長が取り込めるのは自課 (「{user.Department}」) の照会票だけです。"
                : "照会回答を取り込む権限がありません (推進課・管理者、または自課の照会票を取り込む所属長のみ)。";
            logger.LogWarning("{User} was refused importing the inquiry answer of {Department}", user.Name, department.Name);
            return (InquiryPreview.Refused(message), null);
        }

        var import = new AnswerImport(db, department, user);
        import.AddProblems(read.Problems);
        await import.CheckAsync(new MilestoneAnswers(clock.Today, thresholds.Value), read.Milestones, cancellationToken);
        await import.CheckAsync(new ProcedureAnswers(clock.Today), read.Procedures, cancellationToken);
        await import.CheckAsync(new CaseAnswers(), read.Cases, cancellationToken);
        return (import.Preview(meta.ExportedAt), import);
    }
}
