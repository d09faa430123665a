using System.Security.Claims;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Services;
using DxRoadmap.Web.Services.Authorization;

namespace DxRoadmap.Tests.Support;

/// <summary>A signed-in user for component and service tests, judged by the app's own permission rule.</summary>
public sealed class TestUser(ClaimsPrincipal principal) : ICurrentUser
{
    public const string EditorName = "推進課担当者";

    public static TestUser Editor(string name = EditorName) => WithRole(name, AppRoles.Editor);

    public static TestUser Admin(string name = "管理者") => WithRole(name, AppRoles.Admin);

    public static TestUser Viewer(string name = "閲覧者") => WithRole(name, AppRoles.Viewer);

    public static TestUser Head(int departmentId, string department, string name = "所属長") =>
        WithRole(name, AppRoles.DepartmentHead, (AppClaims.DepartmentId, departmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (AppClaims.Department, department));

    public static TestUser WithRole(string name, string role, params (string Type, string Value)[] claims)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), .. claims.Select(c => new Claim(c.Type, c.Value))],
            "Test");
        return new TestUser(new ClaimsPrincipal(identity));
    }

    public ClaimsPrincipal Principal { get; } = principal;

    public string Name => Principal.Identity?.Name ?? "";

    public string? Department => Principal.FindFirstValue(AppClaims.Department);

    public int? DepartmentId => RoadmapPermissions.DepartmentId(Principal);

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public IReadOnlyList<string> Roles => AppRoles.All.Where(Principal.IsInRole).ToList();

    public bool IsInRole(string role) => Principal.IsInRole(role);

    public bool Can(RoadmapAction action, Milestone? milestone = null) => RoadmapPermissions.Can(Principal, action, milestone);

    public void Demand(RoadmapAction action, Milestone? milestone = null) => RoadmapPermissions.Demand(Principal, action, milestone);

    public Task RefreshAsync() => Task.CompletedTask;
}
