using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Mail;

/// <summary>
/// Plans and sends mail every <see cref="MailOptions.CheckInterval"/> on the injected <see cref="TimeProvider"/>: at
/// start it first marks messages a stopped run left half-sent (<see cref="MailOutbox.RecoverAsync"/>).
/// </summary>
public sealed class MailBackgroundService(
    ReminderPlanner planner,
    MailOutbox outbox,
    TimeProvider time,
    IOptions<MailOptions> options,
    ILogger<MailBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        try
        {
            // Let start-up (migrations, seeding) finish before the first look.
            await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
            var recovered = await outbox.RecoverAsync(stoppingToken);
            if (recovered > 0)
            {
                logger.LogWarning("{Count} message(s) were being sent when the app stopped; marked 要確認", recovered);
            }
            using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One look: plan what is due now, then send what is waiting.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var added = await outbox.EnqueueAsync(await planner.PlanAsync(time.GetUtcNow(), cancellationToken), cancellationToken);
            var sent = await outbox.DeliverDueAsync(cancellationToken);
            if (added + sent > 0)
            {
                logger.LogInformation("Mail: {Added} planned, {Sent} sent", added, sent);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next tick tries again; the sent-log keeps what was done.
            logger.LogError(ex, "Mail planning or sending failed");
        }
    }
}
