using System.Text.Encodings.Web;
using System.Text.Unicode;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Mail;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Security;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace DxRoadmap.Web;

public static class Extensions
{
    /// <summary>Everything the app registers, in one place.</summary>
    public static WebApplicationBuilder AddDxRoadmap(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<DataOptions>().BindConfiguration("Data");
        services.AddOptions<SeedOptions>().BindConfiguration("Seed");
        services.AddOptions<DelayThresholds>().BindConfiguration("DelayRules")
            .Validate(t => t.AtRiskDays >= 0 && t.StaleDays > 0 && t.AtRiskMarginPercent is >= 0 and <= 100,
                "DelayRules の値が不正です (AtRiskDays ≥ 0, StaleDays > 0, AtRiskMarginPercent 0～100)")
            .ValidateOnStart();

        var dataDirectory = DataPaths.Resolve(configuration["Data:Directory"], builder.Environment.ContentRootPath);
        services.AddSingleton(new DataLocation(dataDirectory));
        var database = DatabaseSettings.From(configuration, dataDirectory);
        services.AddSingleton(database);
        services.AddDbContextFactory<RoadmapDbContext, RoadmapDbContextFactory>(options => _ = database.Provider == DatabaseProvider.Postgres
            ? options.UseNpgsql(database.ConnectionString)
            : options.UseSqlite(database.ConnectionString));
        if (EF.IsDesignTime)
        {
            // `dotnet ef migrations add … --context PostgresRoadmapDbContext` builds that context here, with the
            // app's services (Identity reads its schema options from them); no server is needed to add a migration.
            services.AddDbContext<PostgresRoadmapDbContext>(o => o.UseNpgsql("Host=localhost;Database=dxroadmap"));
        }
        services.AddSingleton<DatabaseInitializer>();
        services.AddHostedService<DatabaseInitializerService>();

        // Try: a host that brings its own clock (a command run for a given day, a test) keeps it.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AppClock>();
        services.AddSingleton<RoadmapReader>();
        services.AddSingleton<DatabaseBackup>();
        services.AddSingleton<AuditLogReader>();
        services.AddSingleton<BackupDownloads>();
        services.AddSingleton<UserAdministration>();

        // 5.1 standardisation, 5.2 procedures, 5.3 AI・RPA
        services.AddOptions<CityOptions>().BindConfiguration("City");
        services.AddSingleton<ProgramService>();
        services.AddSingleton<FindingService>();
        services.AddSingleton<Services.Peers.PeerRates>();

        // Gantt chart (/gantt)
        services.AddSingleton<GanttService>();

        // Progress screens: dashboard, alerts, department view, milestone editor, plan maintenance.
        services.AddSingleton<ProgressQueries>();
        services.AddSingleton<DatabaseProbe>();
        services.AddSingleton<MilestoneEditing>();
        services.AddSingleton<PlanMaintenance>();
        services.AddScoped<RoadmapChanges>();

        // Committee reports (Excel / PDF): the page, the download endpoint and the `report` command share this.
        services.AddSingleton<ReportService>();

        // 照会/回答: the 課's 照会票 workbook out, the returned workbook in (page, endpoint and `import` command).
        services.AddSingleton<ProgressInquiry>();

        // 照会 rounds, the 関係課's entries under milestones, and the mail that reminds of them.
        services.AddSingleton<InquiryRounds>();
        services.AddSingleton<DepartmentEntries>();
        services.AddSingleton<DepartmentTasks>();
        services.AddOptions<MailOptions>().BindConfiguration("Mail")
            .Validate(m => !m.UsesSmtp || m.Smtp.Port is > 0 and < 65536, "Mail:Smtp:Port の値が不正です (1～65535)")
            .Validate(m => m.MaxAttempts > 0 && m.RetryDelay > TimeSpan.Zero && m.CheckInterval > TimeSpan.Zero,
                "Mail:MaxAttempts, RetryDelay, CheckInterval は正の値にしてください")
            .Validate(m => Uri.TryCreate(m.BaseUrl, UriKind.Absolute, out _), "Mail:BaseUrl は絶対 URL にしてください")
            .Validate(m => MimeKit.MailboxAddress.TryParse(m.From, out _), "Mail:From をメールアドレスとして読めません")
            .ValidateOnStart();
        services.AddSingleton(provider => new MailDirectory(
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>().Value.PickupDirectory is { Length: > 0 } folder
                ? Path.GetFullPath(folder)
                : Path.Combine(dataDirectory, "mail")));
        services.AddSingleton<IMailTransport>(provider =>
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>().Value.UsesSmtp
                ? ActivatorUtilities.CreateInstance<SmtpMailTransport>(provider)
                : ActivatorUtilities.CreateInstance<PickupDirectoryTransport>(provider));
        services.AddSingleton<ReminderPlanner>();
        services.AddSingleton<MailOutbox>();
        services.AddSingleton<NotificationSettings>();
        services.AddHostedService<MailBackgroundService>();

        // Japanese text is sent as characters, not as &#x...; escapes (still encoded where HTML needs it).
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorComponents()
            .AddInteractiveServerComponents(o => o.DetailedErrors = builder.Environment.IsDevelopment());
        builder.AddAccounts(dataDirectory);
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.PreventDuplicates = true;
        });
        services.AddHealthChecks();
        return builder;
    }

    public static WebApplication UseDxRoadmap(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // Only page requests get the not-found page: re-executing a refused form post (400 for a missing
        // antiforgery token) would validate the same form again and fail.
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method)
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
            return next(context);
        });
        app.UseLoginRateLimiting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAuditActor();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapReportDownload();
        app.MapInquiryDownload();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapGet("/admin/backups/{name}", (string name, BackupDownloads backups) =>
                backups.Find(name) is { } path
                    ? Results.File(path, "application/vnd.sqlite3", name)
                    : Results.NotFound())
            .RequireAuthorization(Services.Authorization.RoadmapPermissions.Policies.Backup);
        return app;
    }
}
