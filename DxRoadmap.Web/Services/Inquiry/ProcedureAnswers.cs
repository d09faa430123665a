using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

/// <summary>
/// The オンライン化手続 sheet: answers checked as <see cref="ProgramService.SetProcedureStageAsync"/> checks an edit;
/// their history is the audit log, written when the import saves.
/// </summary>
public sealed class ProcedureAnswers(DateOnly today) : AnswerSheet<OnlineProcedure, ProcedureStageChange>
{
    public override InquirySheet Layout => InquiryWorkbook.Procedures;

    public override int RowColumn => InquiryWorkbook.ProcedureStageColumn;

    public override Task<Dictionary<int, OnlineProcedure>> LoadAsync(RoadmapDbContext db, IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        db.Procedures.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);

    public override int OwnerOf(OnlineProcedure item) => item.DepartmentId;

    public override string Fingerprint(ProcedureStageChange values) => InquiryWorkbook.Fingerprint(values);

    public override IReadOnlyList<FieldChange> Diff(OnlineProcedure item, ProcedureStageChange values)
    {
        var changes = new List<FieldChange>();
        Compare(changes, "段階", item.Stage.Label(), values.Stage.Label());
        Compare(changes, "開始予定日", Day(item.PlannedGoLive), Day(values.PlannedGoLive));
        Compare(changes, "開始日(実績)", Day(item.ActualGoLive), Day(values.Stage == ProcedureStage.InService ? values.ActualGoLive : null));
        return changes;
    }

    public override bool ChangedSinceExport(OnlineProcedure item, InquiryRow<ProcedureStageChange> row) =>
        row.Fingerprint != InquiryWorkbook.Fingerprint(new ProcedureStageChange(item.Id, item.Stage, item.PlannedGoLive, item.ActualGoLive));

    public override string ChangedSinceExportMessage(OnlineProcedure item) =>
        $"手続「{item.Title}」は照会票の出力後に更新されています。最新の照会票を出力し直して記入してください。";

    public override string? Denied(ICurrentUser user, OnlineProcedure item, IReadOnlyList<FieldChange> changes) =>
        ProgramService.Can(user, RoadmapAction.EditProgress, item.DepartmentId) ? null : RoadmapPermissions.DeniedMessage(RoadmapAction.EditProgress);

    // A stage read from the drop-down is always defined, so what is left to refuse is the actual date.
    public override IEnumerable<(int Column, string Message)> Validate(OnlineProcedure item, ProcedureStageChange values) =>
        ProgramService.Validate(values, today) is { } error ? [(InquiryWorkbook.ActualGoLiveColumn, error)] : [];

    public override InquiryChange Change(OnlineProcedure item, InquiryRow<ProcedureStageChange> row, IReadOnlyList<FieldChange> changes) =>
        new(Layout.Name, row.Row, item.Id, item.Category, item.Title, changes, null);

    public override void Apply(RoadmapDbContext db, OnlineProcedure item, InquiryRow<ProcedureStageChange> row, InquiryChange change, string user, DateTimeOffset now) =>
        ProgramService.ApplyTo(item, row.Values!);

    private static string? Day(DateOnly? day) => day is { } d ? JapaneseDates.Day(d) : null;
}
