using System.Globalization;
using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DxRoadmap.Web.Data.Audit;

/// <summary>
/// Turns the tracked changes of audited entities into <see cref="AuditEntry"/> rows, one per changed field,
/// before they are saved, so the rows go into the database in the same transaction as the change.
/// </summary>
internal static class AuditCollector
{
    private static readonly Dictionary<Type, string> Entities = new()
    {
        [typeof(Milestone)] = "工程",
        [typeof(Track)] = "取組項目",
        [typeof(Initiative)] = "重点取組",
        [typeof(Department)] = "課",
        [typeof(OnlineProcedure)] = "オンライン化手続",
        [typeof(AutomationCase)] = "AI・RPA適用業務",
        [typeof(StandardSystem)] = "基幹業務 (標準化)",
        [typeof(StandardStepChange)] = "標準化の手順",
        [typeof(InquiryRound)] = "照会",
        [typeof(InquiryItem)] = "照会の回答",
        [typeof(InquiryResponse)] = "照会の回答状況",
        [typeof(MilestoneDepartmentEntry)] = "関係課の状況",
        [typeof(Mail.NotificationPreference)] = "通知設定",
        [typeof(InitiativeFinding)] = "所見",
        [typeof(Indicator)] = "指標",
        [typeof(IndicatorValue)] = "指標の実績値",
        [typeof(AppUser)] = "ユーザー",
        [typeof(IdentityUserRole<string>)] = "ユーザー",
    };

    // Bookkeeping that changes on every save or sign-in and says nothing a reader of the log needs.
    private static readonly HashSet<string> Ignored =
    [
        "Id", "Version", "UpdatedBy", "UpdatedAt", "ConcurrencyStamp", "SecurityStamp", "NormalizedUserName",
        "NormalizedEmail", "AccessFailedCount", "AnsweredBy", "AnsweredAt", "SubmittedAt", "OpenedAt",
    ];

    private static readonly Dictionary<string, string> Fields = new()
    {
        [nameof(Milestone.Title)] = MilestoneFields.Title,
        [nameof(Milestone.OwnerDepartmentId)] = MilestoneFields.Owner + "ID",
        [nameof(Milestone.PlannedStart)] = MilestoneFields.PlannedStart,
        [nameof(Milestone.PlannedEnd)] = MilestoneFields.PlannedEnd,
        [nameof(Milestone.BaselineStart)] = "当初計画開始",
        [nameof(Milestone.BaselineEnd)] = "当初計画終了",
        [nameof(Milestone.Status)] = MilestoneFields.Status,
        [nameof(Milestone.Progress)] = MilestoneFields.Progress,
        [nameof(Milestone.ActualStart)] = MilestoneFields.ActualStart,
        [nameof(Milestone.ActualEnd)] = MilestoneFields.ActualEnd,
        [nameof(Milestone.DelayReason)] = MilestoneFields.DelayReason,
        [nameof(Milestone.Countermeasure)] = MilestoneFields.Countermeasure,
        [nameof(Milestone.Note)] = MilestoneFields.Note,
        [nameof(Milestone.RelatedDepartments)] = "関係課",
        [nameof(Milestone.OpenEnded)] = "期限なし",
        [nameof(Milestone.Deadline)] = "期限",
        [nameof(Milestone.ExternalActor)] = "国・県の動き",
        [nameof(Milestone.RecurringYearly)] = "年次繰り返し",
        [nameof(Milestone.Kind)] = "種別",
        [nameof(Milestone.TrackId)] = "取組項目ID",
        [nameof(Milestone.Order)] = "表示順",
        [nameof(Department.Name)] = "名称",
        [nameof(InitiativeFinding.MeetingDate)] = "部会の日",
        [nameof(InitiativeFinding.Work)] = "取組内容",
        [nameof(InitiativeFinding.Results)] = "成果",
        [nameof(InitiativeFinding.Issues)] = "課題",
        [nameof(InitiativeFinding.NextSteps)] = "今後の方向性",
        [nameof(Indicator.Unit)] = "単位",
        [nameof(Indicator.Target)] = "目標値",
        [nameof(Indicator.TargetFiscalYear)] = "目標年度",
        [nameof(IndicatorValue.MeasuredOn)] = "計測日",
        [nameof(IndicatorValue.Value)] = "実績値",
        [nameof(Department.Division)] = "部",
        [nameof(OnlineProcedure.Category)] = "分類",
        [nameof(OnlineProcedure.Stage)] = "段階",
        [nameof(OnlineProcedure.DepartmentId)] = "課ID",
        [nameof(OnlineProcedure.PlannedGoLive)] = "開始予定",
        [nameof(OnlineProcedure.ActualGoLive)] = "開始実績",
        [nameof(AutomationCase.Business)] = "業務",
        [nameof(StandardSystem.SpecificSupport)] = "特定移行支援システム",
        [nameof(StandardSystem.SpecificReason)] = "特定移行支援の理由",
        [nameof(StandardSystem.PlannedMigration)] = "移行予定",
        [nameof(StandardSystem.MigrationNote)] = "移行の備考",
        [nameof(StandardSystem.GoLiveOn)] = "標準準拠システム稼働日",
        [nameof(AutomationCase.Tool)] = "ツール",
        [nameof(AutomationCase.PlannedHoursSaved)] = "削減時間 (計画)",
        [nameof(AutomationCase.ActualHoursSaved)] = "削減時間 (実績)",
        [nameof(InquiryRound.Name)] = "名称",
        [nameof(InquiryRound.BaseDate)] = "基準日",
        [nameof(InquiryRound.DueDate)] = "回答期限",
        [nameof(InquiryRound.State)] = "状態",
        [nameof(InquiryRound.ClosedBy)] = "締切者",
        [nameof(InquiryRound.ClosedAt)] = "締切日時",
        [nameof(InquiryItem.AnswerStatus)] = "回答 (状況)",
        [nameof(InquiryItem.AnswerProgress)] = "回答 (進捗)",
        [nameof(InquiryItem.AnswerComment)] = "回答 (コメント)",
        [nameof(InquiryItem.ClosedStatus)] = "締切時の状況",
        [nameof(InquiryItem.ClosedProgress)] = "締切時の進捗",
        [nameof(InquiryResponse.ReturnComment)] = "差戻しコメント",
        [nameof(InquiryResponse.SubmittedBy)] = "回答者",
        [nameof(MilestoneDepartmentEntry.Comment)] = "コメント",
        [nameof(Mail.NotificationPreference.RoundReminders)] = "照会の督促",
        [nameof(Mail.NotificationPreference.DeadlineNotices)] = "期限・遅延の通知",
        [nameof(Mail.NotificationPreference.WeeklyDigest)] = "週次まとめ",
        [nameof(AppUser.UserName)] = "ユーザー名",
        [nameof(AppUser.Email)] = "メール",
        [nameof(AppUser.Disabled)] = "無効",
        [nameof(AppUser.LockoutEnd)] = "ロック期限",
        [nameof(AppUser.LockoutEnabled)] = "ロック有効",
        [nameof(AppUser.PasswordHash)] = "パスワード",
    };

    /// <summary>
    /// The tracked entries that will get audit rows (none while auditing is suppressed). Call once, before
    /// reading <see cref="NeedsDatabaseValues"/> and <see cref="Collect"/>.
    /// </summary>
    public static List<EntityEntry> Audited(ChangeTracker tracker)
    {
        if (AuditActor.Suppressed)
        {
            return [];
        }
        tracker.DetectChanges();
        return tracker.Entries()
            .Where(e => Entities.ContainsKey(e.Metadata.ClrType)
                && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                // A round's items and 課 rows are created with it (its own row gives the count); their answers are audited.
                && !(e.State == EntityState.Added && e.Entity is InquiryItem or InquiryResponse))
            .ToList();
    }

    /// <summary>
    /// An entity attached with Update() has every property marked modified and no original values: its old
    /// values must be read from the database. The caller reads them (synchronously or not) and hands them to
    /// <see cref="Collect"/>, so collecting itself never waits on the database.
    /// </summary>
    public static bool NeedsDatabaseValues(EntityEntry entry)
    {
        if (entry.State != EntityState.Modified || entry.Entity is IdentityUserRole<string>)
        {
            return false;
        }
        var modified = entry.Properties.Where(p => p.IsModified).ToList();
        return modified.Count == entry.Properties.Count(p => !p.Metadata.IsPrimaryKey())
            && modified.All(p => Equals(p.OriginalValue, p.CurrentValue));
    }

    /// <param name="database">The database values of the entries that needed them, by entity.</param>
    public static List<AuditEntry> Collect(ChangeTracker tracker, IReadOnlyList<EntityEntry> audited, DateTimeOffset now,
        IReadOnlyDictionary<object, PropertyValues?> database)
    {
        var rows = new List<AuditEntry>();
        foreach (var entry in audited)
        {
            var entity = Entities[entry.Metadata.ClrType];
            var actor = AuditActor.Name ?? (entry.Entity as Milestone)?.UpdatedBy ?? AuditActor.System;
            var reason = AuditActor.Reason ?? ReasonFromHistory(tracker, entry.Entity);
            AuditEntry Row(string field, string? oldValue, string? newValue) => new()
            {
                At = now,
                Actor = Truncate(actor, 100)!,
                Entity = entity,
                EntityId = Truncate(Identify(tracker, entry), 200),
                Field = field,
                OldValue = Truncate(oldValue, AuditEntry.ValueMaxLength),
                NewValue = Truncate(newValue, AuditEntry.ValueMaxLength),
                Reason = Truncate(reason, AuditEntry.ValueMaxLength),
            };

            if (entry.Entity is IdentityUserRole<string> link)
            {
                var roleName = tracker.Entries<IdentityRole>().FirstOrDefault(r => r.Entity.Id == link.RoleId)?.Entity.Name;
                var role = roleName is null ? link.RoleId : AppRoles.Label(roleName);
                if (entry.State == EntityState.Added)
                {
                    rows.Add(Row(AuditEvents.RoleAdded, null, role));
                }
                else if (entry.State == EntityState.Deleted)
                {
                    rows.Add(Row(AuditEvents.RoleRemoved, role, null));
                }
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added:
                    rows.Add(Row(AuditEvents.Created, null, Describe(entry.Entity)));
                    break;
                case EntityState.Deleted:
                    rows.Add(Row(AuditEvents.Deleted, Describe(entry.Entity), null));
                    break;
                case EntityState.Modified:
                    var stored = database.GetValueOrDefault(entry.Entity);
                    foreach (var property in entry.Properties.Where(p => p.IsModified))
                    {
                        var name = property.Metadata.Name;
                        if (Ignored.Contains(name))
                        {
                            continue;
                        }
                        var before = stored is null ? property.OriginalValue : stored[property.Metadata];
                        var after = property.CurrentValue;
                        if (ValueEquals(before, after))
                        {
                            continue;
                        }
                        var field = Fields.GetValueOrDefault(name, name);
                        rows.Add(name == nameof(AppUser.PasswordHash)
                            ? Row(field, before is null ? null : "(設定済み)", "(変更)")
                            : Row(field, Format(before), Format(after)));
                    }
                    break;
            }
        }
        return rows;
    }

    private static bool ValueEquals(object? a, object? b) => a is List<string> x && b is List<string> y
        ? x.SequenceEqual(y)
        : Equals(a, b);

    private static string? ReasonFromHistory(ChangeTracker tracker, object entity) => entity is Milestone m
        ? tracker.Entries<ProgressUpdate>()
            .Where(u => u.State == EntityState.Added && (u.Entity.MilestoneId == m.Id || u.Entity.Milestone == m))
            .Select(u => u.Entity.ReplanReason ?? u.Entity.Comment)
            .FirstOrDefault(r => !string.IsNullOrWhiteSpace(r))
        : null;

    /// <summary>The identifier users know the entity by: its code or name, else its key.</summary>
    private static string? Identify(ChangeTracker tracker, EntityEntry entry)
    {
        string? Original(string property) => entry.State == EntityState.Added
            ? entry.Property(property).CurrentValue as string
            : entry.Property(property).OriginalValue as string;

        return entry.Entity switch
        {
            Milestone => Original(nameof(Milestone.Code)),
            Track => Original(nameof(Track.Code)),
            Initiative => Original(nameof(Initiative.Code)),
            Department => Original(nameof(Department.Name)),
            AppUser => Original(nameof(AppUser.UserName)),
            IdentityUserRole<string> link => tracker.Entries<AppUser>()
                .FirstOrDefault(u => u.Entity.Id == link.UserId)?.Entity.UserName ?? link.UserId,
            OnlineProcedure p when entry.State == EntityState.Added => p.Title,
            AutomationCase c when entry.State == EntityState.Added => c.Business,
            StandardSystem s => s.Name,
            StandardStepChange c => $"{c.System?.Name ?? "業務" + c.SystemId} {c.Step?.Code ?? "手順" + c.StepId}",
            InquiryRound r => r.Name,
            InquiryItem i => $"照会{i.RoundId} {i.Kind.Label()} {i.Title}",
            InquiryResponse r => $"照会{r.RoundId} 課{r.DepartmentId}",
            MilestoneDepartmentEntry e => $"工程{e.MilestoneId} 課{e.DepartmentId}",
            _ => string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties
                .Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture))),
        };
    }

    private static string? Describe(object entity) => entity switch
    {
        Milestone m => m.Title,
        Track t => t.Title,
        Initiative i => i.Title,
        Department d => d.Division is null ? d.Name : $"{d.Division} {d.Name}",
        OnlineProcedure p => p.Title,
        AutomationCase c => c.Business,
        StandardStepChange c => $"{c.Status.Label()} ({c.ChangedOn:yyyy-MM-dd} から)",
        AppUser u => u.UserName,
        InquiryRound r => $"{r.Name} (基準日 {r.BaseDate:yyyy-MM-dd}, 回答期限 {r.DueDate:yyyy-MM-dd}, {r.Items.Count} 件)",
        InitiativeFinding f => $"{f.MeetingDate:yyyy/MM/dd} 部会の所見",
        Indicator i => i.Name,
        IndicatorValue v => $"{v.MeasuredOn:yyyy/MM/dd} {v.Value}",
        _ => null,
    };

    internal static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        MilestoneStatus s => s.Label(),
        InquiryRoundState s => s.Label(),
        InquiryResponseState s => s.Label(),
        SpecificSupportReason r => r.Label(),
        PlanDate d => d.ToIso(),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
        bool b => b ? "はい" : "いいえ",
        IEnumerable<string> list => string.Join("、", list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..(max - 1)] + "…";
}
