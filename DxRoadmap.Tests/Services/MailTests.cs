using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Mail;
using DxRoadmap.Web.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DxRoadmap.Tests.Services;

/// <summary>
/// Reminders planned against a fake clock across 敬老の日, 国民の休日, 秋分の日 and a weekend; sent for real to an SMTP
/// server in the test process and read back; a restart in the middle of sending sends nothing twice.
/// </summary>
public class MailTests : IAsyncLifetime
{
    protected virtual TestProvider Provider => TestProvider.Sqlite;

    private static readonly DateOnly Due = new(2026, 9, 24); // a Thursday after 9/21 敬老の日, 9/22 国民の休日, 9/23 秋分の日

    private readonly FixedTime _time = At("2026-09-10", 10);
    private readonly MailOptions _options = new() { BaseUrl = "https://dx.example.invalid/" };
    private TestDatabase _database = null!;
    private int _roundId;
    private int _tax;
    private int _pension;

    private static FixedTime At(string day, int hour, int minute = 0) =>
        new(new DateTimeOffset(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(hour, minute)),
            TimeSpan.FromHours(9)));

    private void SetTime(string day, int hour, int minute = 0) => _time.Now = At(day, hour, minute).Now;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync(Provider);
        await using var db = _database.CreateDbContext();
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name, d => d.Id);
        (_tax, _pension) = (departments["税務課"], departments["保険年金課"]);
        var role = new IdentityRole(AppRoles.DepartmentHead) { NormalizedName = AppRoles.DepartmentHead.ToUpperInvariant() };
        db.Roles.Add(role);
        foreach (var (name, department) in new[] { ("zeimu", _tax), ("nenkin", _pension) })
        {
            var user = new AppUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), Email = name + "@city.example.invalid", DepartmentId = department };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        }
        await db.SaveChangesAsync();
        var milestone = await db.Milestones.SingleAsync(m => m.Code == "5.1-01"); // 関係課 include 税務課 and 保険年金課
        var (opened, id) = await Rounds().OpenAsync(new OpenRoundInput("令和8年9月 部会", new DateOnly(2026, 9, 1), Due,
            [new InquiryTarget(InquiryItemKind.Milestone, milestone.Id)]), TestUser.Editor());
        Assert.True(opened.Succeeded, opened.Message);
        _roundId = id!.Value;
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    private InquiryRounds Rounds() => new(_database, new AppClock(_time));

    private ReminderPlanner Planner()
    {
        var queries = new ProgressQueries(new RoadmapReader(_database), Options.Create(DelayThresholds.Default));
        return new ReminderPlanner(_database, queries, new DepartmentTasks(queries, Rounds()), Options.Create(_options));
    }

    private MailOutbox Outbox(IMailTransport transport) =>
        new(_database, transport, _time, Options.Create(_options), NullLogger<MailOutbox>.Instance);

    private async Task<IReadOnlyList<PlannedMail>> PlanAsync(string kind) =>
        (await Planner().PlanAsync(_time.GetUtcNow())).Where(m => m.Kind == kind).ToList();

    [Fact]
    public async Task RoundReminders_MoveBackOverTheHolidaysAndTheWeekend_AndSkipAnswered()
    {
        // Three days before 9/24 is 9/21 (敬老の日); before it come a Sunday and a Saturday: Friday 9/18.
        SetTime("2026-09-17", 10);
        Assert.Empty(await PlanAsync(MailKinds.RoundBefore));
        SetTime("2026-09-18", 7, 59);
        Assert.Empty(await Planner().PlanAsync(_time.GetUtcNow())); // before the working day starts
        SetTime("2026-09-18", 8);
        var before = await PlanAsync(MailKinds.RoundBefore);
        Assert.Equal(["nenkin", "zeimu"], before.Select(m => m.Recipient).Order());
        Assert.Equal($"round-before:{_roundId}:{_tax}:zeimu", before.Single(m => m.Recipient == "zeimu").Key);
        Assert.Contains("回答期限は令和8年9月24日", before[0].Subject);
        Assert.Contains($"https://dx.example.invalid/inquiry/rounds/{_roundId}", before[0].Body);

        // Nothing is planned on Saturday, on 国民の休日 or on 秋分の日.
        foreach (var day in new[] { "2026-09-19", "2026-09-22", "2026-09-23" })
        {
            SetTime(day, 10);
            Assert.Empty(await Planner().PlanAsync(_time.GetUtcNow()));
        }

        // 保険年金課 answers; only 税務課 is reminded the day after the due date (Friday 9/25).
        var rounds = Rounds();
        var head = TestUser.Head(_pension, "保険年金課");
        var item = (await rounds.LoadAsync(_roundId))!.ItemsOf(_pension).Single();
        Assert.True((await rounds.SaveAnswersAsync(_roundId, _pension, [new ItemAnswer(item.Id, "進行中", 50, null)], head)).Succeeded);
        Assert.True((await rounds.SubmitAsync(_roundId, _pension, head)).Succeeded);
        SetTime("2026-09-24", 10);
        Assert.Equal(["zeimu"], (await PlanAsync(MailKinds.RoundBefore)).Select(m => m.Recipient));
        SetTime("2026-09-25", 10);
        var after = Assert.Single(await PlanAsync(MailKinds.RoundAfter));
        Assert.Equal(("zeimu", $"round-after:{_roundId}:{_tax}:zeimu"), (after.Recipient, after.Key));
    }

    [Fact]
    public async Task Digest_ForAHolidayMonday_GoesOutTheFridayBefore_AndPlanningTwiceAddsNothing()
    {
        SetTime("2026-09-18", 9);
        var digests = await PlanAsync(MailKinds.Digest);
        Assert.Contains(digests, d => d.Key == $"digest:20260921:{_tax}:zeimu");
        Assert.Contains("令和8年9月 部会", digests[0].Body);
        Assert.Contains("遅延している工程", digests[0].Body); // the plan's 2021–2026 steps are all 未着手 without the sample

        var outbox = Outbox(new PickupDirectoryTransport(new MailDirectory(Path.GetTempPath())));
        var all = await Planner().PlanAsync(_time.GetUtcNow());
        Assert.Equal(all.Count, await outbox.EnqueueAsync(all));
        Assert.Equal(0, await outbox.EnqueueAsync(await Planner().PlanAsync(_time.GetUtcNow())));
        SetTime("2026-09-21", 9); // 敬老の日: nothing, and on Tuesday (国民の休日) nothing either
        Assert.Empty(await Planner().PlanAsync(_time.GetUtcNow()));
    }

    [Fact]
    public async Task MilestoneNotices_DueSoonAndLate_GoToTheOwnerDepartment()
    {
        await using (var db = _database.CreateDbContext())
        {
            var milestone = await db.Milestones.SingleAsync(m => m.Code == "5.1-02");
            milestone.OwnerDepartmentId = _tax;
            milestone.PlannedStart = PlanDate.OfMonth(2026, 4);
            milestone.PlannedEnd = PlanDate.OfMonth(2026, 10); // ends Saturday 10/31
            await db.SaveChangesAsync();
        }
        // 14 days before 10/31 is Saturday 10/17: Friday 10/16.
        SetTime("2026-10-15", 10);
        Assert.DoesNotContain(await PlanAsync(MailKinds.DueSoon), m => m.Key.Contains("20261031", StringComparison.Ordinal));
        SetTime("2026-10-16", 10);
        var soon = Assert.Single(await PlanAsync(MailKinds.DueSoon), m => m.Key.Contains("20261031", StringComparison.Ordinal));
        Assert.Equal("zeimu", soon.Recipient);
        // Late from Sunday 11/1; the first working day is Monday 11/2.
        SetTime("2026-11-02", 10);
        var late = Assert.Single(await PlanAsync(MailKinds.Late));
        Assert.StartsWith("【遅延】", late.Subject);
        Assert.Equal("zeimu", late.Recipient);
    }

    [Fact]
    public async Task Preferences_TurnRemindersOff()
    {
        await using (var db = _database.CreateDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "zeimu");
            db.NotificationPreferences.Add(new NotificationPreference { UserId = user.Id, RoundReminders = false, WeeklyDigest = false });
            await db.SaveChangesAsync();
        }
        SetTime("2026-09-18", 9);
        var planned = await Planner().PlanAsync(_time.GetUtcNow());
        Assert.DoesNotContain(planned, m => m.Recipient == "zeimu" && m.Kind is MailKinds.RoundBefore or MailKinds.Digest);
        Assert.Contains(planned, m => m.Recipient == "nenkin" && m.Kind == MailKinds.RoundBefore);
    }

    [Fact]
    public async Task ProfileChoices_AreSaved_AndABadAddressIsRefusedWithNothingSaved()
    {
        var settings = new NotificationSettings(_database);
        var user = TestUser.Head(_tax, "税務課", "zeimu");
        var bad = await settings.SaveAsync(user, new NotificationChoice("zeimu at city", false, false, false));
        Assert.Equal("メールアドレスの形式が正しくありません (例: yamada@city.example.jp)。", bad.Message);
        Assert.Equal(new NotificationChoice("zeimu@city.example.invalid", true, true, true), await settings.LoadAsync(user));

        Assert.True((await settings.SaveAsync(user, new NotificationChoice("kacho@city.example.invalid", true, false, true))).Succeeded);
        Assert.Equal(new NotificationChoice("kacho@city.example.invalid", true, false, true), await settings.LoadAsync(user));
        SetTime("2026-09-18", 9);
        Assert.Equal("kacho@city.example.invalid", (await PlanAsync(MailKinds.RoundBefore)).Single(m => m.Recipient == "zeimu").Address);
    }

    [Fact]
    public async Task Sent_ToARealSmtpServer_ReadBackWithMimeKit()
    {
        await using var server = await TestSmtpServer.StartAsync();
        _options.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, StartTls = false };
        var outbox = Outbox(new SmtpMailTransport(Options.Create(_options)));
        SetTime("2026-09-18", 9);
        var planned = await PlanAsync(MailKinds.RoundBefore);
        await outbox.EnqueueAsync(planned);
        Assert.Equal(2, await outbox.DeliverDueAsync());

        Assert.Equal(2, server.Received.Count);
        var message = server.Received.Single(m => m.To.Mailboxes.Single().Address == "zeimu@city.example.invalid");
        Assert.Equal("【照会】「令和8年9月 部会」の回答期限は令和8年9月24日です", message.Subject);
        Assert.Contains("税務課 所属長 様", message.TextBody);
        Assert.Contains($"https://dx.example.invalid/inquiry/rounds/{_roundId}", message.TextBody);
        Assert.Equal($"round-before:{_roundId}:{_tax}:zeimu", message.Headers["X-DxRoadmap-Key"]);

        var log = await outbox.ListAsync();
        Assert.All(log, m => Assert.Equal(MailState.Sent, m.State));
        Assert.All(log, m => Assert.Equal($"smtp://127.0.0.1:{server.Port}", m.Destination));
        Assert.Equal(0, await outbox.DeliverDueAsync()); // nothing sent twice
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task RestartWhileSending_SendsNothingTwice()
    {
        await using var server = await TestSmtpServer.StartAsync();
        _options.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, StartTls = false };
        SetTime("2026-09-18", 9);
        var planned = await Planner().PlanAsync(_time.GetUtcNow());
        Assert.True(planned.Count >= 3, $"{planned.Count} planned");

        // The first run hands two messages to the server and stops right after the second, before recording it.
        using var stop = new CancellationTokenSource();
        var first = Outbox(new StoppingTransport(new SmtpMailTransport(Options.Create(_options)), stopAfter: 2, stop));
        await first.EnqueueAsync(planned);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.DeliverDueAsync(stop.Token));
        Assert.Equal(2, server.Received.Count);

        // The next run plans the same notices again, marks the unconfirmed one 要確認 and sends only the rest.
        var second = Outbox(new SmtpMailTransport(Options.Create(_options)));
        Assert.Equal(0, await second.EnqueueAsync(await Planner().PlanAsync(_time.GetUtcNow())));
        Assert.Equal(1, await second.RecoverAsync());
        Assert.Equal(planned.Count - 2, await second.DeliverDueAsync());

        var keys = server.Received.Select(m => m.Headers["X-DxRoadmap-Key"]).ToList();
        Assert.Equal(planned.Count, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        var log = await second.ListAsync();
        Assert.Equal(planned.Count - 1, log.Count(m => m.State == MailState.Sent));
        Assert.Single(log, m => m.State == MailState.Uncertain);
    }

    [Fact]
    public async Task Failure_IsRetriedWithDoublingWaits_ThenShownAsFailed_AndCanBeSentAgain()
    {
        _options.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = TestSmtpServer.FreePort(), StartTls = false };
        _options.MaxAttempts = 3;
        var outbox = Outbox(new SmtpMailTransport(Options.Create(_options)));
        SetTime("2026-09-18", 9);
        await outbox.EnqueueAsync((await PlanAsync(MailKinds.RoundBefore)).Where(m => m.Recipient == "zeimu").ToList());

        async Task<OutgoingMail> Attempt(string day, int hour, int minute)
        {
            SetTime(day, hour, minute);
            Assert.Equal(0, await outbox.DeliverDueAsync());
            return Assert.Single(await outbox.ListAsync());
        }

        var mail = await Attempt("2026-09-18", 9, 0);
        Assert.Equal((MailState.Pending, 1), (mail.State, mail.Attempts));
        Assert.NotNull(mail.LastError);
        Assert.Equal(1, (await Attempt("2026-09-18", 9, 4)).Attempts);  // 5 minutes not yet passed
        Assert.Equal(2, (await Attempt("2026-09-18", 9, 5)).Attempts);
        Assert.Equal(2, (await Attempt("2026-09-18", 9, 14)).Attempts); // then 10 minutes
        mail = await Attempt("2026-09-18", 9, 15);
        Assert.Equal((MailState.Failed, 3), (mail.State, mail.Attempts));
        Assert.Equal(3, (await Attempt("2026-09-18", 12, 0)).Attempts); // given up: shown, not retried by itself

        Assert.False((await outbox.RetryAsync(mail.Id, TestUser.Head(_tax, "税務課"))).Succeeded);
        Assert.True((await outbox.RetryAsync(mail.Id, TestUser.Editor())).Succeeded);
        await using var server = await TestSmtpServer.StartAsync();
        _options.Smtp.Port = server.Port;
        Assert.Equal(1, await outbox.DeliverDueAsync());
        Assert.Equal(MailState.Sent, Assert.Single(await outbox.ListAsync()).State);
    }

    [Fact]
    public async Task WithoutSmtp_MessagesAreWrittenAsEmlFiles()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dxroadmap-mail-" + Guid.NewGuid().ToString("N"));
        try
        {
            var outbox = Outbox(new PickupDirectoryTransport(new MailDirectory(folder)));
            SetTime("2026-09-18", 9);
            await outbox.EnqueueAsync(await PlanAsync(MailKinds.RoundBefore));
            Assert.Equal(2, await outbox.DeliverDueAsync());
            var files = Directory.GetFiles(folder, "*.eml");
            Assert.Equal(2, files.Length);
            var message = await MimeMessage.LoadAsync(files.Order().First());
            Assert.StartsWith("【照会】", message.Subject);
            Assert.All(await outbox.ListAsync(), m => Assert.EndsWith(".eml", m.Destination));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, true);
            }
        }
    }

    /// <summary>Sends through the inner transport, then stops the run (as a shutdown would) after the Nth message.</summary>
    private sealed class StoppingTransport(IMailTransport inner, int stopAfter, CancellationTokenSource stop) : IMailTransport
    {
        private int _sent;

        public async Task<string> SendAsync(OutgoingMail mail, MimeMessage message, CancellationToken cancellationToken)
        {
            var destination = await inner.SendAsync(mail, message, cancellationToken);
            if (++_sent == stopAfter)
            {
                await stop.CancelAsync();
                stop.Token.ThrowIfCancellationRequested();
            }
            return destination;
        }
    }
}

public sealed class MailTestsOnPostgres : MailTests
{
    protected override TestProvider Provider => TestProvider.Postgres;
}
