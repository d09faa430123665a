using System.Security.Claims;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace DxRoadmap.Web.Services;

/// <summary>The signed-in user of the current request or circuit.</summary>
public interface ICurrentUser
{
    /// <summary>The user name, or empty when nobody is signed in.</summary>
    string Name { get; }

    /// <summary>The linked 課 of a department head (any role may have one), else null.</summary>
    string? Department { get; }

    int? DepartmentId { get; }

    bool IsAuthenticated { get; }

    IReadOnlyList<string> Roles { get; }

    ClaimsPrincipal Principal { get; }

    bool IsInRole(string role);

    bool Can(RoadmapAction action, Milestone? milestone = null);

    /// <summary>Throws <see cref="PermissionDeniedException"/> when the user may not do the action.</summary>
    void Demand(RoadmapAction action, Milestone? milestone = null);

    /// <summary>Reads the authentication state again (it changes when the circuit revalidates).</summary>
    Task RefreshAsync();
}

/// <summary>
/// <see cref="ICurrentUser"/> from the <see cref="AuthenticationStateProvider"/>. On the server the state is
/// set before any component runs, so the synchronous members see it; they follow later changes too.
/// </summary>
public sealed class CurrentUser : ICurrentUser, IDisposable
{
    private readonly AuthenticationStateProvider _provider;
    private ClaimsPrincipal _principal = new(new ClaimsIdentity());

    public CurrentUser(AuthenticationStateProvider provider)
    {
        _provider = provider;
        _provider.AuthenticationStateChanged += OnChanged;
        Take(SafeGetState());
    }

    public ClaimsPrincipal Principal => _principal;

    public string Name => _principal.Identity?.IsAuthenticated == true ? _principal.Identity.Name ?? "" : "";

    public string? Department => _principal.FindFirstValue(AppClaims.Department);

    public int? DepartmentId => RoadmapPermissions.DepartmentId(_principal);

    public bool IsAuthenticated => _principal.Identity?.IsAuthenticated == true;

    public IReadOnlyList<string> Roles => AppRoles.All.Where(_principal.IsInRole).ToList();

    public bool IsInRole(string role) => _principal.IsInRole(role);

    public bool Can(RoadmapAction action, Milestone? milestone = null) =>
        RoadmapPermissions.Can(_principal, action, milestone);

    public void Demand(RoadmapAction action, Milestone? milestone = null) =>
        RoadmapPermissions.Demand(_principal, action, milestone);

    public async Task RefreshAsync() => _principal = (await _provider.GetAuthenticationStateAsync()).User;

    public void Dispose() => _provider.AuthenticationStateChanged -= OnChanged;

    private Task<AuthenticationState>? SafeGetState()
    {
        try
        {
            return _provider.GetAuthenticationStateAsync();
        }
        catch (InvalidOperationException)
        {
            // Not yet set for this scope (outside a request or circuit): anonymous until it is.
            return null;
        }
    }

    private void OnChanged(Task<AuthenticationState> task) => Take(task);

    private void Take(Task<AuthenticationState>? task)
    {
        if (task is { IsCompletedSuccessfully: true })
        {
            _principal = task.Result.User;
        }
        else
        {
            task?.ContinueWith(t => _principal = t.Result.User, TaskContinuationOptions.OnlyOnRanToCompletion);
        }
    }
}
