using System.Globalization;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;

namespace DxRoadmap.Domain.Reporting;

/// <summary>The 所見 and indicators a report is built with; none when nothing has been written yet.</summary>
public sealed record ReportFindings(IReadOnlyList<InitiativeFinding> Findings, IReadOnlyList<Indicator> Indicators)
{
    public static ReportFindings None { get; } = new([], []);
}

/// <summary>
/// One initiative's page of the 進捗状況報告: its aim (目標), the 所見 written for the latest meeting up to the
/// as-of date, its indicators, and for 5.2 and 5.3 the procedure counts by stage and the hours saved.
/// </summary>
public sealed record InitiativeDetail(
    string Code,
    string Title,
    string? Aim,
    FindingText? Finding,
    IReadOnlyList<IndicatorRow> Indicators,
    IReadOnlyList<StageCount>? ProcedureStages,
    AutomationHours? Hours);

/// <summary>The 所見 as printed, with the meeting it was written for.</summary>
public sealed record FindingText(string MeetingLabel, string? Work, string? Results, string? Issues, string? NextSteps);

/// <summary>An indicator's line: 目標値 for its 年度 and the latest 実績値 up to the as-of date.</summary>
public sealed record IndicatorRow(string Name, string Unit, decimal? Target, string? TargetYear, decimal? Actual,
    string? ActualOn, bool Computed)
{
    public string TargetText => Target is { } t ? Number(t) + Unit : "—";

    public string ActualText => Actual is { } a ? Number(a) + Unit : "未計測";

    /// <summary>実績 ÷ 目標 as a whole percentage, when both are known.</summary>
    public int? Attainment => Target is > 0 && Actual is { } a ? (int)Math.Round(a / Target.Value * 100) : null;

    public static string Number(decimal value) => value.ToString(value == Math.Round(value) ? "#,0" : "#,0.0", CultureInfo.InvariantCulture);
}

/// <summary>5.3's yearly hours saved: planned and actual over the cases in scope.</summary>
public sealed record AutomationHours(decimal Planned, decimal Actual, int Cases);

/// <summary>Builds the per-initiative pages; the computed indicators come from the data, the typed ones from 推進課.</summary>
public static class InitiativeDetails
{
    public const string ProceduresOnline = "オンライン化手続数";
    public const string HoursSaved = "AI・RPAによる削減時間 (年間)";
    public const string StandardisationRate = "標準化 完了率";

    public static IReadOnlyList<InitiativeDetail> Build(IReadOnlyList<Initiative> initiatives, RoadmapSnapshot roadmap,
        ReportFindings findings, DateOnly asOf, ProcedureSection? procedures, StandardisationSection? standardisation,
        AutomationSection? automation) =>
        initiatives.Select(i => new InitiativeDetail(i.Code, i.Title, i.Aim,
                Finding(findings.Findings, i.Id, asOf),
                [.. Computed(i.Code, roadmap, asOf, standardisation, automation), .. Typed(findings.Indicators, i.Id, asOf)],
                i.Code == "5.2" ? procedures?.ByStage : null,
                i.Code == "5.3" && automation is { } a ? Hours(a) : null))
            .ToList();

    /// <summary>The words written for the latest meeting on or before the as-of date.</summary>
    public static FindingText? Finding(IEnumerable<InitiativeFinding> findings, int initiativeId, DateOnly asOf) =>
        findings.Where(f => f.InitiativeId == initiativeId && f.MeetingDate <= asOf).MaxBy(f => f.MeetingDate) is { } f
            ? new FindingText(JapaneseDates.Day(f.MeetingDate) + " 部会", f.Work, f.Results, f.Issues, f.NextSteps)
            : null;

    private static IEnumerable<IndicatorRow> Typed(IEnumerable<Indicator> indicators, int initiativeId, DateOnly asOf) =>
        indicators.Where(x => x.InitiativeId == initiativeId).OrderBy(x => x.Order).ThenBy(x => x.Id).Select(x =>
        {
            var latest = x.Values.Where(v => v.MeasuredOn <= asOf).MaxBy(v => v.MeasuredOn);
            return new IndicatorRow(x.Name, x.Unit, x.Target, Year(x.TargetFiscalYear), latest?.Value,
                latest is null ? null : JapaneseDates.Day(latest.MeasuredOn), Computed: false);
        });

    private static IEnumerable<IndicatorRow> Computed(string code, RoadmapSnapshot roadmap, DateOnly asOf,
        StandardisationSection? standardisation, AutomationSection? automation)
    {
        var day = JapaneseDates.Day(asOf);
        if (code == "5.1" && standardisation is { } s)
        {
            yield return new IndicatorRow(StandardisationRate, "%", 100, Year(2025), Math.Round((decimal)s.Rate * 100, 1), day, Computed: true);
        }
        if (code == "5.2" && roadmap.Procedures.Count > 0)
        {
            // In service by the as-of date: the go-live day is recorded, so a past report counts what was live then.
            var live = roadmap.Procedures.Count(p => p.ActualGoLive is { } d && d <= asOf);
            var lastPlanned = roadmap.Procedures.Max(p => p.PlannedGoLive);
            yield return new IndicatorRow(ProceduresOnline, "手続", roadmap.Procedures.Count,
                lastPlanned is { } last ? Year(JapaneseDates.FiscalYear(last)) : null, live, day, Computed: true);
        }
        if (code == "5.3" && automation is { Cases.Count: > 0 } a)
        {
            var hours = Hours(a);
            yield return new IndicatorRow(HoursSaved, "時間", hours.Planned, null, hours.Actual, day, Computed: true);
        }
    }

    private static AutomationHours Hours(AutomationSection a) => new(
        a.Cases.Sum(c => c.PlannedHoursSaved ?? 0), a.Cases.Sum(c => c.ActualHoursSaved ?? 0), a.Cases.Count);

    private static string? Year(int? fiscalYear) => fiscalYear is { } y ? JapaneseDates.FiscalYearLabel(y) : null;
}
