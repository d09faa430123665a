using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Services;

namespace DxRoadmap.Web.Reporting;

/// <summary>What a 照会 workbook is written from: one 課's milestones, procedures and AI・RPA cases.</summary>
public sealed record InquiryContent(
    int DepartmentId,
    string Department,
    DateTimeOffset ExportedAt,
    string ExportedBy,
    IReadOnlyList<InquiryMilestone> Milestones,
    IReadOnlyList<OnlineProcedure> Procedures,
    IReadOnlyList<AutomationCase> Cases);

/// <summary>A milestone row of the 照会票: the locked context and the current values of the editable fields.</summary>
public sealed record InquiryMilestone(Milestone Milestone, string InitiativeCode, string TrackTitle);

/// <summary>The hidden 管理情報 sheet read back: which 課, when, and which layout.</summary>
public sealed record InquiryMeta(int FormatVersion, int DepartmentId, string Department, DateTimeOffset? ExportedAt);

/// <summary>The answer columns of an AI・RPA row: the stage and the actual yearly hours saved.</summary>
public sealed record CaseValues(string? Stage, decimal? ActualHoursSaved);

/// <summary>
/// One filled-in row of an answer sheet: where it is, its hidden identity (id, the milestone's version where the sheet
/// carries one, the fingerprint of the values as exported), the code and title a message names it by, and the answer
/// when every cell could be read.
/// </summary>
public sealed record InquiryRow<TValues>(int Row, int Id, Guid? Version, string Fingerprint, string Code, string Title, TValues? Values)
    where TValues : class;

/// <summary>A problem found in the returned workbook, located by sheet, row and column.</summary>
public sealed record InquiryProblem(string Sheet, int Row, string Column, string Message)
{
    public string Text => Row > 0 ? $"{Sheet} シート {Row}行目 {Column}: {Message}" : $"{Sheet} シート: {Message}";
}

/// <summary>The returned workbook as read: either a refusal of the whole file, or its meta, answers and cell problems.</summary>
public sealed record InquiryFile(string? Refusal, InquiryMeta? Meta, IReadOnlyList<InquiryProblem> Problems,
    IReadOnlyList<InquiryRow<MilestoneEditModel>> Milestones,
    IReadOnlyList<InquiryRow<ProcedureStageChange>> Procedures,
    IReadOnlyList<InquiryRow<CaseValues>> Cases)
{
    public static InquiryFile Refused(string message) => new(message, null, [], [], [], []);
}
