using DxRoadmap.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DxRoadmap.Tests.Components;

/// <summary>bUnit tests of the progress pages against <see cref="SmallRoadmap"/>, with today fixed at 2022-04-01.</summary>
public abstract class ProgressComponentTest : MudTestContext, IAsyncLifetime
{
    protected SmallRoadmap Roadmap { get; private set; } = null!;

    protected FixedTime Time { get; } = FixedTime.On("2022-04-01");

    public async ValueTask InitializeAsync()
    {
        Roadmap = await SmallRoadmap.CreateAsync();
        Roadmap.AddServices(Services, Time);
    }

    /// <summary>Opens a URL as the browser would, so query-bound parameters (?asOf=…) are supplied the real way.</summary>
    protected void Open(string path, params (string Name, string? Value)[] query)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var uri = navigation.ToAbsoluteUri(path).ToString();
        foreach (var (name, value) in query)
        {
            uri = navigation.GetUriWithQueryParameter(name, value);
            navigation.NavigateTo(uri);
        }
        navigation.NavigateTo(uri);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Roadmap?.Dispose();
        }
    }
}
