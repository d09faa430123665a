using Bunit;
using DxRoadmap.Domain.Schedule;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DxRoadmap.Tests.Support;

/// <summary>
/// The one bUnit base class: MudBlazor services with transitions off, loose JS interop, and the delay
/// thresholds as configured by default.
/// </summary>
public abstract class MudTestContext : BunitContext
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddOptions<DelayThresholds>();
    }

    /// <summary>Renders the popover provider so popover and select content is in the markup.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderPopoverProvider() => Render<MudPopoverProvider>();
}

/// <summary>A clock stopped at one instant.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
