using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Domain.Inquiry;

public enum InquiryRoundState
{
    Open = 0,
    Closed = 1,
}

/// <summary>Where one 課 stands in a round.</summary>
public enum InquiryResponseState
{
    NotAnswered = 0,
    InProgress = 1,
    Answered = 2,
    Returned = 3,
}

/// <summary>What an item of a round is about.</summary>
public enum InquiryItemKind
{
    /// <summary>A milestone, answered by its 主管課.</summary>
    Milestone = 0,
    /// <summary>A milestone, answered by one of its 関係課 (its entry under the milestone).</summary>
    RelatedEntry = 1,
    /// <summary>A 5.2 online procedure.</summary>
    Procedure = 2,
    /// <summary>A 5.3 AI・RPA case.</summary>
    AutomationCase = 3,
    /// <summary>A 5.1 core business system (基幹業務).</summary>
    StandardSystem = 4,
}

/// <summary>
/// A 照会 round before a 部会: 推進課 opens it over a set of items with a 基準日 and a 回答期限; each 課 answers its
/// own items and marks the round answered; 推進課 may send an answer back and closes the round, which fixes it.
/// </summary>
public sealed class InquiryRound
{
    public const int NameMaxLength = 100;

    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>基準日: the day the answers describe.</summary>
    public DateOnly BaseDate { get; set; }
    /// <summary>回答期限.</summary>
    public DateOnly DueDate { get; set; }
    public InquiryRoundState State { get; set; }
    public required string OpenedBy { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public string? ClosedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<InquiryItem> Items { get; set; } = [];
    public List<InquiryResponse> Responses { get; set; } = [];

    public bool IsOpen => State == InquiryRoundState.Open;
}

/// <summary>
/// One thing one 課 is asked about in a round, with that 課's answer (状況, 進捗, コメント). At closing the item's
/// recorded values are copied into <see cref="ClosedStatus"/> and <see cref="ClosedProgress"/>: the round's snapshot.
/// </summary>
public sealed class InquiryItem
{
    public const int CommentMaxLength = 1000;

    public int Id { get; set; }
    public int RoundId { get; set; }
    public InquiryItemKind Kind { get; set; }
    /// <summary>The milestone, procedure, case or system asked about.</summary>
    public int TargetId { get; set; }
    /// <summary>The 課 that answers.</summary>
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public required string Title { get; set; }
    /// <summary>Where the item sits (重点取組 and 取組項目, or the list it comes from), for reading the answer sheet.</summary>
    public string? Context { get; set; }
    public int Order { get; set; }

    public string? AnswerStatus { get; set; }
    public int? AnswerProgress { get; set; }
    public string? AnswerComment { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    // A 主管課 answering its own milestone gives what the editor asks for, so the answer can be applied to the
    // milestone by the same rules when 推進課 closes the round.
    public DateOnly? AnswerActualStart { get; set; }
    public DateOnly? AnswerActualEnd { get; set; }
    public string? AnswerDelayReason { get; set; }
    public string? AnswerCountermeasure { get; set; }
    /// <summary>The milestone's version the 主管課's answer was made against: a change since then is never overwritten.</summary>
    public Guid? AnswerBaseVersion { get; set; }

    public string? ClosedStatus { get; set; }
    public int? ClosedProgress { get; set; }

    public bool IsAnswered => AnswerStatus is not null;
}

/// <summary>Where one 課 stands in a round, and 推進課's comment when the answer was sent back.</summary>
public sealed class InquiryResponse
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public InquiryResponseState State { get; set; }
    public string? ReturnComment { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>
/// A 関係課's own entry under a milestone (状況, 進捗, コメント), kept by that 課's 所属長 and rolled up for 推進課.
/// </summary>
public sealed class MilestoneDepartmentEntry
{
    public int Id { get; set; }
    public int MilestoneId { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public MilestoneStatus Status { get; set; }
    public int Progress { get; set; }
    public string? Comment { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

public static class InquiryLabels
{
    public static string Label(this InquiryResponseState state) => state switch
    {
        InquiryResponseState.NotAnswered => "未回答",
        InquiryResponseState.InProgress => "回答中",
        InquiryResponseState.Answered => "回答済",
        InquiryResponseState.Returned => "差戻し",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string Label(this InquiryRoundState state) => state == InquiryRoundState.Open ? "照会中" : "締切済";

    public static string Label(this InquiryItemKind kind) => kind switch
    {
        InquiryItemKind.Milestone => "工程 (主管課)",
        InquiryItemKind.RelatedEntry => "工程 (関係課)",
        InquiryItemKind.Procedure => "オンライン化手続",
        InquiryItemKind.AutomationCase => "AI・RPA",
        InquiryItemKind.StandardSystem => "標準化 (基幹業務)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The 状況 an answer may take for an item of this kind, in the vocabulary of that list.</summary>
    public static IReadOnlyList<string> Statuses(this InquiryItemKind kind) => kind switch
    {
        InquiryItemKind.Milestone or InquiryItemKind.RelatedEntry => [.. StatusNames.All.Select(s => s.Label())],
        InquiryItemKind.Procedure => [.. ProcedureStages.All.Select(s => s.Label())],
        InquiryItemKind.AutomationCase => AutomationStages.All,
        InquiryItemKind.StandardSystem => StandardSystemStatuses,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static IReadOnlyList<string> StandardSystemStatuses { get; } = ["未着手", "作業中", "完了"];
}
