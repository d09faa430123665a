using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace DxRoadmap.Web.Mail;

/// <summary>A user's mail address and which mail they want.</summary>
public sealed record NotificationChoice(string? Email, bool RoundReminders, bool DeadlineNotices, bool WeeklyDigest);

/// <summary>Each user keeps their own address and choices (profile page); audited like any change of an account.</summary>
public sealed class NotificationSettings(IDbContextFactory<RoadmapDbContext> factory)
{
    public async Task<NotificationChoice?> LoadAsync(ICurrentUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == user.Name, cancellationToken);
        if (account is null)
        {
            return null;
        }
        var preference = await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == account.Id, cancellationToken)
            ?? new NotificationPreference { UserId = account.Id };
        return new NotificationChoice(account.Email, preference.RoundReminders, preference.DeadlineNotices, preference.WeeklyDigest);
    }

    public async Task<CommandResult> SaveAsync(ICurrentUser user, NotificationChoice choice, CancellationToken cancellationToken = default)
    {
        var email = string.IsNullOrWhiteSpace(choice.Email) ? null : choice.Email.Trim();
        if (email is not null && (email.Length > 256 || !email.Contains('@', StringComparison.Ordinal)
            || !MailboxAddress.TryParse(email, out var parsed) || parsed.Address != email))
        {
            return CommandResult.Fail("メールアドレスの形式が正しくありません (例: yamada@city.example.jp)。");
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var account = await db.Users.SingleOrDefaultAsync(u => u.UserName == user.Name, cancellationToken);
        if (account is null)
        {
            return CommandResult.Fail("アカウントが見つかりません。");
        }
        account.Email = email;
        account.NormalizedEmail = email?.ToUpperInvariant();
        var preference = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.UserId == account.Id, cancellationToken);
        if (preference is null)
        {
            preference = new NotificationPreference { UserId = account.Id };
            db.NotificationPreferences.Add(preference);
        }
        preference.RoundReminders = choice.RoundReminders;
        preference.DeadlineNotices = choice.DeadlineNotices;
        preference.WeeklyDigest = choice.WeeklyDigest;
        using (AuditActor.Begin(user.Name))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        return CommandResult.Ok("通知設定を保存しました。");
    }
}
