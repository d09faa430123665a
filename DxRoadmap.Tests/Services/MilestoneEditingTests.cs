using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Services;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Services;

public class MilestoneEditingTests
{
    /// <summary>The database the tests run on; the subclass below runs them all again on PostgreSQL.</summary>
    protected virtual TestProvider Provider => TestProvider.Sqlite;

    private static readonly TestUser Actor = TestUser.Editor("山田");

    [Fact]
    public async Task Save_WritesTheMilestoneAndOneHistoryEntry()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var editing = roadmap.Editing("2022-04-01");
        var loaded = (await editing.LoadAsync(roadmap.OnTrack.Id))!;
        var model = MilestoneEditModel.From(loaded.Milestone);
        model.Progress = 25;
        model.Note = "業者と打合せ";
        model.Comment = "4月定例";

        var result = await editing.SaveAsync(roadmap.OnTrack.Id, model, loaded.Token, Actor);

        Assert.True(result.Succeeded, result.Message);
        var saved = await roadmap.ReloadAsync(roadmap.OnTrack.Id);
        Assert.Equal(25, saved.Progress);
        Assert.Equal(Actor.Name, saved.UpdatedBy);
        Assert.NotEqual(loaded.Token.Version, saved.Version);
        var entry = Assert.Single(await roadmap.HistoryAsync(roadmap.OnTrack.Id));
        Assert.Equal(Actor.Name, entry.UpdatedBy);
        Assert.Equal("4月定例", entry.Comment);
        Assert.Equal([new FieldChange("進捗率", "10%", "25%"), new FieldChange("備考", null, "業者と打合せ")], entry.Changes);
    }

    [Fact]
    public async Task Save_Twice_StoresOneChange()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var editing = roadmap.Editing("2022-04-01");
        var loaded = (await editing.LoadAsync(roadmap.OnTrack.Id))!;
        var model = MilestoneEditModel.From(loaded.Milestone);
        model.Progress = 30;

        var first = await editing.SaveAsync(roadmap.OnTrack.Id, model, loaded.Token, Actor);
        var second = await editing.SaveAsync(roadmap.OnTrack.Id, model, loaded.Token, Actor);

        Assert.True(first.Succeeded);
        Assert.True(second.NothingChanged);
        Assert.Single(await roadmap.HistoryAsync(roadmap.OnTrack.Id));
    }

    [Fact]
    public async Task Save_OverAnotherUsersSave_IsRefusedAndKeepsTheirs()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var editing = roadmap.Editing("2022-04-01");
        var loaded = (await editing.LoadAsync(roadmap.OnTrack.Id))!;
        var theirs = MilestoneEditModel.From(loaded.Milestone);
        theirs.Progress = 40;
        var mine = MilestoneEditModel.From(loaded.Milestone);
        mine.Progress = 15;

        await editing.SaveAsync(roadmap.OnTrack.Id, theirs, loaded.Token, TestUser.Editor("佐藤"));
        var result = await editing.SaveAsync(roadmap.OnTrack.Id, mine, loaded.Token, Actor);

        Assert.False(result.Succeeded);
        Assert.Equal(MilestoneEditing.ConflictMessage, result.Message);
        Assert.Equal(40, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress);
        Assert.Single(await roadmap.HistoryAsync(roadmap.OnTrack.Id));
    }

    [Fact]
    public async Task Save_ForgedInvalidRequest_IsRefusedAndWritesNothing()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var editing = roadmap.Editing("2022-04-01");
        var loaded = (await editing.LoadAsync(roadmap.OnTrack.Id))!;
        var model = MilestoneEditModel.From(loaded.Milestone);
        model.Progress = 150;
        model.Note = new string('あ', Milestone.TextMaxLength + 1);

        var result = await editing.SaveAsync(roadmap.OnTrack.Id, model, loaded.Token, Actor);

        Assert.False(result.Succeeded);
        Assert.Contains(nameof(MilestoneEditModel.Progress), result.FieldErrors.Keys);
        Assert.Contains(nameof(MilestoneEditModel.Note), result.FieldErrors.Keys);
        Assert.Equal(10, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress);
        Assert.Empty(await roadmap.HistoryAsync(roadmap.OnTrack.Id));
    }

    [Fact]
    public async Task Save_LateItemMarkedDone_NeedsNoReasonAndLeavesTheAlerts()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var editing = roadmap.Editing("2022-04-01");
        var loaded = (await editing.LoadAsync(roadmap.Overdue.Id))!;
        var model = MilestoneEditModel.From(loaded.Milestone);
        model.Status = MilestoneStatus.Done;
        model.Progress = 100;
        model.ActualEnd = new DateTime(2022, 3, 31);

        var result = await editing.SaveAsync(roadmap.Overdue.Id, model, loaded.Token, Actor);

        Assert.True(result.Succeeded, result.Message);
        Assert.DoesNotContain(await roadmap.Queries().GetAlertsAsync(Day("2022-04-01")), a => a.Milestone.Id == roadmap.Overdue.Id);
    }

    [Fact]
    public async Task Load_UnknownId_IsNull()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        Assert.Null(await roadmap.Editing("2022-04-01").LoadAsync(9999));
    }
}

/// <summary>The same tests on a real PostgreSQL server (skipped when none is configured).</summary>
public sealed class MilestoneEditingTestsOnPostgres : MilestoneEditingTests
{
    protected override TestProvider Provider => TestProvider.Postgres;
}
