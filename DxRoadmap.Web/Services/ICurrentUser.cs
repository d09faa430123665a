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
/// The provider announces a change from its own thread (the circuit's re-check runs in the background), so this
/// class keeps the announced task itself and resolves it when read: nothing is written by a continuation on
/// another thread, and an older state finishing late can never replace a newer one.
/// </summary>
public sealed class CurrentUser : ICurrentUser, IDisposable
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    private readonly AuthenticationStateProvider _provider;
    private readonly Lock _gate = new();
    private Task<AuthenticationState>? _state;
    private ClaimsPrincipal _previous = Anonymous;

    public CurrentUser(AuthenticationStateProvider provider)
    {
        _provider = provider;
        _provider.AuthenticationStateChanged += OnChanged;
        Take(SafeGetState());
    }

    /// <summary>The newest announced state once it has arrived; until then the one before it.</summary>
    public ClaimsPrincipal Principal
    {
        get
        {
            lock (_gate)
            {
                return _state is { IsCompletedSuccessfully: true } state ? state.Result.User : _previous;
            }
        }
    }

    public string Name => Principal.Identity?.IsAuthenticated == true ? Principal.Identity.Name ?? "" : "";

    public string? Department => Principal.FindFirstValue(AppClaims.Department);

    public int? DepartmentId => RoadmapPermissions.DepartmentId(Principal);

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public IReadOnlyList<string> Roles => AppRoles.All.Where(Principal.IsInRole).ToList();

    public bool IsInRole(string role) => Principal.IsInRole(role);

    public bool Can(RoadmapAction action, Milestone? milestone = null) =>
        RoadmapPermissions.Can(Principal, action, milestone);

    public void Demand(RoadmapAction action, Milestone? milestone = null) =>
        RoadmapPermissions.Demand(Principal, action, milestone);

    public async Task RefreshAsync()
    {
        var state = _provider.GetAuthenticationStateAsync();
        Take(state);
        await state;
    }

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
        if (task is null)
        {
            return;
        }
        lock (_gate)
        {
            if (_state is { IsCompletedSuccessfully: true } current)
            {
                _previous = current.Result.User;
            }
            _state = task;
        }
    }
}
