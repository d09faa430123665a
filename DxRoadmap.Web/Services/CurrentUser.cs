namespace DxRoadmap.Web.Services;

/// <summary>Who is acting, for the history and (later) for role checks inside the services.</summary>
public interface ICurrentUser
{
    /// <summary>The name written to the history (ProgressUpdate.UpdatedBy).</summary>
    string Name { get; }

    /// <summary>The user's own 課, shown first on the dashboard; null when unknown.</summary>
    string? Department { get; }
}

/// <summary>
/// Placeholder until accounts and login exist: every change is attributed to the promotion division's
/// staff and no 課 is preselected. Replace this registration when ASP.NET Core Identity is added.
/// </summary>
public sealed class PlaceholderCurrentUser : ICurrentUser
{
    public const string PlaceholderName = "推進課担当者";

    public string Name => PlaceholderName;

    public string? Department => null;
}
