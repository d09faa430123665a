using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

/// <summary>
/// The AI・RPA sheet: answers checked with <see cref="ProgramService.Validate(AutomationCaseInput)"/> as the case editor
/// checks them; their history is the audit log, written when the import saves.
/// </summary>
public sealed class CaseAnswers : AnswerSheet<AutomationCase, CaseValues>
{
    public override InquirySheet Layout => InquiryWorkbook.Cases;

    public override int RowColumn => InquiryWorkbook.CaseStageColumn;

    public override Task<Dictionary<int, AutomationCase>> LoadAsync(RoadmapDbContext db, IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        db.AutomationCases.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);

    public override int OwnerOf(AutomationCase item) => item.DepartmentId;

    public override string Fingerprint(CaseValues values) => InquiryWorkbook.Fingerprint(values);

    public override IReadOnlyList<FieldChange> Diff(AutomationCase item, CaseValues values)
    {
        var changes = new List<FieldChange>();
        Compare(changes, "段階", item.Stage, values.Stage);
        Compare(changes, "削減時間 実績", InquiryWorkbook.Hours(item.ActualHoursSaved), InquiryWorkbook.Hours(values.ActualHoursSaved));
        return changes;
    }

    public override bool ChangedSinceExport(AutomationCase item, InquiryRow<CaseValues> row) =>
        row.Fingerprint != InquiryWorkbook.Fingerprint(new CaseValues(item.Stage, item.ActualHoursSaved));

    public override string ChangedSinceExportMessage(AutomationCase item) =>
        $"AI・RPA 事例「{item.Business}」は照会票の出力後に更新されています。最新の照会票を出力し直して記入してください。";

    public override string? Denied(ICurrentUser user, AutomationCase item, IReadOnlyList<FieldChange> changes) =>
        ProgramService.Can(user, RoadmapAction.EditProgress, item.DepartmentId) ? null : RoadmapPermissions.DeniedMessage(RoadmapAction.EditProgress);

    public override IEnumerable<(int Column, string Message)> Validate(AutomationCase item, CaseValues values)
    {
        var input = Input(item, values);
        return ProgramService.Validate(input) is { } error
            ? [(AutomationStages.All.Contains(input.Stage) ? InquiryWorkbook.CaseActualHoursColumn : InquiryWorkbook.CaseStageColumn, error)]
            : [];
    }

    public override InquiryChange Change(AutomationCase item, InquiryRow<CaseValues> row, IReadOnlyList<FieldChange> changes) =>
        new(Layout.Name, row.Row, item.Id, item.Tool ?? "", item.Business, changes, null);

    public override void Apply(RoadmapDbContext db, AutomationCase item, InquiryRow<CaseValues> row, InquiryChange change, string user, DateTimeOffset now)
    {
        var input = Input(item, row.Values!);
        item.Stage = input.Stage;
        item.ActualHoursSaved = input.ActualHoursSaved;
    }

    /// <summary>The case as the case editor would submit it with the answered stage and hours.</summary>
    private static AutomationCaseInput Input(AutomationCase item, CaseValues values) =>
        new(item.Id, item.DepartmentId, item.Business, item.Tool, values.Stage ?? "", item.PlannedHoursSaved, values.ActualHoursSaved);
}
