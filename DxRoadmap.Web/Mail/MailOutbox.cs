using System.Security.Cryptography;
using System.Text;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Services;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DxRoadmap.Web.Mail;

/// <summary>
/// The sent-log and the sending. Every planned message is first written to the log under its unique key (a key
/// already there adds nothing), then sent: the row is claimed (送信中) before the server is called and marked
/// 送信済 after, so a restart never sends a message twice — a row left 送信中 by a stopped app becomes 要確認,
/// shown to 推進課, and is sent again only when someone asks. A failure is retried with doubling waits up to
/// <see cref="MailOptions.MaxAttempts"/>, then kept as 失敗 with its error.
/// </summary>
public sealed class MailOutbox(
    IDbContextFactory<RoadmapDbContext> factory,
    IMailTransport transport,
    TimeProvider time,
    IOptions<MailOptions> options,
    ILogger<MailOutbox> logger)
{
    /// <returns>The number of new messages written to the log.</returns>
    public async Task<int> EnqueueAsync(IReadOnlyList<PlannedMail> planned, CancellationToken cancellationToken = default)
    {
        if (planned.Count == 0)
        {
            return 0;
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var keys = planned.Select(p => p.Key).ToList();
        var known = (await db.OutgoingMails.Where(m => keys.Contains(m.Key)).Select(m => m.Key).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var mail in planned.DistinctBy(p => p.Key).Where(p => !known.Contains(p.Key)))
        {
            db.OutgoingMails.Add(new OutgoingMail
            {
                Key = mail.Key,
                Kind = mail.Kind,
                Recipient = mail.Recipient,
                Address = mail.Address,
                DepartmentId = mail.DepartmentId,
                Subject = mail.Subject,
                Body = mail.Body,
                CreatedAt = now,
                NextAttemptAt = now,
            });
            added++;
        }
        if (added == 0)
        {
            return 0;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance planned the same keys at the same moment: the unique key kept its rows.
            return 0;
        }
        return added;
    }

    /// <summary>At start-up: a message the previous run left 送信中 may have reached the server; mark it 要確認, never resend it unasked.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var stuck = await db.OutgoingMails.Where(m => m.State == MailState.Sending).ToListAsync(cancellationToken);
        foreach (var mail in stuck)
        {
            mail.State = MailState.Uncertain;
            mail.LastError = "送信中にアプリが停止しました。届いたか確認し、必要なら再送してください。";
        }
        await db.SaveChangesAsync(cancellationToken);
        return stuck.Count;
    }

    /// <summary>Sends every message whose time has come; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        List<int> due;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var now = time.GetUtcNow();
            // Compared here rather than in SQL: SQLite keeps the moment as text.
            due = (await db.OutgoingMails.AsNoTracking().Where(m => m.State == MailState.Pending).ToListAsync(cancellationToken))
                .Where(m => m.NextAttemptAt <= now).OrderBy(m => m.Id).Select(m => m.Id).ToList();
        }
        var sent = 0;
        foreach (var id in due)
        {
            if (await DeliverAsync(id, cancellationToken))
            {
                sent++;
            }
        }
        return sent;
    }

    private async Task<bool> DeliverAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var mail = await db.OutgoingMails.SingleAsync(m => m.Id == id, cancellationToken);
        if (mail.State != MailState.Pending)
        {
            return false;
        }
        // Claim it first; the state is the concurrency token, so a second instance claiming the same row fails here.
        mail.State = MailState.Sending;
        mail.Attempts++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }

        string destination;
        try
        {
            destination = await transport.SendAsync(mail, ToMessage(mail), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var settings = options.Value;
            var failed = mail.Attempts >= settings.MaxAttempts;
            mail.State = failed ? MailState.Failed : MailState.Pending;
            mail.LastError = Truncate($"{ex.GetType().Name}: {ex.Message}", 1000);
            mail.NextAttemptAt = time.GetUtcNow() + settings.RetryDelay * Math.Pow(2, mail.Attempts - 1);
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning(ex, "Mail {Key} failed (attempt {Attempt}); {Next}", mail.Key, mail.Attempts,
                failed ? "given up" : "will retry");
            return false;
        }
        mail.State = MailState.Sent;
        mail.SentAt = time.GetUtcNow();
        mail.Destination = Truncate(destination, 500);
        mail.LastError = null;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>推進課 sends a 失敗 or 要確認 message again.</summary>
    public async Task<CommandResult> RetryAsync(int id, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.ManageInquiry))
        {
            return CommandResult.Denied(RoadmapAction.ManageInquiry);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var mail = await db.OutgoingMails.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mail is null)
        {
            return CommandResult.Fail("このメールは見つかりません。");
        }
        if (mail.State is not (MailState.Failed or MailState.Uncertain))
        {
            return CommandResult.Fail("再送できるのは「失敗」または「要確認」のメールのみです。");
        }
        mail.State = MailState.Pending;
        mail.Attempts = 0;
        mail.NextAttemptAt = time.GetUtcNow();
        using (AuditActor.Begin(user.Name, "メールの再送"))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        return CommandResult.Ok("再送を予約しました。");
    }

    public async Task<IReadOnlyList<OutgoingMail>> ListAsync(int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.OutgoingMails.AsNoTracking().OrderByDescending(m => m.Id).Take(take).ToListAsync(cancellationToken);
    }

    public MimeMessage ToMessage(OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(new MailboxAddress(mail.Recipient, mail.Address));
        message.Subject = mail.Subject;
        message.Date = mail.CreatedAt;
        // The same key gives the same Message-ID, so a copy sent again by hand is recognisable as the same notice.
        message.MessageId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mail.Key)))[..32] + "@dxroadmap";
        message.Headers.Add("X-DxRoadmap-Key", mail.Key);
        message.Body = new TextPart("plain") { Text = mail.Body };
        return message;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
