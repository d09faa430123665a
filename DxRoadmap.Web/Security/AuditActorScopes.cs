using DxRoadmap.Web.Data.Audit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DxRoadmap.Web.Security;

/// <summary>
/// Sets the ambient <see cref="AuditActor"/> to the signed-in user for every event of an interactive circuit,
/// so any service the event calls saves its changes under that name without passing it along.
/// </summary>
internal sealed class AuditActorCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(
        Func<CircuitInboundActivityContext, Task> next) => async context =>
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (state.User.Identity is { IsAuthenticated: true, Name: { } name })
        {
            using (AuditActor.Begin(name))
            {
                await next(context);
            }
        }
        else
        {
            await next(context);
        }
    };
}

internal static class AuditActorMiddleware
{
    /// <summary>The same for plain HTTP requests (form posts, downloads).</summary>
    public static IApplicationBuilder UseAuditActor(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity is { IsAuthenticated: true, Name: { } name })
        {
            using (AuditActor.Begin(name))
            {
                await next(context);
            }
        }
        else
        {
            await next(context);
        }
    });
}
