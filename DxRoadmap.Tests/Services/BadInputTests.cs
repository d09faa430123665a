using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Services;

/// <summary>Input a form would stop, sent straight to the commands: a Japanese message and nothing written.</summary>
public class BadInputTests : IAsyncLifetime
{
    private static readonly TestUser Editor = TestUser.Editor();
    private static readonly TestUser Admin = TestUser.Admin();
    private SmallRoadmap _roadmap = null!;

    public async ValueTask InitializeAsync() => _roadmap = await SmallRoadmap.CreateAsync();

    public ValueTask DisposeAsync()
    {
        _roadmap.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = _roadmap.Database.CreateDbContext();
        return await db.AuditEntries.CountAsync();
    }

    private async Task AssertNothingWrittenAsync(Func<Task<CommandResult>> command, string? field = null)
    {
        var before = await AuditCountAsync();
        var result = await command();
        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrEmpty(result.Message));
        if (field is not null)
        {
            Assert.True(result.FieldErrors.ContainsKey(field), $"no message at {field}: {result.Message}");
        }
        Assert.Equal(before, await AuditCountAsync());
    }

    private async Task<(MilestoneEditModel Model, EditToken Token)> LoadAsync()
    {
        var loaded = (await _roadmap.Editing("2022-04-01").LoadAsync(_roadmap.OnTrack.Id))!;
        return (MilestoneEditModel.From(loaded.Milestone), loaded.Token);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task Progress_OutsideZeroToHundred_IsRefusedAtTheField(int progress)
    {
        var (model, token) = await LoadAsync();
        model.Progress = progress;
        await AssertNothingWrittenAsync(() => _roadmap.Editing("2022-04-01").SaveAsync(_roadmap.OnTrack.Id, model, token, Editor),
            nameof(MilestoneEditModel.Progress));
        Assert.Equal(10, (await _roadmap.ReloadAsync(_roadmap.OnTrack.Id)).Progress);
    }

    [Theory]
    [InlineData(nameof(MilestoneEditModel.DelayReason))]
    [InlineData(nameof(MilestoneEditModel.Countermeasure))]
    [InlineData(nameof(MilestoneEditModel.Note))]
    [InlineData(nameof(MilestoneEditModel.Comment))]
    public async Task ProgressText_OverItsLimit_IsRefusedAtTheField(string field)
    {
        var (model, token) = await LoadAsync();
        typeof(MilestoneEditModel).GetProperty(field)!.SetValue(model, new string('字', Milestone.TextMaxLength + 1));
        await AssertNothingWrittenAsync(() => _roadmap.Editing("2022-04-01").SaveAsync(_roadmap.OnTrack.Id, model, token, Editor), field);
    }

    [Fact]
    public async Task Status_OutsideTheDefinedOnes_IsRefused()
    {
        var (model, token) = await LoadAsync();
        model.Status = (MilestoneStatus)99;
        await AssertNothingWrittenAsync(() => _roadmap.Editing("2022-04-01").SaveAsync(_roadmap.OnTrack.Id, model, token, Editor),
            nameof(MilestoneEditModel.Status));
    }

    [Fact]
    public async Task PlanText_OverItsLimit_AndKindOutsideTheDefinedOnes_AreRefused()
    {
        var milestone = await _roadmap.ReloadAsync(_roadmap.OnTrack.Id);
        var longTitle = MilestonePlanModel.From(milestone);
        longTitle.Title = new string('工', Milestone.TitleMaxLength + 1);
        await AssertNothingWrittenAsync(() => _roadmap.Maintenance().UpdateMilestonePlanAsync(milestone.Id, longTitle, milestone.Version, Editor),
            nameof(MilestonePlanModel.Title));

        var badKind = MilestonePlanModel.From(milestone);
        badKind.Kind = (MilestoneKind)7;
        await AssertNothingWrittenAsync(() => _roadmap.Maintenance().AddMilestoneAsync(badKind, Editor), nameof(MilestonePlanModel.Kind));

        await AssertNothingWrittenAsync(() => _roadmap.Maintenance().SaveTrackAsync(null, _roadmap.FirstTrack.InitiativeId, new string('項', 201), false, Editor), "Title");
        await AssertNothingWrittenAsync(() => _roadmap.Maintenance().SaveDepartmentAsync(null, new string('課', 101), null, Admin), "Name");
    }

    [Fact]
    public async Task ProgramInput_OverItsLimit_OrOutsideTheDefinedValues_IsRefused()
    {
        var programs = new ProgramService(_roadmap.Database, new RoadmapReader(_roadmap.Database),
            new AppClock(FixedTime.On("2022-04-01")), Options.Create(new CityOptions()));
        var department = _roadmap.CitizensDepartment.Id;
        await AssertNothingWrittenAsync(() => programs.SaveAutomationCaseAsync(
            new AutomationCaseInput(null, department, new string('業', ProgramService.BusinessMaxLength + 1), "RPA", AutomationStages.Candidate, null, null), Editor));
        await AssertNothingWrittenAsync(() => programs.SaveAutomationCaseAsync(
            new AutomationCaseInput(null, department, "業務", "RPA", "存在しない段階", null, null), Editor));
        await AssertNothingWrittenAsync(() => programs.SaveAutomationCaseAsync(
            new AutomationCaseInput(null, department, "業務", "RPA", AutomationStages.Candidate, -1, null), Editor));
        await using var db = _roadmap.Database.CreateDbContext();
        var procedure = await db.Procedures.SingleAsync();
        await AssertNothingWrittenAsync(() => programs.SetProcedureStageAsync(
            new ProcedureStageChange(procedure.Id, (ProcedureStage)(-1), null, null), Editor));
    }

    [Fact]
    public async Task SurrogatePairsAndVariationSelectors_SurviveTheDatabaseUnchanged()
    {
        const string text = "𠮷野家の葛󠄀城市 (U+20BB7, 葛+U+E0100) 👨‍👩‍👧 ｶﾀｶﾅ ①";
        var (model, token) = await LoadAsync();
        model.Note = text;
        model.Countermeasure = text;
        model.Comment = text;
        var result = await _roadmap.Editing("2022-04-01").SaveAsync(_roadmap.OnTrack.Id, model, token, Editor);
        Assert.True(result.Succeeded, result.Message);

        var saved = await _roadmap.ReloadAsync(_roadmap.OnTrack.Id);
        Assert.Equal(text, saved.Note);
        Assert.Equal(text, saved.Countermeasure);
        Assert.Equal(text, Assert.Single(await _roadmap.HistoryAsync(_roadmap.OnTrack.Id)).Comment);
        Assert.Contains("\U000E0100", saved.Note, StringComparison.Ordinal);
        await using var db = _roadmap.Database.CreateDbContext();
        Assert.Contains(await db.AuditEntries.Select(a => a.NewValue).ToListAsync(), v => v == text);
    }
}
