namespace DxRoadmap.Web.Data.Audit;

/// <summary>
/// The ambient "acting user" that audit rows are attributed to. The web app sets it for every request
/// and for every event of an interactive circuit, so services need not pass it to the database; the command
/// line sets it with <see cref="Begin"/>.
/// </summary>
public static class AuditActor
{
    public const string System = "システム";

    private static readonly AsyncLocal<Scope?> CurrentScope = new();

    public static string? Name => CurrentScope.Value?.Name;

    public static string? Reason => CurrentScope.Value?.Reason;

    /// <summary>While true, saves write no audit rows (first load of the plan into an empty database).</summary>
    public static bool Suppressed => CurrentScope.Value?.Suppress == true;

    /// <summary>Attributes changes saved until the returned handle is disposed to <paramref name="name"/>.</summary>
    public static IDisposable Begin(string name, string? reason = null) => Push(new Scope(name, reason, false));

    public static IDisposable Suppress() => Push(new Scope(System, null, true));

    private static Handle Push(Scope scope)
    {
        var previous = CurrentScope.Value;
        CurrentScope.Value = scope;
        return new Handle(previous);
    }

    private sealed record Scope(string Name, string? Reason, bool Suppress);

    private sealed class Handle(Scope? previous) : IDisposable
    {
        public void Dispose() => CurrentScope.Value = previous;
    }
}
