namespace DxRoadmap.Web.Mail;

/// <summary>Where a message of the sent-log stands.</summary>
public enum MailState
{
    /// <summary>Waiting to be sent (first try, or a retry after a failure).</summary>
    Pending = 0,
    /// <summary>Handed to the server and not yet confirmed: after a restart it is not sent again but shown for checking.</summary>
    Sending = 1,
    Sent = 2,
    /// <summary>Every try failed; shown to 推進課, who may try again.</summary>
    Failed = 3,
    /// <summary>The app stopped while the message was with the server: it may or may not have arrived.</summary>
    Uncertain = 4,
}

/// <summary>
/// One message of the sent-log: who it is for, what, when and how it went. <see cref="Key"/> names the
/// notice and recipient ("round-before:12:3:yamada"), and is unique, so planning the same notice again after a
/// restart adds nothing.
/// </summary>
public sealed class OutgoingMail
{
    public const int KeyMaxLength = 300;

    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Kind { get; set; }
    /// <summary>The user name of the recipient.</summary>
    public required string Recipient { get; set; }
    public required string Address { get; set; }
    public int? DepartmentId { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public MailState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>Where it went: the SMTP server, or the .eml file written when no server is configured.</summary>
    public string? Destination { get; set; }
}

/// <summary>What a user wants to receive by mail. No row means everything.</summary>
public sealed class NotificationPreference
{
    public required string UserId { get; set; }
    public bool RoundReminders { get; set; } = true;
    public bool DeadlineNotices { get; set; } = true;
    public bool WeeklyDigest { get; set; } = true;
}

public static class MailKinds
{
    public const string RoundBefore = "round-before";
    public const string RoundAfter = "round-after";
    public const string DueSoon = "due-soon";
    public const string Late = "late";
    public const string Digest = "digest";

    public static string Label(string kind) => kind switch
    {
        RoundBefore => "照会の回答期限前",
        RoundAfter => "照会の回答期限後",
        DueSoon => "工程の期限前",
        Late => "工程の遅延",
        Digest => "週次まとめ",
        _ => kind,
    };

    public static string Label(this MailState state) => state switch
    {
        MailState.Pending => "送信待ち",
        MailState.Sending => "送信中",
        MailState.Sent => "送信済",
        MailState.Failed => "失敗",
        MailState.Uncertain => "要確認",
        _ => state.ToString(),
    };
}
