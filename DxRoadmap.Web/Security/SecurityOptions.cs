namespace DxRoadmap.Web.Security;

/// <summary>Sign-in hardening, bound from the "Security" section.</summary>
public sealed class SecurityOptions
{
    /// <summary>Sign-in attempts per minute for one user name from one address.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Sign-in attempts per minute from one address, whatever the user name.</summary>
    public int LoginAttemptsPerMinutePerAddress { get; set; } = 30;

    /// <summary>How often an open session is checked against the database (locked, disabled, demoted).</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Where the Data Protection keys are kept; empty means data/keys.</summary>
    public string? KeysDirectory { get; set; }
}
