namespace DxRoadmap.Web.Data.Audit;

/// <summary>
/// One recorded change or sign-in event. Written in the same transaction as the change it records;
/// nothing in the app updates or deletes these rows.
/// </summary>
public sealed class AuditEntry
{
    public const int ValueMaxLength = 2000;

    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    /// <summary>What was changed, as users call it: 工程, 取組項目, 課, ユーザー, ログイン …</summary>
    public required string Entity { get; set; }
    public string? EntityId { get; set; }
    /// <summary>The field, or an event such as 作成 / 削除 / ログイン成功.</summary>
    public required string Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public string? Reason { get; set; }
}

public static class AuditEvents
{
    public const string Created = "(作成)";
    public const string Deleted = "(削除)";
    public const string LoginEntity = "ログイン";
    public const string LoginSucceeded = "ログイン成功";
    public const string LoginFailed = "ログイン失敗";
    public const string LoginLockedOut = "ロック中のため拒否";
    public const string LoginDisabled = "無効なアカウント";
    public const string Logout = "ログアウト";
    public const string RoleAdded = "ロール追加";
    public const string RoleRemoved = "ロール削除";
}
