using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

/// <summary>
/// The 工程 sheet: answers checked by the milestone editor's validator and recorded in its history. The same sheet
/// takes a 主管課's online answer in a 照会 round (<paramref name="round"/> names it): the Excel 照会票 and the round's
/// form are two ways in to one rule.
/// </summary>
public sealed class MilestoneAnswers(DateOnly today, DelayThresholds thresholds, string? round = null) : AnswerSheet<Milestone, MilestoneEditModel>
{
    public override InquirySheet Layout => InquiryWorkbook.Milestones;

    public override int RowColumn => InquiryWorkbook.CodeColumn;

    public override Task<Dictionary<int, Milestone>> LoadAsync(RoadmapDbContext db, IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        db.Milestones.Include(m => m.OwnerDepartment).Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);

    public override int OwnerOf(Milestone item) => item.OwnerDepartmentId;

    public override string Fingerprint(MilestoneEditModel values) => InquiryWorkbook.Fingerprint(values);

    public override IReadOnlyList<FieldChange> Diff(Milestone item, MilestoneEditModel values)
    {
        KeepUnchangedText(values, item);
        var before = MilestoneFields.Snapshot(item);
        var after = new Milestone { Code = item.Code, Title = item.Title, OwnerDepartment = item.OwnerDepartment };
        values.ApplyTo(after);
        return MilestoneFields.Diff(before, WithPlan(MilestoneFields.Snapshot(after), before));
    }

    public override bool ChangedSinceExport(Milestone item, InquiryRow<MilestoneEditModel> row) => item.Version != row.Version;

    public override string ChangedSinceExportMessage(Milestone item)
    {
        var by = item.UpdatedBy is { } name ? $" ({name}、{(item.UpdatedAt is { } at ? JapaneseDates.Day(DateOnly.FromDateTime(at.DateTime)) : "")})" : "";
        return round is null
            ? $"工程「{item.Title}」は照会票の出力後に更新されています{by}。最新の照会票を出力し直して記入してください。"
            : $"工程「{item.Title}」は回答の作成後に更新されています{by}。現在の値 ({item.Status.Label()} {item.Progress}%) を確認して回答し直してください。";
    }

    public override string? Denied(ICurrentUser user, Milestone item, IReadOnlyList<FieldChange> changes)
    {
        var action = RoadmapPermissions.ActionFor(changes);
        return user.Can(action, item) ? null : RoadmapPermissions.DeniedMessage(action);
    }

    public override IEnumerable<(int Column, string Message)> Validate(Milestone item, MilestoneEditModel values) =>
        MilestoneEditValidator.Validate(item, values, today, thresholds)
            .SelectMany(field => field.Value.Select(message => (InquiryWorkbook.ColumnOf(field.Key), message)));

    public override InquiryChange Change(Milestone item, InquiryRow<MilestoneEditModel> row, IReadOnlyList<FieldChange> changes) =>
        new(Layout.Name, row.Row, item.Id, item.Code, item.Title, changes, row.Values!.Comment);

    public override void Apply(RoadmapDbContext db, Milestone item, InquiryRow<MilestoneEditModel> row, InquiryChange change, string user, DateTimeOffset now)
    {
        row.Values!.ApplyTo(item);
        var source = round is null ? ProgressInquiry.ImportComment : $"照会「{round}」の回答";
        var comment = change.Comment is { } c ? $"{source}: {c}" : source;
        MilestoneHistory.Record(db, item, row.Version!.Value, change.Changes, user, now, comment);
    }

    public override string Duplicate(InquiryRow<MilestoneEditModel> row) =>
        $"同じ工程 ({row.Code}) の行が2つあります。行をコピーせず、出力された行に記入してください。";

    public override string Unknown(InquiryRow<MilestoneEditModel> row) =>
        $"工程「{row.Title}」({row.Code}) は登録されていません (削除されたか、照合用の情報が書き換えられています)。";

    public override string NotOwn(Milestone item, InquiryRow<MilestoneEditModel> row, Department department) =>
        $"工程「{item.Title}」は「{department.Name}」の工程ではありません (主管課: {item.OwnerName})。照合用の情報が書き換えられています。";

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
