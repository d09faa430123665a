using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Services;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Tests.Services;

/// <summary>The 照会 round from opening to closing on the city's plan, with its permissions and refusals.</summary>
public class InquiryRoundsTests
{
    /// <summary>The database the tests run on; the subclass below runs them all again on PostgreSQL.</summary>
    protected virtual TestProvider Provider => TestProvider.Sqlite;

    private protected static readonly FixedTime Time = FixedTime.On("2026-11-02");
    private static readonly DateOnly Due = new(2026, 11, 16);

    private protected static InquiryRounds Service(TestDatabase database) => new(database, new AppClock(Time));

    private protected sealed record Seeded(TestDatabase Database, Milestone Milestone, int Owner, int Related, int OtherRelated,
        OnlineProcedure Procedure, StandardSystem Welfare) : IDisposable
    {
        public void Dispose() => Database.Dispose();
    }

    /// <summary>The city's plan with 5.1-01 given to 市民課 as 主管課 (関係課 税務課, 保険年金課 …) so it has a 課 to answer.</summary>
    private protected async Task<Seeded> SeedAsync()
    {
        var database = await TestDatabase.CreateSeededAsync(Provider);
        await using var db = database.CreateDbContext();
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name);
        var milestone = await db.Milestones.SingleAsync(m => m.Code == "5.1-01");
        milestone.OwnerDepartmentId = departments["市民課"].Id;
        await db.SaveChangesAsync();
        var procedure = await db.Procedures.Include(p => p.Department).FirstAsync(p => p.Department!.Name == "子どもみらい課");
        var welfare = await db.StandardSystems.SingleAsync(s => s.Name == "生活保護");
        return new Seeded(database, milestone, departments["市民課"].Id, departments["税務課"].Id, departments["保険年金課"].Id,
            procedure, welfare);
    }

    private static OpenRoundInput Round(params InquiryTarget[] targets) =>
        new("令和8年11月 部会", new DateOnly(2026, 10, 31), Due, targets);

    private protected static async Task<int> OpenAsync(InquiryRounds service, Seeded seeded)
    {
        var (result, id) = await service.OpenAsync(Round(
            new InquiryTarget(InquiryItemKind.Milestone, seeded.Milestone.Id),
            new InquiryTarget(InquiryItemKind.Procedure, seeded.Procedure.Id),
            new InquiryTarget(InquiryItemKind.StandardSystem, seeded.Welfare.Id)), TestUser.Editor());
        Assert.True(result.Succeeded, result.Message);
        return id!.Value;
    }

    private protected static TestUser HeadOf(int departmentId, string name = "所属長") => TestUser.Head(departmentId, "課" + departmentId, name);

    [Fact]
    public async Task Open_GivesEachDepartmentExactlyItsItems_OwnerAndEveryRelatedDepartment()
    {
        using var seeded = await SeedAsync();
        var service = Service(seeded.Database);
        var id = await OpenAsync(service, seeded);

        var view = (await service.LoadAsync(id))!;
        Assert.Equal("令和8年11月 部会", view.Round.Name);
        var owner = Assert.Single(view.ItemsOf(seeded.Owner));
        Assert.Equal(InquiryItemKind.Milestone, owner.Kind);
        var related = Assert.Single(view.ItemsOf(seeded.Related));
        Assert.Equal(InquiryItemKind.RelatedEntry, related.Kind);
        Assert.Equal(seeded.Milestone.Id, related.TargetId);
        Assert.Equal(seeded.Procedure.Title, Assert.Single(view.ItemsOf(seeded.Procedure.DepartmentId),
            i => i.Kind == InquiryItemKind.Procedure).Title);
        Assert.Equal("生活保護", Assert.Single(view.ItemsOf(seeded.Welfare.DepartmentId!.Value)).Title);
        Assert.All(view.Responses, r => Assert.Equal(InquiryResponseState.NotAnswered, r.State));
        Assert.Equal(view.Items.Select(i => i.DepartmentId).Distinct().Count(), view.Responses.Count);

        var pending = Assert.Single(await service.PendingForAsync(seeded.Related));
        Assert.Equal((id, 1, 0), (pending.RoundId, pending.Items, pending.ItemsAnswered));
    }

    [Fact]
    public async Task Lifecycle_AnswerSubmitReturnResubmitClose_FixesTheSnapshotAndIsAudited()
    {
        using var seeded = await SeedAsync();
        var service = Service(seeded.Database);
        var id = await OpenAsync(service, seeded);
        var head = HeadOf(seeded.Related, "税務課長");
        var item = (await service.LoadAsync(id))!.ItemsOf(seeded.Related).Single();

        var saved = await service.SaveAnswersAsync(id, seeded.Related, [new ItemAnswer(item.Id, "進行中", 40, "課税データの確認中")], head);
        Assert.True(saved.Succeeded, saved.Message);
        Assert.Equal(InquiryResponseState.InProgress, (await service.LoadAsync(id))!.ResponseOf(seeded.Related)!.State);
        Assert.True((await service.SubmitAsync(id, seeded.Related, head)).Succeeded);
        Assert.Equal(InquiryResponseState.Answered, (await service.LoadAsync(id))!.ResponseOf(seeded.Related)!.State);
        Assert.Empty(await service.PendingForAsync(seeded.Related));

        // The 関係課's entry under the milestone now says what the answer said.
        var entries = await new DepartmentEntries(seeded.Database, new AppClock(Time)).LoadAsync(seeded.Milestone.Id);
        var entry = entries.Rows.Single(r => r.Department.Id == seeded.Related).Entry!;
        Assert.Equal((MilestoneStatus.InProgress, 40, "課税データの確認中"), (entry.Status, entry.Progress, entry.Comment));
        Assert.Equal(1, entries.Reported);

        // Answered answers are locked until 推進課 sends them back.
        var locked = await service.SaveAnswersAsync(id, seeded.Related, [new ItemAnswer(item.Id, "完了", 100, null)], head);
        Assert.False(locked.Succeeded);
        Assert.Contains("差戻し", locked.Message);

        Assert.True((await service.ReturnAsync(id, seeded.Related, "進捗率の根拠を記入してください", TestUser.Editor())).Succeeded);
        var returned = (await service.LoadAsync(id))!.ResponseOf(seeded.Related)!;
        Assert.Equal((InquiryResponseState.Returned, "進捗率の根拠を記入してください"), (returned.State, returned.ReturnComment));
        Assert.Equal(InquiryResponseState.Returned, Assert.Single(await service.PendingForAsync(seeded.Related)).State);

        Assert.True((await service.SaveAnswersAsync(id, seeded.Related, [new ItemAnswer(item.Id, "進行中", 45, "10件中4件確認済")], head)).Succeeded);
        Assert.True((await service.SubmitAsync(id, seeded.Related, head)).Succeeded);

        var closed = await service.CloseAsync(id, TestUser.Editor("推進課長"));
        Assert.True(closed.Succeeded, closed.Message);
        var view = (await service.LoadAsync(id))!;
        Assert.Equal(InquiryRoundState.Closed, view.Round.State);
        Assert.Equal("推進課長", view.Round.ClosedBy);
        var answered = view.ItemsOf(seeded.Related).Single();
        Assert.Equal(("進行中", 45), (answered.ClosedStatus, answered.ClosedProgress));
        // Unanswered items keep the value they had when the round closed.
        var procedure = view.Items.Single(i => i.Kind == InquiryItemKind.Procedure);
        Assert.Equal(("未着手", 0), (procedure.ClosedStatus, procedure.ClosedProgress));

        // After closing nothing changes any more.
        var late = await service.SaveAnswersAsync(id, seeded.Owner,
            [new ItemAnswer(view.ItemsOf(seeded.Owner).Single().Id, "完了", 100, null)], HeadOf(seeded.Owner));
        Assert.False(late.Succeeded);
        Assert.Equal(InquiryRounds.ClosedMessage, late.Message);
        Assert.Null((await service.LoadAsync(id))!.ItemsOf(seeded.Owner).Single().AnswerStatus);

        await using var db = seeded.Database.CreateDbContext();
        var audit = await db.AuditEntries.Where(a => a.Entity.StartsWith("照会")).ToListAsync();
        Assert.Contains(audit, a => a.Entity == "照会" && a.Actor == TestUser.EditorName && a.NewValue!.Contains("令和8年11月 部会"));
        Assert.Contains(audit, a => a.Entity == "照会の回答" && a.Actor == "税務課長" && a.NewValue == "45");
        Assert.Contains(audit, a => a.Entity == "照会の回答状況" && a.NewValue == "差戻し");
        Assert.Contains(audit, a => a.Entity == "照会" && a.Actor == "推進課長" && a.NewValue == "締切済");
    }

    [Fact]
    public async Task OwnerAnswer_IsCheckedByTheEditorsRules_AndAppliedToTheMilestoneWhenTheRoundCloses()
    {
        using var seeded = await SeedAsync();
        var service = Service(seeded.Database);
        var id = await OpenAsync(service, seeded);
        var head = HeadOf(seeded.Owner, "市民課長");
        var item = (await service.LoadAsync(id))!.ItemsOf(seeded.Owner).Single();
        var loaded = (await service.OwnedMilestonesAsync([item]))[item.Id];
        Assert.Equal(MilestoneStatus.NotStarted, loaded.Status);

        // The milestone editor's rule: 完了 needs an actual end date. Nothing is saved.
        var noEnd = await service.SaveAnswersAsync(id, seeded.Owner,
            [new ItemAnswer(item.Id, "完了", 100, null) { BaseVersion = loaded.Version }], head);
        Assert.False(noEnd.Succeeded);
        Assert.Equal($"「{item.Title}」: 完了にするには実績終了日を入力してください。", noEnd.Message);
        Assert.Null((await service.LoadAsync(id))!.ItemsOf(seeded.Owner).Single().AnswerStatus);

        var answer = new ItemAnswer(item.Id, "完了", 100, "体制は令和4年3月に発足")
        {
            ActualStart = new DateOnly(2021, 10, 1), ActualEnd = new DateOnly(2022, 3, 31), BaseVersion = loaded.Version,
        };
        Assert.True((await service.SaveAnswersAsync(id, seeded.Owner, [answer], head)).Succeeded);
        Assert.True((await service.SubmitAsync(id, seeded.Owner, head)).Succeeded);
        // An answer is a report to 推進課: the milestone is unchanged until 推進課 closes the round.
        Assert.Equal((MilestoneStatus.NotStarted, 0), await StatusAsync(seeded));

        var closed = await service.CloseAsync(id, TestUser.Editor("推進課長"));
        Assert.True(closed.Succeeded, closed.Message);
        await using var db = seeded.Database.CreateDbContext();
        var milestone = await db.Milestones.SingleAsync(m => m.Id == seeded.Milestone.Id);
        Assert.Equal((MilestoneStatus.Done, 100, new DateOnly(2021, 10, 1), new DateOnly(2022, 3, 31)),
            (milestone.Status, milestone.Progress, milestone.ActualStart, milestone.ActualEnd));
        var update = await db.ProgressUpdates.Where(u => u.MilestoneId == milestone.Id).OrderByDescending(u => u.Id).FirstAsync();
        Assert.Equal(("推進課長", "照会「令和8年11月 部会」の回答: 体制は令和4年3月に発足"), (update.UpdatedBy, update.Comment));
        Assert.Contains(update.Changes, c => c == new FieldChange("状態", "未着手", "完了"));
        Assert.Contains(await db.AuditEntries.Where(a => a.Actor == "推進課長" && a.EntityId == milestone.Code).ToListAsync(),
            a => a.NewValue == "100");
        var snapshot = (await service.LoadAsync(id))!.ItemsOf(seeded.Owner).Single();
        Assert.Equal(("完了", 100), (snapshot.ClosedStatus, snapshot.ClosedProgress));
    }

    [Fact]
    public async Task OwnerAnswer_ToAMilestoneChangedSince_IsRefusedOnSave_AndClosingNeverOverwritesIt()
    {
        using var seeded = await SeedAsync();
        var service = Service(seeded.Database);
        var id = await OpenAsync(service, seeded);
        var head = HeadOf(seeded.Owner, "市民課長");
        var item = (await service.LoadAsync(id))!.ItemsOf(seeded.Owner).Single();
        var loaded = (await service.OwnedMilestonesAsync([item]))[item.Id];
        var answer = new ItemAnswer(item.Id, "進行中", 50, null) { DelayReason = "体制整備の遅れ", BaseVersion = loaded.Version };
        Assert.True((await service.SaveAnswersAsync(id, seeded.Owner, [answer], head)).Succeeded);
        Assert.True((await service.SubmitAsync(id, seeded.Owner, head)).Succeeded);

        // Someone changes the milestone in the editor after the answer was made.
        await ChangeMilestoneAsync(seeded, progress: 20, by: "佐藤");

        // Closing would overwrite 佐藤's change: refused, nothing changed, the round stays open.
        var close = await service.CloseAsync(id, TestUser.Editor("推進課長"));
        Assert.False(close.Succeeded);
        Assert.StartsWith("締め切れません (何も変更していません)。市民課の回答: 工程「推進体制の立ち上げ」は回答の作成後に更新されています (佐藤、", close.Message);
        Assert.Equal((MilestoneStatus.NotStarted, 20), await StatusAsync(seeded));
        Assert.True((await service.LoadAsync(id))!.Round.IsOpen);

        // Sent back, the 課 saving its old form again is told so, not allowed to overwrite.
        Assert.True((await service.ReturnAsync(id, seeded.Owner, "工程が更新されています", TestUser.Editor())).Succeeded);
        var stale = await service.SaveAnswersAsync(id, seeded.Owner, [answer with { Progress = 55 }], head);
        Assert.False(stale.Succeeded);
        Assert.Contains("回答の作成後に更新されています", stale.Message);
        Assert.Contains("現在の値 (未着手 20%) を確認して回答し直してください。", stale.Message);

        // Against the current version the answer is accepted, and closing applies it.
        var current = (await service.OwnedMilestonesAsync([item]))[item.Id];
        Assert.True((await service.SaveAnswersAsync(id, seeded.Owner, [answer with { Progress = 55, BaseVersion = current.Version }], head)).Succeeded);
        Assert.True((await service.SubmitAsync(id, seeded.Owner, head)).Succeeded);
        Assert.True((await service.CloseAsync(id, TestUser.Editor("推進課長"))).Succeeded);
        Assert.Equal((MilestoneStatus.InProgress, 55), await StatusAsync(seeded));
    }

    [Fact]
    public async Task OwnerAnswer_NotMarkedAnswered_IsNotApplied_AndTheSnapshotKeepsTheMilestonesValue()
    {
        using var seeded = await SeedAsync();
        var service = Service(seeded.Database);
        var id = await OpenAsync(service, seeded);
        var item = (await service.LoadAsync(id))!.ItemsOf(seeded.Owner).Single();
        var answer = new ItemAnswer(item.Id, "進行中", 50, null) { DelayReason = "体制整備の遅れ" };
        Assert.True((await service.SaveAnswersAsync(id, seeded.Owner, [answer], HeadOf(seeded.Owner))).Succeeded);

        Assert.True((await service.CloseAsync(id, TestUser.Editor())).Succeeded);
        Assert.Equal((MilestoneStatus.NotStarted, 0), await StatusAsync(seeded));
        var snapshot = (await service.LoadAsync(id))!.ItemsOf(seeded.Owner).Single();
        Assert.Equal(("未着手", 0), (snapshot.ClosedStatus, snapshot.ClosedProgress));
    }

    [Fact]
    public async Task AnswerSavedAsTheRoundCloses_DoesNotLandAfterTheClosing()
    {
        using var seeded = await SeedAsync();
        var service = Service(seeded.Database);
        var id = await OpenAsync(service, seeded);
        var item = (await service.LoadAsync(id))!.ItemsOf(seeded.Related).Single();

        // The 課 has read the open round and is about to write when 推進課's closing commits.
        CommandResult? closing = null;
        var interleaved = new Interleaved(seeded.Database, async () => closing = await service.CloseAsync(id, TestUser.Editor()));
        var saved = await new InquiryRounds(interleaved, new AppClock(Time))
            .SaveAnswersAsync(id, seeded.Related, [new ItemAnswer(item.Id, "完了", 100, "遅れて保存")], HeadOf(seeded.Related));

        Assert.True(interleaved.Ran);
        Assert.True(closing!.Succeeded, closing.Message);
        Assert.False(saved.Succeeded);
        Assert.Equal(InquiryRounds.ClosedMessage, saved.Message);
        var view = (await service.LoadAsync(id))!;
        var stored = view.ItemsOf(seeded.Related).Single();
        Assert.Equal((null, null), (stored.AnswerStatus, stored.AnswerComment));
        Assert.Equal(InquiryResponseState.NotAnswered, view.ResponseOf(seeded.Related)!.State);
        // Nor did the answer reach the 関係課's entry under the milestone.
        var entries = await new DepartmentEntries(seeded.Database, new AppClock(Time)).LoadAsync(seeded.Milestone.Id);
        Assert.Null(entries.Rows.Single(r => r.Department.Id == seeded.Related).Entry);
    }

    [Fact]
    public async Task RoundClosedAsAnAnswerIsSaved_IsRefused_AndClosingAgainKeepsTheAnswer()
    {
        using var seeded = await SeedAsync();
        var service = Service(seeded.Database);
        var id = await OpenAsync(service, seeded);
        var item = (await service.LoadAsync(id))!.ItemsOf(seeded.Related).Single();
        var head = HeadOf(seeded.Related);

        // 推進課 has read the round and its answers and is about to write when the 課's save (and 回答済) commits.
        CommandResult? saved = null;
        var interleaved = new Interleaved(seeded.Database, async () =>
        {
            saved = await service.SaveAnswersAsync(id, seeded.Related, [new ItemAnswer(item.Id, "進行中", 70, "締切直前の回答")], head);
            Assert.True((await service.SubmitAsync(id, seeded.Related, head)).Succeeded);
        });
        var closing = await new InquiryRounds(interleaved, new AppClock(Time)).CloseAsync(id, TestUser.Editor());

        Assert.True(interleaved.Ran);
        Assert.True(saved!.Succeeded, saved.Message);
        Assert.False(closing.Succeeded);
        Assert.Equal(InquiryRounds.ConflictMessage, closing.Message);
        Assert.True((await service.LoadAsync(id))!.Round.IsOpen);

        // Closing again sees the answer: the snapshot is never older than what the 課 saved.
        Assert.True((await service.CloseAsync(id, TestUser.Editor())).Succeeded);
        var snapshot = (await service.LoadAsync(id))!.ItemsOf(seeded.Related).Single();
        Assert.Equal(("進行中", 70), (snapshot.ClosedStatus, snapshot.ClosedProgress));
    }

    private static async Task<(MilestoneStatus, int)> StatusAsync(Seeded seeded)
    {
        await using var db = seeded.Database.CreateDbContext();
        var milestone = await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == seeded.Milestone.Id);
        return (milestone.Status, milestone.Progress);
    }

    /// <summary>What a save in the editor leaves behind: new values, a new version, who and when.</summary>
    private static async Task ChangeMilestoneAsync(Seeded seeded, int progress, string by)
    {
        await using var db = seeded.Database.CreateDbContext();
        var milestone = await db.Milestones.SingleAsync(m => m.Id == seeded.Milestone.Id);
        milestone.Progress = progress;
        milestone.Version = Guid.NewGuid();
        milestone.UpdatedBy = by;
        milestone.UpdatedAt = Time.GetUtcNow();
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Submit_WithAnItemUnanswered_IsRefused()
    {
        using var seeded = await SeedAsync();
        var service = Service(seeded.Database);
        var id = await OpenAsync(service, seeded);
        var result = await service.SubmitAsync(id, seeded.Related, HeadOf(seeded.Related));
        Assert.False(result.Succeeded);
        Assert.Equal("未回答の項目が1件あります。すべての項目に回答してから回答済にしてください。", result.Message);
        Assert.Equal(InquiryResponseState.NotAnswered, (await service.LoadAsync(id))!.ResponseOf(seeded.Related)!.State);
    }

    [Fact]
    public async Task Head_AnswersOnlyTheirOwnDepartment_AndCannotOpenReturnOrClose()
    {
        using var seeded = await SeedAsync();
        var service = Service(seeded.Database);
        var id = await OpenAsync(service, seeded);
        var view = (await service.LoadAsync(id))!;
        var otherItem = view.ItemsOf(seeded.OtherRelated).Single();
        var head = HeadOf(seeded.Related);

        var foreign = await service.SaveAnswersAsync(id, seeded.OtherRelated, [new ItemAnswer(otherItem.Id, "完了", 100, null)], head);
        Assert.Equal(RoadmapPermissions.DeniedMessage(RoadmapAction.EditProgress), foreign.Message);
        // Naming another 課's item under one's own 課 is refused too.
        var smuggled = await service.SaveAnswersAsync(id, seeded.Related, [new ItemAnswer(otherItem.Id, "完了", 100, null)], head);
        Assert.False(smuggled.Succeeded);

        var denied = RoadmapPermissions.DeniedMessage(RoadmapAction.ManageInquiry);
        Assert.Equal(denied, (await service.OpenAsync(Round(new InquiryTarget(InquiryItemKind.Procedure, seeded.Procedure.Id)), head)).Result.Message);
        Assert.Equal(denied, (await service.ReturnAsync(id, seeded.Related, "x", head)).Message);
        Assert.Equal(denied, (await service.CloseAsync(id, head)).Message);
        Assert.Equal(denied, (await service.CloseAsync(id, TestUser.Viewer())).Message);
        Assert.Null((await service.LoadAsync(id))!.ItemsOf(seeded.OtherRelated).Single().AnswerStatus);
        Assert.True((await service.LoadAsync(id))!.Round.IsOpen);
    }

    [Fact]
    public async Task BadAnswers_AreRefusedTogether_NothingSaved()
    {
        using var seeded = await SeedAsync();
        var service = Service(seeded.Database);
        var id = await OpenAsync(service, seeded);
        var head = HeadOf(seeded.Owner);
        var item = (await service.LoadAsync(id))!.ItemsOf(seeded.Owner).Single();

        var progress = await service.SaveAnswersAsync(id, seeded.Owner, [new ItemAnswer(item.Id, "進行中", 101, null)], head);
        Assert.Equal($"「{item.Title}」の進捗は 0～100 で入力してください。", progress.Message);
        var status = await service.SaveAnswersAsync(id, seeded.Owner, [new ItemAnswer(item.Id, "サービス開始", 10, null)], head);
        Assert.StartsWith($"「{item.Title}」の状況を選んでください", status.Message);
        Assert.Null((await service.LoadAsync(id))!.ItemsOf(seeded.Owner).Single().AnswerStatus);
        Assert.Equal(InquiryResponseState.NotAnswered, (await service.LoadAsync(id))!.ResponseOf(seeded.Owner)!.State);
    }

    public static TheoryData<string, string> BadRounds => new()
    {
        { "no-items", "照会する項目を1件以上選んでください。" },
        { "past-due", "回答期限 (2026/11/01) が過去の日付です。今日以降の日付を入力してください。" },
        { "no-name", "照会の名称を入力してください (例: 令和8年11月 部会)。" },
        { "no-base", "基準日を入力してください。" },
    };

    [Theory]
    [MemberData(nameof(BadRounds))]
    public async Task BadRound_IsRefusedWithAJapaneseMessage_NothingSaved(string what, string message)
    {
        using var seeded = await SeedAsync();
        var service = Service(seeded.Database);
        var target = new InquiryTarget(InquiryItemKind.Procedure, seeded.Procedure.Id);
        var input = what switch
        {
            "no-items" => Round() with { },
            "past-due" => Round(target) with { DueDate = new DateOnly(2026, 11, 1) },
            "no-name" => Round(target) with { Name = "  " },
            "no-base" => Round(target) with { BaseDate = null },
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        var (result, id) = await service.OpenAsync(input, TestUser.Editor());
        Assert.False(result.Succeeded);
        Assert.Equal(message, result.Message);
        Assert.Null(id);
        Assert.Empty(await service.ListAsync());
    }

    [Fact]
    public async Task DueToday_IsAccepted()
    {
        using var seeded = await SeedAsync();
        var (result, _) = await Service(seeded.Database).OpenAsync(
            Round(new InquiryTarget(InquiryItemKind.Procedure, seeded.Procedure.Id)) with { DueDate = new DateOnly(2026, 11, 2) }, TestUser.Editor());
        Assert.True(result.Succeeded, result.Message);
    }

    [Fact]
    public async Task SecondOpenRound_OverTheSameItems_IsRefused_UntilTheFirstCloses()
    {
        using var seeded = await SeedAsync();
        var service = Service(seeded.Database);
        var first = await OpenAsync(service, seeded);

        var (again, _) = await service.OpenAsync(Round(new InquiryTarget(InquiryItemKind.Milestone, seeded.Milestone.Id)) with { Name = "臨時照会" },
            TestUser.Editor());
        Assert.False(again.Succeeded);
        Assert.Equal($"照会中の「令和8年11月 部会」と対象が重複しています (「{seeded.Milestone.Title}」)。先の照会を締め切るか、重複しない項目を選んでください。",
            again.Message);
        Assert.Single(await service.ListAsync());

        Assert.True((await service.CloseAsync(first, TestUser.Editor())).Succeeded);
        Assert.True((await service.OpenAsync(Round(new InquiryTarget(InquiryItemKind.Milestone, seeded.Milestone.Id)) with { Name = "臨時照会" },
            TestUser.Editor())).Result.Succeeded);
    }

    [Fact]
    public async Task EveryCoreSystemOfThePlan_HasItsDepartment()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        await using var db = database.CreateDbContext();
        var systems = await db.StandardSystems.Include(s => s.Department).ToListAsync();
        Assert.Equal(20, systems.Count);
        Assert.All(systems, s => Assert.NotNull(s.Department));
        Assert.Equal("選挙管理委員会事務局", systems.Single(s => s.Name == "選挙人名簿管理").Department!.Name);
        Assert.Equal("社会福祉課", systems.Single(s => s.Name == "生活保護").Department!.Name);
        Assert.Equal("学校教育課", systems.Single(s => s.Name == "就学").Department!.Name);
    }
}

public sealed class InquiryRoundsTestsOnPostgres : InquiryRoundsTests
{
    protected override TestProvider Provider => TestProvider.Postgres;

    /// <summary>
    /// Not one after the other but at once: the 課's save holds the round (its claim) inside its open transaction
    /// while 推進課's closing, having read the round, waits on that row; when the save commits, the closing finds
    /// another version and is refused — it never commits a snapshot without the answer.
    /// </summary>
    [Fact]
    public async Task ClosingWhileAnAnswerIsBeingSaved_WaitsForIt_AndIsRefused()
    {
        using var seeded = await SeedAsync();
        var service = Service(seeded.Database);
        var id = await OpenAsync(service, seeded);
        var item = (await service.LoadAsync(id))!.ItemsOf(seeded.Related).Single();
        string connection;
        await using (var db = seeded.Database.CreateDbContext())
        {
            connection = db.Database.GetConnectionString()!;
        }

        Task<CommandResult>? closing = null;
        var hook = new WhileSaving(async () =>
        {
            closing = Task.Run(() => service.CloseAsync(id, TestUser.Editor()));
            await WaitForALockWaiterAsync(connection, closing);
        });
        var answering = new InquiryRounds(new HookedFactory(seeded.Database, hook), new AppClock(Time));
        var saved = await answering.SaveAnswersAsync(id, seeded.Related, [new ItemAnswer(item.Id, "進行中", 70, "同時の回答")], HeadOf(seeded.Related));

        Assert.True(saved.Succeeded, saved.Message);
        var closed = await closing!;
        Assert.False(closed.Succeeded);
        Assert.Equal(InquiryRounds.ConflictMessage, closed.Message);
        var view = (await service.LoadAsync(id))!;
        Assert.True(view.Round.IsOpen);
        Assert.Equal("進行中", view.ItemsOf(seeded.Related).Single().AnswerStatus);
    }

    /// <summary>Until another session of this database waits on a lock (the closing, blocked on the round's row).</summary>
    private static async Task WaitForALockWaiterAsync(string connectionString, Task closing)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        for (var attempt = 0; attempt < 200 && !closing.IsCompleted; attempt++)
        {
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException(closing.IsCompleted
            ? $"The closing did not wait for the answer's transaction: {closing.Status}."
            : "The closing never waited on a lock.");
    }

    private sealed class WhileSaving(Func<Task> between) : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
    {
        private Func<Task>? _pending = between;

        public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
            Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _pending, null) is { } run)
            {
                await run();
            }
            return result;
        }
    }

    private sealed class HookedFactory(TestDatabase database, Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor hook)
        : IDbContextFactory<DxRoadmap.Web.Data.RoadmapDbContext>
    {
        public DxRoadmap.Web.Data.RoadmapDbContext CreateDbContext() => database.CreateDbContext(hook);
    }
}
