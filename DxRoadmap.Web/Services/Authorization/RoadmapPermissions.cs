using System.Globalization;
using System.Security.Claims;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data.Identity;

namespace DxRoadmap.Web.Services.Authorization;

/// <summary>What a user may do. Milestone-scoped actions take the milestone.</summary>
public enum RoadmapAction
{
    /// <summary>See every page, chart and report.</summary>
    ViewAll,
    /// <summary>Change a milestone's progress fields: status, progress, actual dates, delay reason, countermeasure, note.</summary>
    EditProgress,
    /// <summary>Change the plan itself: titles, planned dates, owners, tracks, adding and removing milestones.</summary>
    EditPlan,
    /// <summary>Write the 所見 and indicators for a 部会: the report's own words, the 推進課's.</summary>
    WriteFindings,
    ManageDepartments,
    ManageUsers,
    /// <summary>Open, send back and close 照会 rounds; see every 課's answers and the mail sent-log.</summary>
    ManageInquiry,
    ViewAudit,
    Backup,
}

/// <summary>Refused because the user's role does not allow the action.</summary>
public sealed class PermissionDeniedException(string message) : Exception(message);

/// <summary>
/// The one rule for "may user U do action A (on milestone M)". Pages use it to hide buttons; every command
/// calls <see cref="Demand"/> so that a forged request fails like a hidden button.
/// </summary>
/// <remarks>
/// 管理者 may do everything; 推進課 edits the plan and progress; 所属長 views everything and edits the
/// progress of their own 課's milestones only; 閲覧 views. A user with several roles gets the union.
/// <para>
/// Where each command stands:
/// <list type="bullet">
/// <item>工程の進捗 (MilestoneEditing): <see cref="RoadmapAction.EditProgress"/> on the milestone's 主管課; a change
///   that touches a plan field needs <see cref="RoadmapAction.EditPlan"/> (<see cref="ActionFor"/>).</item>
/// <item>計画の管理 (PlanMaintenance): milestones and tracks need <see cref="RoadmapAction.EditPlan"/>; 課 need
///   <see cref="RoadmapAction.ManageDepartments"/>.</item>
/// <item>5.2 オンライン化手続の段階 and 5.3 AI・RPA事例の追加・更新 (ProgramService): <see cref="RoadmapAction.EditProgress"/>
///   on the item's 課 — a 所属長 reports their own 課's procedures and cases as they do its milestones; a case
///   cannot be moved into or out of another 課. Deleting a case removes it from the committee's figures and
///   needs <see cref="RoadmapAction.EditPlan"/>.</item>
/// <item>5.1 標準化の進捗表 (ProgramService): <see cref="RoadmapAction.EditProgress"/> on the system's 業務所管課 — a
///   所属長 ticks the steps of their own 課's 基幹業務; a system with no 課 is 推進課's and 管理者's alone.</item>
/// <item>関係課の状況 under a milestone (DepartmentEntries): <see cref="RoadmapAction.EditProgress"/> on the entry's 課 —
///   the 関係課's 所属長 keeps it, not the milestone's 主管課.</item>
/// <item>照会 rounds (InquiryRounds): opening, sending back and closing need <see cref="RoadmapAction.ManageInquiry"/>;
///   answering an item is <see cref="RoadmapAction.EditProgress"/> on the 課 that answers it.</item>
/// <item>所見 and 指標 for the 部会 (FindingService): <see cref="RoadmapAction.WriteFindings"/> — 推進課 and 管理者.</item>
/// </list>
/// Refusals come back as a failed CommandResult carrying <see cref="DeniedMessage"/>, never as an exception.
/// </para>
/// </remarks>
public static class RoadmapPermissions
{
    /// <summary>The fields a 所属長 may change: everything else in <see cref="MilestoneFields"/> is the plan.</summary>
    public static IReadOnlySet<string> ProgressFields { get; } = new HashSet<string>
    {
        MilestoneFields.Status, MilestoneFields.Progress, MilestoneFields.ActualStart, MilestoneFields.ActualEnd,
        MilestoneFields.DelayReason, MilestoneFields.Countermeasure, MilestoneFields.Note,
    };

    public static bool Can(ClaimsPrincipal user, RoadmapAction action, Milestone? milestone = null) =>
        Can(user, action, milestone?.OwnerDepartmentId);

    /// <param name="ownerDepartmentId">The owning 課 of the milestone acted on; null when the action is not about one.</param>
    public static bool Can(ClaimsPrincipal user, RoadmapAction action, int? ownerDepartmentId)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }
        if (user.IsInRole(AppRoles.Admin))
        {
            return true;
        }
        if (user.IsInRole(AppRoles.Editor)
            && action is RoadmapAction.ViewAll or RoadmapAction.EditProgress or RoadmapAction.EditPlan or RoadmapAction.ManageInquiry or RoadmapAction.WriteFindings)
        {
            return true;
        }
        if (user.IsInRole(AppRoles.DepartmentHead))
        {
            if (action == RoadmapAction.ViewAll)
            {
                return true;
            }
            if (action == RoadmapAction.EditProgress && ownerDepartmentId is { } owner && DepartmentId(user) == owner)
            {
                return true;
            }
        }
        return user.IsInRole(AppRoles.Viewer) && action == RoadmapAction.ViewAll;
    }

    /// <summary>Throws <see cref="PermissionDeniedException"/> unless <see cref="Can(ClaimsPrincipal, RoadmapAction, Milestone?)"/>.</summary>
    public static void Demand(ClaimsPrincipal user, RoadmapAction action, Milestone? milestone = null) =>
        Demand(user, action, milestone?.OwnerDepartmentId);

    public static void Demand(ClaimsPrincipal user, RoadmapAction action, int? ownerDepartmentId)
    {
        if (!Can(user, action, ownerDepartmentId))
        {
            throw new PermissionDeniedException(DeniedMessage(action));
        }
    }

    /// <summary>
    /// The action a set of milestone changes needs: <see cref="RoadmapAction.EditProgress"/> when only
    /// progress fields change, otherwise <see cref="RoadmapAction.EditPlan"/>.
    /// </summary>
    public static RoadmapAction ActionFor(IEnumerable<FieldChange> changes) =>
        changes.All(c => ProgressFields.Contains(c.Field)) ? RoadmapAction.EditProgress : RoadmapAction.EditPlan;

    public static int? DepartmentId(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(AppClaims.DepartmentId), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    public static string DeniedMessage(RoadmapAction action) => action switch
    {
        RoadmapAction.ViewAll => "閲覧の権限がありません。",
        RoadmapAction.EditProgress => "この工程の進捗を更新する権限がありません (所属長は自課の工程のみ更新できます)。",
        RoadmapAction.EditPlan => "計画を変更する権限がありません (推進課・管理者のみ)。",
        RoadmapAction.WriteFindings => "所見・指標を書く権限がありません (推進課・管理者のみ)。",
        RoadmapAction.ManageDepartments => "課を管理する権限がありません (管理者のみ)。",
        RoadmapAction.ManageUsers => "ユーザーを管理する権限がありません (管理者のみ)。",
        RoadmapAction.ManageInquiry => "照会を管理する権限がありません (推進課・管理者のみ)。",
        RoadmapAction.ViewAudit => "監査ログを閲覧する権限がありません (管理者のみ)。",
        RoadmapAction.Backup => "バックアップの権限がありません (管理者のみ)。",
        _ => "この操作の権限がありません。",
    };

    /// <summary>The authorization policy name for an action that is not about one milestone.</summary>
    public static string Policy(RoadmapAction action) => PolicyPrefix + action;

    public const string PolicyPrefix = "roadmap:";

    /// <summary>Policy names as constants, for [Authorize(Policy = ...)] and AuthorizeView.</summary>
    public static class Policies
    {
        public const string EditPlan = PolicyPrefix + nameof(RoadmapAction.EditPlan);
        public const string ManageInquiry = PolicyPrefix + nameof(RoadmapAction.ManageInquiry);
        public const string ViewAudit = PolicyPrefix + nameof(RoadmapAction.ViewAudit);
        public const string ManageUsers = PolicyPrefix + nameof(RoadmapAction.ManageUsers);
        public const string ManageDepartments = PolicyPrefix + nameof(RoadmapAction.ManageDepartments);
        public const string Backup = PolicyPrefix + nameof(RoadmapAction.Backup);
    }
}
