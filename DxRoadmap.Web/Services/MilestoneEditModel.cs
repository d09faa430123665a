using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;

namespace DxRoadmap.Web.Services;

/// <summary>The progress fields a user edits on one milestone (bound by the editor form).</summary>
public sealed class MilestoneEditModel
{
    public MilestoneStatus Status { get; set; }
    public int Progress { get; set; }
    /// <summary>DateTime because the date picker binds it; only the date part is kept.</summary>
    public DateTime? ActualStart { get; set; }
    public DateTime? ActualEnd { get; set; }
    public string? DelayReason { get; set; }
    public string? Countermeasure { get; set; }
    public string? Note { get; set; }
    /// <summary>Goes to the history entry, not to the milestone.</summary>
    public string? Comment { get; set; }

    public static MilestoneEditModel From(Milestone m) => new()
    {
        Status = m.Status,
        Progress = m.Progress,
        ActualStart = m.ActualStart?.ToDateTime(TimeOnly.MinValue),
        ActualEnd = m.ActualEnd?.ToDateTime(TimeOnly.MinValue),
        DelayReason = m.DelayReason,
        Countermeasure = m.Countermeasure,
        Note = m.Note,
    };

    /// <summary>
    /// 上書き保存 after a conflict: the fields this user changed from what they loaded, laid over the latest
    /// values, so fields only the other person changed keep the other person's value.
    /// </summary>
    public static MilestoneEditModel Rebase(MilestoneEditModel loaded, MilestoneEditModel edited, Milestone latest)
    {
        var result = From(latest);
        if (edited.Status != loaded.Status) result.Status = edited.Status;
        if (edited.Progress != loaded.Progress) result.Progress = edited.Progress;
        if (edited.ActualStart != loaded.ActualStart) result.ActualStart = edited.ActualStart;
        if (edited.ActualEnd != loaded.ActualEnd) result.ActualEnd = edited.ActualEnd;
        if (Clean(edited.DelayReason) != Clean(loaded.DelayReason)) result.DelayReason = edited.DelayReason;
        if (Clean(edited.Countermeasure) != Clean(loaded.Countermeasure)) result.Countermeasure = edited.Countermeasure;
        if (Clean(edited.Note) != Clean(loaded.Note)) result.Note = edited.Note;
        result.Comment = edited.Comment;
        return result;
    }

    public MilestoneEditModel Copy() => (MilestoneEditModel)MemberwiseClone();

    /// <summary>Writes the edited values onto a milestone (blank text becomes null).</summary>
    public void ApplyTo(Milestone m)
    {
        m.Status = Status;
        m.Progress = Progress;
        m.ActualStart = ActualStart is { } s ? DateOnly.FromDateTime(s) : null;
        m.ActualEnd = ActualEnd is { } e ? DateOnly.FromDateTime(e) : null;
        m.DelayReason = Clean(DelayReason);
        m.Countermeasure = Clean(Countermeasure);
        m.Note = Clean(Note);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>
/// The editor's rules, in Japanese, per field. The page runs them as the user types and the service runs them
/// again on save, so a request that skips the page is refused the same way.
/// </summary>
public static class MilestoneEditValidator
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Validate(Milestone current, MilestoneEditModel model,
        DateOnly today, DelayThresholds thresholds)
    {
        var errors = new FieldMessages();

        // A forged request can send any number for an enum; only the five statuses exist.
        if (!Enum.IsDefined(model.Status))
        {
            errors.Add(nameof(model.Status), "状態の値が不正です。一覧から選んでください。");
        }
        if (model.Progress is < 0 or > 100)
        {
            errors.Add(nameof(model.Progress), "進捗率は 0～100 の範囲で入力してください。");
        }
        if (model.ActualStart is { } start && model.ActualEnd is { } end && end.Date < start.Date)
        {
            errors.Add(nameof(model.ActualEnd), "実績終了日は実績開始日より前にできません。");
        }
        if (model.Status == MilestoneStatus.Done && model.ActualEnd is null)
        {
            errors.Add(nameof(model.ActualEnd), "完了にするには実績終了日を入力してください。");
        }
        CheckLength(model.DelayReason, nameof(model.DelayReason), MilestoneFields.DelayReason, errors.Add);
        CheckLength(model.Countermeasure, nameof(model.Countermeasure), MilestoneFields.Countermeasure, errors.Add);
        CheckLength(model.Note, nameof(model.Note), MilestoneFields.Note, errors.Add);
        CheckLength(model.Comment, nameof(model.Comment), "コメント", errors.Add);

        // Judged on the values as they would be saved: marking an overdue item 完了 needs no reason.
        if (string.IsNullOrWhiteSpace(model.DelayReason) && progressOk(model) && Enum.IsDefined(model.Status))
        {
            var edited = Preview(current, model);
            var late = DelayRules.Assess(edited, today, thresholds).Flags
                .FirstOrDefault(f => f.Kind is DelayKind.Overdue or DelayKind.LateStart);
            if (late is not null)
            {
                errors.Add(nameof(model.DelayReason), $"この工程は{late.Description}のため、遅延理由を入力してください。");
            }
        }
        return errors.ToDictionary();

        static bool progressOk(MilestoneEditModel m) => m.Progress is >= 0 and <= 100;
    }

    private static void CheckLength(string? text, string field, string label, Action<string, string> add)
    {
        var length = text?.Trim().Length ?? 0;
        if (length > Milestone.TextMaxLength)
        {
            add(field, $"{label}は{Milestone.TextMaxLength}文字以内で入力してください (現在 {length} 文字)。");
        }
    }

    /// <summary>A copy of the milestone with the edit applied, for judging it without touching the tracked entity.</summary>
    private static Milestone Preview(Milestone current, MilestoneEditModel model)
    {
        var copy = new Milestone
        {
            Code = current.Code,
            Title = current.Title,
            Kind = current.Kind,
            PlannedStart = current.PlannedStart,
            PlannedEnd = current.PlannedEnd,
            OpenEnded = current.OpenEnded,
            Deadline = current.Deadline,
            ExternalActor = current.ExternalActor,
            RecurringYearly = current.RecurringYearly,
            UpdatedAt = current.UpdatedAt,
        };
        model.ApplyTo(copy);
        return copy;
    }
}
