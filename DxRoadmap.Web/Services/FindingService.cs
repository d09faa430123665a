using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Data.Configurations;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

/// <summary>What 推進課 types into a 所見 for one initiative and 部会.</summary>
public sealed record FindingInput(int InitiativeId, DateOnly MeetingDate, string? Work, string? Results, string? Issues, string? NextSteps);

/// <summary>A typed indicator: name, unit, 目標値, 目標年度.</summary>
public sealed record IndicatorInput(int? Id, int InitiativeId, string Name, string Unit, decimal? Target, int? TargetFiscalYear);

/// <summary>
/// 所見 and indicators for the 部会: read as of a day for the reports and the dashboard, written by 推進課
/// (<see cref="RoadmapAction.WriteFindings"/>), every change in the audit log.
/// </summary>
public sealed class FindingService(IDbContextFactory<RoadmapDbContext> factory)
{
    public async Task<ReportFindings> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var findings = await db.Findings.AsNoTracking().ToListAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Values).ToListAsync(cancellationToken);
        return new ReportFindings(findings, indicators);
    }

    /// <summary>The 所見 for that initiative and meeting, to edit; null when none was written yet.</summary>
    public async Task<InitiativeFinding?> FindAsync(int initiativeId, DateOnly meetingDate, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Findings.AsNoTracking()
            .SingleOrDefaultAsync(f => f.InitiativeId == initiativeId && f.MeetingDate == meetingDate, cancellationToken);
    }

    public static string? Validate(FindingInput input)
    {
        foreach (var (label, text) in new[] { ("取組内容", input.Work), ("成果", input.Results), ("課題", input.Issues), ("今後の方向性", input.NextSteps) })
        {
            if (text?.Length > FindingLimits.Text)
            {
                return $"{label}は {FindingLimits.Text:N0} 文字以内で入力してください (現在 {text.Length:N0} 文字)。";
            }
        }
        if (input.MeetingDate.Year is < 2019 or > 2100)
        {
            return "部会の日付を正しく入力してください。";
        }
        return null;
    }

    /// <summary>Writes the 所見 for an initiative and meeting; writing again for the same meeting edits it.</summary>
    public async Task<CommandResult> SaveFindingAsync(FindingInput input, ICurrentUser user, TimeProvider clock,
        CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.WriteFindings))
        {
            return CommandResult.Denied(RoadmapAction.WriteFindings);
        }
        if (Validate(input) is { } problem)
        {
            return CommandResult.Fail(problem);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Initiatives.AnyAsync(i => i.Id == input.InitiativeId, cancellationToken))
        {
            return CommandResult.Fail("重点取組を選択してください。");
        }
        var finding = await db.Findings.SingleOrDefaultAsync(
            f => f.InitiativeId == input.InitiativeId && f.MeetingDate == input.MeetingDate, cancellationToken);
        if (finding is null)
        {
            finding = new InitiativeFinding { InitiativeId = input.InitiativeId, MeetingDate = input.MeetingDate };
            db.Findings.Add(finding);
        }
        finding.Work = Clean(input.Work);
        finding.Results = Clean(input.Results);
        finding.Issues = Clean(input.Issues);
        finding.NextSteps = Clean(input.NextSteps);
        finding.UpdatedBy = user.Name;
        finding.UpdatedAt = clock.GetUtcNow();
        await db.SaveAsAsync(user.Name, cancellationToken);
        return CommandResult.Ok("所見を保存しました。");
    }

    public async Task<CommandResult> SaveIndicatorAsync(IndicatorInput input, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.WriteFindings))
        {
            return CommandResult.Denied(RoadmapAction.WriteFindings);
        }
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100)
        {
            return CommandResult.Fail("指標名を 100 文字以内で入力してください。");
        }
        if (string.IsNullOrWhiteSpace(input.Unit) || input.Unit.Trim().Length > 20)
        {
            return CommandResult.Fail("単位を 20 文字以内で入力してください (例: 件、%、時間)。");
        }
        if (input.Target is < 0 or > 1_000_000_000)
        {
            return CommandResult.Fail("目標値は 0～1,000,000,000 の範囲で入力してください。");
        }
        if (input.TargetFiscalYear is < 2019 or > 2100)
        {
            return CommandResult.Fail("目標年度を正しく入力してください (例: 2026 = 令和8年度)。");
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        Indicator? indicator;
        if (input.Id is { } id)
        {
            indicator = await db.Indicators.FindAsync([id], cancellationToken);
            if (indicator is null)
            {
                return CommandResult.Fail("この指標は削除されています。");
            }
        }
        else
        {
            if (!await db.Initiatives.AnyAsync(i => i.Id == input.InitiativeId, cancellationToken))
            {
                return CommandResult.Fail("重点取組を選択してください。");
            }
            var order = await db.Indicators.Where(i => i.InitiativeId == input.InitiativeId).Select(i => (int?)i.Order).MaxAsync(cancellationToken) ?? 0;
            indicator = new Indicator { InitiativeId = input.InitiativeId, Name = input.Name, Unit = input.Unit, Order = order + 1 };
            db.Indicators.Add(indicator);
        }
        indicator.Name = input.Name.Trim();
        indicator.Unit = input.Unit.Trim();
        indicator.Target = input.Target;
        indicator.TargetFiscalYear = input.TargetFiscalYear;
        await db.SaveAsAsync(user.Name, cancellationToken);
        return CommandResult.Ok("指標を保存しました。");
    }

    /// <summary>Records the 実績値 measured on a day; a second value for the same day replaces the first.</summary>
    public async Task<CommandResult> SaveValueAsync(int indicatorId, DateOnly measuredOn, decimal value, ICurrentUser user,
        CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.WriteFindings))
        {
            return CommandResult.Denied(RoadmapAction.WriteFindings);
        }
        if (value is < 0 or > 1_000_000_000)
        {
            return CommandResult.Fail("実績値は 0～1,000,000,000 の範囲で入力してください。");
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Indicators.AnyAsync(i => i.Id == indicatorId, cancellationToken))
        {
            return CommandResult.Fail("この指標は削除されています。");
        }
        var existing = await db.IndicatorValues.SingleOrDefaultAsync(v => v.IndicatorId == indicatorId && v.MeasuredOn == measuredOn, cancellationToken);
        if (existing is null)
        {
            db.IndicatorValues.Add(new IndicatorValue { IndicatorId = indicatorId, MeasuredOn = measuredOn, Value = value, UpdatedBy = user.Name });
        }
        else
        {
            existing.Value = value;
            existing.UpdatedBy = user.Name;
        }
        await db.SaveAsAsync(user.Name, cancellationToken);
        return CommandResult.Ok("実績値を保存しました。");
    }

    /// <summary>
    /// Removes an indicator entered by mistake, with its 実績値 (each removal audited); reports made from now on no
    /// longer show it, also for past dates.
    /// </summary>
    public async Task<CommandResult> DeleteIndicatorAsync(int indicatorId, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.WriteFindings))
        {
            return CommandResult.Denied(RoadmapAction.WriteFindings);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var indicator = await db.Indicators.FindAsync([indicatorId], cancellationToken);
        if (indicator is null)
        {
            return CommandResult.Fail("この指標は削除されています。");
        }
        db.IndicatorValues.RemoveRange(await db.IndicatorValues.Where(v => v.IndicatorId == indicatorId).ToListAsync(cancellationToken));
        db.Indicators.Remove(indicator);
        await db.SaveAsAsync(user.Name, cancellationToken);
        return CommandResult.Ok($"指標「{indicator.Name}」を削除しました。");
    }

    /// <summary>Removes the 実績値 recorded for one day (a wrong figure or date).</summary>
    public async Task<CommandResult> DeleteValueAsync(int indicatorId, DateOnly measuredOn, ICurrentUser user,
        CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.WriteFindings))
        {
            return CommandResult.Denied(RoadmapAction.WriteFindings);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var value = await db.IndicatorValues.SingleOrDefaultAsync(v => v.IndicatorId == indicatorId && v.MeasuredOn == measuredOn, cancellationToken);
        if (value is null)
        {
            return CommandResult.Fail("この実績値は削除されています。");
        }
        db.IndicatorValues.Remove(value);
        await db.SaveAsAsync(user.Name, cancellationToken);
        return CommandResult.Ok($"{JapaneseDates.WesternDay(measuredOn)} の実績値を削除しました。");
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
