using System.Security.Claims;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Services.Authorization;
using static DxRoadmap.Web.Services.Authorization.RoadmapAction;

namespace DxRoadmap.Tests.Services;

public class RoadmapPermissionsTests
{
    private const int OwnDepartment = 7;
    private const int OtherDepartment = 8;

    // Every role × action pair, on a milestone owned by the user's own 課 and by another 課.
    public static TheoryData<string, RoadmapAction, bool, bool> Matrix => new()
    {
        // role, action, allowed on own 課's milestone, allowed on another 課's milestone
        { AppRoles.Admin, ViewAll, true, true },
        { AppRoles.Admin, EditProgress, true, true },
        { AppRoles.Admin, EditPlan, true, true },
        { AppRoles.Admin, WriteFindings, true, true },
        { AppRoles.Admin, ManageDepartments, true, true },
        { AppRoles.Admin, ManageUsers, true, true },
        { AppRoles.Admin, ViewAudit, true, true },
        { AppRoles.Admin, Backup, true, true },
        { AppRoles.Admin, ManageInquiry, true, true },
        { AppRoles.Editor, ViewAll, true, true },
        { AppRoles.Editor, EditProgress, true, true },
        { AppRoles.Editor, EditPlan, true, true },
        { AppRoles.Editor, WriteFindings, true, true },
        { AppRoles.Editor, ManageDepartments, false, false },
        { AppRoles.Editor, ManageUsers, false, false },
        { AppRoles.Editor, ViewAudit, false, false },
        { AppRoles.Editor, Backup, false, false },
        { AppRoles.Editor, ManageInquiry, true, true },
        { AppRoles.DepartmentHead, ViewAll, true, true },
        { AppRoles.DepartmentHead, EditProgress, true, false },
        { AppRoles.DepartmentHead, EditPlan, false, false },
        { AppRoles.DepartmentHead, WriteFindings, false, false },
        { AppRoles.DepartmentHead, ManageDepartments, false, false },
        { AppRoles.DepartmentHead, ManageUsers, false, false },
        { AppRoles.DepartmentHead, ViewAudit, false, false },
        { AppRoles.DepartmentHead, Backup, false, false },
        { AppRoles.DepartmentHead, ManageInquiry, false, false },
        { AppRoles.Viewer, ViewAll, true, true },
        { AppRoles.Viewer, EditProgress, false, false },
        { AppRoles.Viewer, EditPlan, false, false },
        { AppRoles.Viewer, WriteFindings, false, false },
        { AppRoles.Viewer, ManageDepartments, false, false },
        { AppRoles.Viewer, ManageUsers, false, false },
        { AppRoles.Viewer, ViewAudit, false, false },
        { AppRoles.Viewer, Backup, false, false },
        { AppRoles.Viewer, ManageInquiry, false, false },
    };

    [Fact]
    public void Matrix_CoversEveryRoleAndAction()
    {
        var pairs = Matrix.Select(row => ((string)row.Data.Item1, row.Data.Item2)).ToHashSet();
        Assert.Equal(AppRoles.All.Count * Enum.GetValues<RoadmapAction>().Length, pairs.Count);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Role_MayDoExactlyWhatTheMatrixSays(string role, RoadmapAction action, bool onOwn, bool onOther)
    {
        var user = User(role, OwnDepartment);

        Assert.Equal(onOwn, RoadmapPermissions.Can(user, action, Milestone(OwnDepartment)));
        Assert.Equal(onOther, RoadmapPermissions.Can(user, action, Milestone(OtherDepartment)));
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Demand_ThrowsExactlyWhenCanIsFalse(string role, RoadmapAction action, bool onOwn, bool onOther)
    {
        var user = User(role, OwnDepartment);
        _ = onOwn;

        var refused = Record.Exception(() => RoadmapPermissions.Demand(user, action, Milestone(OtherDepartment)));

        if (onOther)
        {
            Assert.Null(refused);
        }
        else
        {
            Assert.IsType<PermissionDeniedException>(refused);
            Assert.Contains("権限", refused.Message);
        }
    }

    [Fact]
    public void DepartmentHead_WithoutALinkedDepartment_CannotEditAnyProgress()
    {
        var head = User(AppRoles.DepartmentHead, department: null);

        Assert.False(RoadmapPermissions.Can(head, EditProgress, Milestone(OwnDepartment)));
        Assert.True(RoadmapPermissions.Can(head, ViewAll));
    }

    [Fact]
    public void DepartmentHead_WithoutAMilestone_CannotEditProgress()
    {
        Assert.False(RoadmapPermissions.Can(User(AppRoles.DepartmentHead, OwnDepartment), EditProgress));
    }

    [Fact]
    public void Anonymous_AndUsersWithoutARole_MayDoNothing()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        var noRole = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x")], "test"));

        foreach (var action in Enum.GetValues<RoadmapAction>())
        {
            Assert.False(RoadmapPermissions.Can(anonymous, action, Milestone(OwnDepartment)));
            Assert.False(RoadmapPermissions.Can(noRole, action, Milestone(OwnDepartment)));
        }
    }

    [Fact]
    public void SeveralRoles_GetTheUnion()
    {
        var user = User([AppRoles.Viewer, AppRoles.DepartmentHead], OwnDepartment);

        Assert.True(RoadmapPermissions.Can(user, EditProgress, Milestone(OwnDepartment)));
        Assert.False(RoadmapPermissions.Can(user, EditProgress, Milestone(OtherDepartment)));
    }

    [Theory]
    [InlineData(new[] { MilestoneFields.Progress, MilestoneFields.Status, MilestoneFields.DelayReason }, EditProgress)]
    [InlineData(new[] { MilestoneFields.Progress, MilestoneFields.PlannedEnd }, EditPlan)]
    [InlineData(new[] { MilestoneFields.Title }, EditPlan)]
    [InlineData(new[] { MilestoneFields.Owner }, EditPlan)]
    public void ActionFor_AChangeSet_IsEditPlanAsSoonAsAPlanFieldChanges(string[] fields, RoadmapAction expected)
    {
        Assert.Equal(expected, RoadmapPermissions.ActionFor(fields.Select(f => new FieldChange(f, "a", "b"))));
    }

    private static Milestone Milestone(int owner) => Build.Span("2022-04", "2023-03").With(m => m.OwnerDepartmentId = owner);

    private static ClaimsPrincipal User(string role, int? department) => User([role], department);

    private static ClaimsPrincipal User(string[] roles, int? department)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, "user") };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (department is { } id)
        {
            claims.Add(new Claim(AppClaims.DepartmentId, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }
}
