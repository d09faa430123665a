using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;

namespace DxRoadmap.Web.Reporting;

/// <summary>A colour pair: the strong tone for marks and the light tone for fills behind text.</summary>
public readonly record struct Tone(string Strong, string Light);

/// <summary>The report colours, one place for Excel and PDF, following the usual 進捗管理表 signal colours.</summary>
public static class ReportPalette
{
    public const string ExternalText = "#6B6B6B";
    public const string Ink = "#1A1A1A";
    public const string Rule = "#9E9E9E";
    public const string HeaderFill = "#DCE6F1";
    public const string Accent = "#1F4E79";

    public static Tone Signal(Signal signal) => signal switch
    {
        Domain.Schedule.Signal.Red => new("#C62828", "#FFCDD2"),
        Domain.Schedule.Signal.Yellow => new("#F9A825", "#FFF3C4"),
        _ => new("#1565C0", "#D6E6F8"),
    };

    public static Tone Evaluation(Evaluation evaluation) => evaluation switch
    {
        Domain.Reporting.Evaluation.S => new("#1565C0", "#D6E6F8"),
        Domain.Reporting.Evaluation.A => new("#2E7D32", "#DCEFDC"),
        Domain.Reporting.Evaluation.B => new("#F9A825", "#FFF3C4"),
        _ => new("#C62828", "#FFCDD2"),
    };

    /// <summary>Status fills for Gantt cells and bars; late items are drawn red whatever their status.</summary>
    public static Tone Status(MilestoneStatus status, bool late) => late ? new("#C62828", "#FFCDD2") : status switch
    {
        MilestoneStatus.Done => new("#2E7D32", "#C8E6C9"),
        MilestoneStatus.InProgress => new("#1565C0", "#BBDEFB"),
        MilestoneStatus.OnHold => new("#8D6E63", "#D7CCC8"),
        MilestoneStatus.Cancelled => new("#9E9E9E", "#EEEEEE"),
        _ => new("#78909C", "#E3E8EB"),
    };

    /// <summary>The 5.1 grid's cells: 完了済み green, 作業中 blue, 対象外 grey, 未着手 left white (the marks differ in shape too).</summary>
    public static Tone Step(StepStatus status) => status switch
    {
        StepStatus.Done => new("#2E7D32", "#C8E6C9"),
        StepStatus.InProgress => new("#1565C0", "#BBDEFB"),
        StepStatus.NotApplicable => new("#616161", "#EEEEEE"),
        _ => new("#546E7A", "#FFFFFF"),
    };

    /// <summary>The Gantt layout's colour keys: strong for the progress part and marks, light for the rest of a bar.</summary>
    public static Tone Gantt(GanttTone tone) => tone switch
    {
        GanttTone.Done => new("#2E7D32", "#C8E6C9"),
        GanttTone.InProgress => new("#1565C0", "#BBDEFB"),
        GanttTone.NotStarted => new("#78909C", "#E3E8EB"),
        GanttTone.OnHold => new("#8D6E63", "#D7CCC8"),
        GanttTone.Cancelled => new("#9E9E9E", "#EEEEEE"),
        GanttTone.AtRisk => new("#F9A825", "#FFF3C4"),
        GanttTone.Late => new("#C62828", "#FFCDD2"),
        GanttTone.External => new("#6D4C9F", "#E6DDF3"),
        GanttTone.OtherOccurrence => new("#B0BEC5", "#ECEFF1"),
        _ => new("#37474F", "#90A4AE"),
    };
}
