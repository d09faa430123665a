namespace DxRoadmap.Web.Services;

/// <summary>
/// Tells the components of one circuit that the roadmap was changed there, so the alert badge in the app
/// bar recounts after a save without a page reload.
/// </summary>
public sealed class RoadmapChanges
{
    public event Action? Changed;

    public void Notify() => Changed?.Invoke();
}
