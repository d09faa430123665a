using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Web.Services;

/// <summary>The plan form's rules, in Japanese, per field: run by the form as the user types and by the service on save.</summary>
public static class MilestonePlanValidator
{
    /// <summary>
    /// Checks the plan form. <paramref name="current"/> is null for a new milestone; for an existing one a change
    /// of planned dates needs a 計画変更理由.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Validate(MilestonePlanModel model, Milestone? current,
        out PlanDate? start, out PlanDate? end)
    {
        var errors = new FieldMessages();

        start = null;
        end = null;
        if (string.IsNullOrWhiteSpace(model.Title))
        {
            errors.Add(nameof(model.Title), "工程名を入力してください。");
        }
        else if (model.Title.Trim().Length > Milestone.TitleMaxLength)
        {
            errors.Add(nameof(model.Title), $"工程名は{Milestone.TitleMaxLength}文字以内で入力してください。");
        }
        if (model.TrackId <= 0)
        {
            errors.Add(nameof(model.TrackId), "取組項目を選んでください。");
        }
        if (model.OwnerDepartmentId <= 0)
        {
            errors.Add(nameof(model.OwnerDepartmentId), "主管課を選んでください。");
        }

        if (!Enum.IsDefined(model.Kind))
        {
            errors.Add(nameof(model.Kind), "種別の値が不正です。時点か期間を選んでください。");
            return errors.ToDictionary();
        }
        if (model.Kind == MilestoneKind.Span && !string.IsNullOrWhiteSpace(model.PlannedStart))
        {
            if (PlanDate.TryParse(model.PlannedStart, out var s))
            {
                start = s;
            }
            else
            {
                errors.Add(nameof(model.PlannedStart), "計画開始は 2022-04 または 2022-04-15 の形で入力してください。");
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
                errors.Add(nameof(model.PlannedEnd), "計画終了は 2022-04 または 2022-04-15 の形で入力してください。");
            }
        }

        if (model.Kind == MilestoneKind.Point)
        {
            if (end is null && !errors.Has(nameof(model.PlannedEnd)))
            {
                errors.Add(nameof(model.PlannedEnd), "時点 (◆) の工程には日付を入力してください。");
            }
            start = end;
        }
        else
        {
            if (start is null && !errors.Has(nameof(model.PlannedStart)))
            {
                errors.Add(nameof(model.PlannedStart), "計画開始を入力してください。");
            }
            if (model.OpenEnded)
            {
                end = null;
            }
            else if (end is null && !errors.Has(nameof(model.PlannedEnd)))
            {
                errors.Add(nameof(model.PlannedEnd), "計画終了を入力するか「終期なし (順次)」にしてください。");
            }
            if (start is { } s2 && end is { } e2 && e2.LastDay < s2.FirstDay)
            {
                errors.Add(nameof(model.PlannedEnd), "計画終了は計画開始より前にできません。");
            }
        }
        if (model.ExternalActor?.Trim().Length > 100)
        {
            errors.Add(nameof(model.ExternalActor), "実施主体は100文字以内で入力してください。");
        }

        var reason = model.ReplanReason?.Trim();
        if (current is not null && (current.PlannedStart != start || current.PlannedEnd != end)
            && !errors.Has(nameof(model.PlannedStart)) && !errors.Has(nameof(model.PlannedEnd)))
        {
            if (string.IsNullOrEmpty(reason))
            {
                errors.Add(nameof(model.ReplanReason), "計画日付を変更するときは計画変更理由を入力してください。");
            }
        }
        if (reason?.Length > Milestone.TextMaxLength)
        {
            errors.Add(nameof(model.ReplanReason), $"計画変更理由は{Milestone.TextMaxLength}文字以内で入力してください。");
        }
        return errors.ToDictionary();
    }
}
