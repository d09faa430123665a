using System.Globalization;
using System.Text;
using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Mail;

/// <summary>A message the plan says is due now; its key names the notice and the recipient.</summary>
public sealed record PlannedMail(string Key, string Kind, string Recipient, string Address, int DepartmentId, string Subject, string Body);

/// <summary>A 所属長 who receives mail for a 課, with what they chose in their profile.</summary>
public sealed record MailRecipient(string UserName, string Address, int DepartmentId, string Department, NotificationPreference Preference);

/// <summary>
/// Works out which reminders and notices are due at a moment (Japan time), from the rounds, the milestones and the
/// recipients' choices. Pure planning: the outbox skips keys it already holds, so planning again — every few
/// minutes, or after a restart — adds nothing. Nothing is planned on a day that is not a working day or before
/// <see cref="MailOptions.SendFromHour"/>; a notice whose day was missed goes out on the next working day within
/// <see cref="MailOptions.CatchUpDays"/>.
/// </summary>
public sealed class ReminderPlanner(
    IDbContextFactory<RoadmapDbContext> factory,
    ProgressQueries queries,
    DepartmentTasks tasks,
    IOptions<MailOptions> options)
{
    public async Task<IReadOnlyList<PlannedMail>> PlanAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var local = TimeZoneInfo.ConvertTime(now, JapanTime.Zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        if (!settings.Enabled || local.Hour < settings.SendFromHour || !JapaneseHolidays.IsWorkingDay(today))
        {
            return [];
        }
        var recipients = await RecipientsAsync(cancellationToken);
        if (recipients.Count == 0)
        {
            return [];
        }
        var planned = new List<PlannedMail>();
        await PlanRoundsAsync(planned, recipients, today, settings, cancellationToken);
        await PlanMilestonesAsync(planned, recipients, today, settings, cancellationToken);
        await PlanDigestsAsync(planned, recipients, today, settings, cancellationToken);
        return planned;
    }

    /// <summary>Enabled 所属長 with a mail address, by 課.</summary>
    public async Task<IReadOnlyList<MailRecipient>> RecipientsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var heads = await (
                from user in db.Users
                join link in db.UserRoles on user.Id equals link.UserId
                join role in db.Roles on link.RoleId equals role.Id
                join department in db.Departments on user.DepartmentId equals department.Id
                where role.Name == AppRoles.DepartmentHead && !user.Disabled && user.Email != null && user.Email != ""
                select new { user.Id, user.UserName, user.Email, DepartmentId = department.Id, Department = department.Name })
            .ToListAsync(cancellationToken);
        var preferences = await db.NotificationPreferences.AsNoTracking().ToDictionaryAsync(p => p.UserId, cancellationToken);
        return heads
            .Select(h => new MailRecipient(h.UserName!, h.Email!, h.DepartmentId, h.Department,
                preferences.GetValueOrDefault(h.Id) ?? new NotificationPreference { UserId = h.Id }))
            .OrderBy(r => r.UserName, StringComparer.Ordinal)
            .ToList();
    }

    private async Task PlanRoundsAsync(List<PlannedMail> planned, IReadOnlyList<MailRecipient> recipients, DateOnly today,
        MailOptions settings, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rounds = await db.InquiryRounds.AsNoTracking().Include(r => r.Responses)
            .Where(r => r.State == InquiryRoundState.Open).ToListAsync(cancellationToken);
        foreach (var round in rounds)
        {
            var before = ReminderDates.BeforeDue(round.DueDate, settings.RoundReminderDaysBefore);
            var after = ReminderDates.AfterDue(round.DueDate, settings.RoundReminderDaysAfter);
            var kind = today >= before && today <= round.DueDate ? MailKinds.RoundBefore
                : today >= after && today <= after.AddDays(settings.CatchUpDays) ? MailKinds.RoundAfter
                : null;
            if (kind is null)
            {
                continue;
            }
            foreach (var response in round.Responses.Where(r => r.State != InquiryResponseState.Answered))
            {
                foreach (var recipient in recipients.Where(r => r.DepartmentId == response.DepartmentId && r.Preference.RoundReminders))
                {
                    var subject = kind == MailKinds.RoundBefore
                        ? $"【照会】「{round.Name}」の回答期限は{JapaneseDates.Day(round.DueDate)}です"
                        : $"【照会・期限超過】「{round.Name}」の回答をお願いします";
                    var body = new StringBuilder()
                        .AppendLine(CultureInfo.InvariantCulture, $"{recipient.Department} 所属長 様")
                        .AppendLine()
                        .AppendLine(CultureInfo.InvariantCulture, $"照会「{round.Name}」(基準日 {JapaneseDates.Day(round.BaseDate)}) への{recipient.Department}の回答が")
                        .AppendLine(kind == MailKinds.RoundBefore
                            ? $"まだ「回答済」になっていません。回答期限は{JapaneseDates.Day(round.DueDate)}です。"
                            : $"回答期限 ({JapaneseDates.Day(round.DueDate)}) を過ぎても「回答済」になっていません。")
                        .AppendLine(CultureInfo.InvariantCulture, $"現在の状況: {response.State.Label()}")
                        .AppendLine()
                        .AppendLine(CultureInfo.InvariantCulture, $"回答: {Link(settings, $"inquiry/rounds/{round.Id}")}")
                        .AppendLine()
                        .AppendLine("デジタル行政推進課")
                        .ToString();
                    planned.Add(new PlannedMail($"{kind}:{round.Id}:{response.DepartmentId}:{recipient.UserName}", kind,
                        recipient.UserName, recipient.Address, response.DepartmentId, subject, body));
                }
            }
        }
    }

    private async Task PlanMilestonesAsync(List<PlannedMail> planned, IReadOnlyList<MailRecipient> recipients, DateOnly today,
        MailOptions settings, CancellationToken cancellationToken)
    {
        var wanting = recipients.Where(r => r.Preference.DeadlineNotices).ToList();
        if (wanting.Count == 0)
        {
            return;
        }
        foreach (var item in await queries.GetAssessedAsync(today, cancellationToken))
        {
            var milestone = item.Milestone;
            if (milestone.IsExternal || milestone.IsClosed || DelayRules.CurrentOccurrence(milestone, today).End?.LastDay is not { } end)
            {
                continue;
            }
            string? kind = null;
            if (today <= end && today >= ReminderDates.BeforeDue(end, settings.MilestoneNoticeDaysBefore))
            {
                kind = MailKinds.DueSoon;
            }
            else if (item.Assessment.Has(DelayKind.Overdue) && ReminderDates.FirstLateDay(end) is var late
                     && today >= late && today <= late.AddDays(settings.CatchUpDays))
            {
                kind = MailKinds.Late;
            }
            if (kind is null)
            {
                continue;
            }
            foreach (var recipient in wanting.Where(r => r.DepartmentId == milestone.OwnerDepartmentId))
            {
                var subject = kind == MailKinds.DueSoon
                    ? $"【期限前】「{milestone.Title}」の期限は{JapaneseDates.Day(end)}です"
                    : $"【遅延】「{milestone.Title}」が期限 ({JapaneseDates.Day(end)}) を過ぎました";
                var body = new StringBuilder()
                    .AppendLine(CultureInfo.InvariantCulture, $"{recipient.Department} 所属長 様")
                    .AppendLine()
                    .AppendLine(CultureInfo.InvariantCulture, $"{item.Initiative.Code} {item.Track.Title}")
                    .AppendLine(CultureInfo.InvariantCulture, $"工程: {milestone.Title}")
                    .AppendLine(CultureInfo.InvariantCulture, $"期限: {JapaneseDates.Day(end)}　状態: {milestone.Status.Label()}　進捗: {milestone.Progress}%")
                    .AppendLine(kind == MailKinds.DueSoon
                        ? "期限が近づいています。進捗の更新をお願いします。"
                        : "期限を過ぎています。遅延理由と対応策の入力をお願いします。")
                    .AppendLine()
                    .AppendLine(CultureInfo.InvariantCulture, $"工程: {Link(settings, $"milestones/{milestone.Id}")}")
                    .ToString();
                planned.Add(new PlannedMail($"{kind}:{milestone.Id}:{end:yyyyMMdd}:{recipient.UserName}", kind,
                    recipient.UserName, recipient.Address, recipient.DepartmentId, subject, body));
            }
        }
    }

    private async Task PlanDigestsAsync(List<PlannedMail> planned, IReadOnlyList<MailRecipient> recipients, DateOnly today,
        MailOptions settings, CancellationToken cancellationToken)
    {
        // This week's digest day, or next week's when it is a holiday moved back into this week.
        var thisWeek = ReminderDates.DigestDayOfWeek(today, settings.DigestDay);
        DateOnly? nominal = null;
        foreach (var candidate in new[] { thisWeek, thisWeek.AddDays(7) })
        {
            if (today >= ReminderDates.DigestSendDay(candidate) && today <= candidate.AddDays(6))
            {
                nominal = candidate;
            }
        }
        if (nominal is not { } week)
        {
            return;
        }
        foreach (var group in recipients.Where(r => r.Preference.WeeklyDigest).GroupBy(r => (r.DepartmentId, r.Department)))
        {
            var view = await tasks.ForAsync(group.Key.DepartmentId, group.Key.Department, today, cancellationToken);
            if (view.Count == 0)
            {
                continue;
            }
            var body = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"{view.Department} 所属長 様")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"{JapaneseDates.Day(today)} 時点の{view.Department}の対応事項です。")
                .AppendLine();
            if (view.Rounds.Count > 0)
            {
                body.AppendLine(CultureInfo.InvariantCulture, $"■ 回答待ちの照会 ({view.Rounds.Count}件)");
                foreach (var round in view.Rounds)
                {
                    body.AppendLine(CultureInfo.InvariantCulture,
                        $"・{round.Name} (回答期限 {JapaneseDates.Day(round.DueDate)}, {round.State.Label()}) {Link(settings, $"inquiry/rounds/{round.RoundId}")}");
                }
                body.AppendLine();
            }
            Section(body, settings, $"■ 遅延している工程 ({view.Late.Count}件)", view.Late);
            Section(body, settings, $"■ {DepartmentTasksView.DueSoonDays}日以内に期限の工程 ({view.DueSoon.Count}件)", view.DueSoon);
            body.AppendLine(CultureInfo.InvariantCulture, $"ダッシュボード: {Link(settings, "")}");
            foreach (var recipient in group)
            {
                planned.Add(new PlannedMail($"{MailKinds.Digest}:{week:yyyyMMdd}:{recipient.DepartmentId}:{recipient.UserName}", MailKinds.Digest,
                    recipient.UserName, recipient.Address, recipient.DepartmentId,
                    $"【週次】{view.Department}の対応事項 {view.Count}件 ({JapaneseDates.Day(today)})", body.ToString()));
            }
        }
    }

    private static void Section(StringBuilder body, MailOptions settings, string title, IReadOnlyList<DepartmentTaskItem> items)
    {
        if (items.Count == 0)
        {
            return;
        }
        body.AppendLine(title);
        foreach (var item in items)
        {
            var due = item.Due is { } d ? JapaneseDates.Day(d) : "期限なし";
            body.AppendLine(CultureInfo.InvariantCulture,
                $"・{item.Milestone.Title} ({(item.IsOwner ? "主管" : "関係")}, 期限 {due}, {item.Milestone.Status.Label()} {item.Milestone.Progress}%) {Link(settings, $"milestones/{item.Milestone.Id}")}");
        }
        body.AppendLine();
    }

    private static string Link(MailOptions settings, string path) => settings.BaseUrl.TrimEnd('/') + "/" + path;
}
