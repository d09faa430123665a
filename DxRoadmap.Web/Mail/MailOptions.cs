namespace DxRoadmap.Web.Mail;

/// <summary>
/// Mail settings (section <c>Mail</c>). With no <see cref="SmtpOptions.Host"/> messages are written as .eml files to
/// <see cref="PickupDirectory"/> instead of being sent, which is what <c>dotnet run</c> does.
/// </summary>
public sealed class MailOptions
{
    /// <summary>False stops planning and sending altogether.</summary>
    public bool Enabled { get; set; } = true;
    public SmtpOptions Smtp { get; set; } = new();
    public string From { get; set; } = "DxRoadmap <dxroadmap@example.invalid>";
    /// <summary>The app's address as people open it, for the links in messages.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5223/";
    /// <summary>Where .eml files go when no SMTP server is configured; default data/mail.</summary>
    public string? PickupDirectory { get; set; }
    public int RoundReminderDaysBefore { get; set; } = 3;
    public int RoundReminderDaysAfter { get; set; } = 1;
    public int MilestoneNoticeDaysBefore { get; set; } = 14;
    public DayOfWeek DigestDay { get; set; } = DayOfWeek.Monday;
    /// <summary>Nothing is planned before this hour (Japan time), so mail arrives in the working day.</summary>
    public int SendFromHour { get; set; } = 8;
    /// <summary>A notice missed (the app was stopped) is still sent within this many days of its day, never later.</summary>
    public int CatchUpDays { get; set; } = 7;
    public int MaxAttempts { get; set; } = 5;
    /// <summary>The first retry waits this long; each further one twice as long.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(10);

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>Upgrade the connection with STARTTLS (required when true); false sends in the clear, for a relay inside the network.</summary>
    public bool StartTls { get; set; } = true;
    /// <summary>Log in only when a user name is given.</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }
}
