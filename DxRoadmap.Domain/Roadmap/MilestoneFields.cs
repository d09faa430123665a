using DxRoadmap.Domain.Schedule;

namespace DxRoadmap.Domain.Roadmap;

/// <summary>
/// The fields of a milestone that its history records, as display text, in one place: the editor, the
/// seeder and the history all compare and show them the same way.
/// </summary>
public static class MilestoneFields
{
    public const string Status = "状態";
    public const string Progress = "進捗率";
    public const string ActualStart = "実績開始";
    public const string ActualEnd = "実績終了";
    public const string DelayReason = "遅延理由";
    public const string Countermeasure = "対応策";
    public const string Note = "備考";
    public const string PlannedStart = "計画開始";
    public const string PlannedEnd = "計画終了";
    public const string Title = "工程名";
    public const string Owner = "主管課";

    public static IReadOnlyDictionary<string, string?> Snapshot(Milestone m) => new Dictionary<string, string?>
    {
        [Title] = m.Title,
        [Owner] = m.OwnerDepartment?.Name,
        [PlannedStart] = m.PlannedStart?.ToIso(),
        [PlannedEnd] = m.PlannedEnd?.ToIso(),
        [Status] = m.Status.Label(),
        [Progress] = m.Progress + "%",
        [ActualStart] = m.ActualStart is { } s ? JapaneseDates.WesternDay(s) : null,
        [ActualEnd] = m.ActualEnd is { } e ? JapaneseDates.WesternDay(e) : null,
        [DelayReason] = m.DelayReason,
        [Countermeasure] = m.Countermeasure,
        [Note] = m.Note,
    };

    public static List<FieldChange> Diff(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after) =>
        after.Where(kv => !string.Equals(Normalize(before.GetValueOrDefault(kv.Key)), Normalize(kv.Value), StringComparison.Ordinal))
            .Select(kv => new FieldChange(kv.Key, Normalize(before.GetValueOrDefault(kv.Key)), Normalize(kv.Value)))
            .ToList();

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
