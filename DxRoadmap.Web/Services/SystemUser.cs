using System.Security.Claims;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Services.Authorization;

namespace DxRoadmap.Web.Services;

/// <summary>
/// A named actor with fixed roles for work that runs without a signed-in person (a command-line import).
/// It goes through the same permission rule as a person, and its name is what history and audit rows show.
/// </summary>
public sealed class SystemUser : ICurrentUser
{
    public SystemUser(string name, params string[] roles)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "System");
        Principal = new ClaimsPrincipal(identity);
    }

    public ClaimsPrincipal Principal { get; }

    public string Name => Principal.Identity?.Name ?? "";

    public string? Department => null;

    public int? DepartmentId => null;

    public bool IsAuthenticated => true;

    public IReadOnlyList<string> Roles => AppRoles.All.Where(Principal.IsInRole).ToList();

    public bool IsInRole(string role) => Principal.IsInRole(role);

    public bool Can(RoadmapAction action, Milestone? milestone = null) => RoadmapPermissions.Can(Principal, action, milestone);

    public void Demand(RoadmapAction action, Milestone? milestone = null) => RoadmapPermissions.Demand(Principal, action, milestone);

    public Task RefreshAsync() => Task.CompletedTask;
}
