using System.Globalization;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;

namespace DxRoadmap.Tests.Domain;

/// <summary>
/// 総務省's 完了率 computed by <see cref="ProgramIndicators.Standardisation"/>, checked against the published figures
/// (Domain/National holds them as published) and at its edges.
/// </summary>
public class NationalStepRatesTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Domain", "National");

    private static List<StandardStep> NationalSteps() =>
        File.ReadAllLines(Path.Combine(Folder, "standardisation-steps.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .Select(f => new StandardStep { Id = int.Parse(f[0], CultureInfo.InvariantCulture), No = int.Parse(f[0], CultureInfo.InvariantCulture), Code = f[1], Title = f[2] })
            .ToList();

    private static List<StandardSystem> Systems(int count) =>
        Enumerable.Range(1, count).Select(i => new StandardSystem { Id = i, Name = $"業務{i}", Order = i }).ToList();

    /// <summary>One change per step of <paramref name="system"/>, setting the statuses in the steps' order.</summary>
    private static IEnumerable<StandardStepChange> Cells(int system, IReadOnlyList<StandardStep> steps, IEnumerable<StepStatus> statuses) =>
        steps.Zip(statuses).Select(p => new StandardStepChange
        {
            SystemId = system, StepId = p.First.Id, Status = p.Second, ChangedOn = new DateOnly(2026, 1, 31), ChangedBy = "総務省様式",
        });

    private static IEnumerable<StepStatus> Finished(int done, int of = StandardSteps.NationalCount) =>
        Enumerable.Repeat(StepStatus.Done, done).Concat(Enumerable.Repeat(StepStatus.NotStarted, of - done));

    [Fact]
    public void TheNationalTable_HasFortySteps_GroupedByTheCircledNumber()
    {
        var steps = NationalSteps();
        Assert.Equal(StandardSteps.NationalCount, steps.Count);
        Assert.Equal(18, steps.Select(s => s.Group).Distinct().Count());
        Assert.Equal(("①", "⑱"), (steps[0].Group, steps[^1].Group));
    }

    [Fact]
    public void Aira202601_NineteenAt34And生活保護At40_Is85_75Percent()
    {
        var steps = NationalSteps();
        var systems = Systems(20);
        var changes = systems.SelectMany(s => Cells(s.Id, steps, Finished(s.Id == 16 ? 40 : 34))).ToList();

        var rollup = ProgramIndicators.Standardisation(systems, steps, changes);

        Assert.Equal(0.8575, rollup.Rate);
        Assert.Equal("85.75%", StandardSteps.Percent(rollup.Rate));
        Assert.Equal(0.85, rollup.Systems[0].Rate);
        Assert.Equal(1.0, rollup.Systems[15].Rate);
        Assert.Equal(1, rollup.SystemsComplete);
    }

    /// <summary>鹿児島県's own step rows: the published 完了率 is (完了済み + 対象外) / 40 of the row's cells.</summary>
    [Fact]
    public void PrefectureStepRows_GiveTheirPublishedRates()
    {
        var steps = NationalSteps();
        var lines = File.ReadAllLines(Path.Combine(Folder, "kagoshima-prefecture-steps-2026-01.csv"));
        var header = lines[0].Split(',');
        Assert.Equal(steps.Select(s => $"{s.Code} {s.Title}"), header.Skip(4));
        Assert.Equal(2, lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var statuses = cells.Skip(4).Select(text => StandardSteps.TryParse(text, out var s) ? s : throw new FormatException(text)).ToList();
            var rollup = ProgramIndicators.Standardisation(Systems(1), steps, Cells(1, steps, statuses).ToList());
            Assert.Equal(double.Parse(cells[3], CultureInfo.InvariantCulture), rollup.Systems[0].Rate);
        }
    }

    /// <summary>
    /// Every 団体 of 鹿児島県 (43 rows): each 業務's rate is a multiple of 1/40, and 全体 is the mean of the 20 業務 —
    /// computed here by the same function from grids holding those counts.
    /// </summary>
    [Fact]
    public void Kagoshima202601_EachOverallIsTheMeanOfItsTwentyRates()
    {
        var steps = NationalSteps();
        var rows = File.ReadAllLines(Path.Combine(Folder, "kagoshima-2026-01.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(43, rows.Count);
        var overall = new List<double>();
        foreach (var row in rows)
        {
            var rates = row.Skip(3).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(20, rates.Count);
            var counts = rates.Select(r => (int)Math.Round(r * 40)).ToList();
            Assert.Equal(rates, counts.Select(c => c / 40.0)); // a multiple of 1/40
            var systems = Systems(20);
            var changes = systems.SelectMany(s => Cells(s.Id, steps, Finished(counts[s.Id - 1]))).ToList();
            var rollup = ProgramIndicators.Standardisation(systems, steps, changes);
            // 全体 is published to four decimals (an exact half such as 0.96625 may go either way).
            Assert.InRange(Math.Abs(decimal.Parse(row[2], CultureInfo.InvariantCulture) - (decimal)rollup.Rate), 0m, 0.00005m);
            overall.Add(rollup.Rate);
        }
        Assert.Equal("84.54%", StandardSteps.Percent(overall.Average()));
        Assert.Equal("100%", StandardSteps.Percent(overall.Max()));
        Assert.Equal("66.13%", StandardSteps.Percent(overall.Min()));
        Assert.Equal(0.8575, overall[rows.FindIndex(r => r[1] == "姶良市")]);
    }

    [Fact]
    public void AllNotApplicable_IsOneHundredPercent()
    {
        var steps = NationalSteps();
        var rollup = ProgramIndicators.Standardisation(Systems(1), steps,
            Cells(1, steps, Enumerable.Repeat(StepStatus.NotApplicable, 40)).ToList());
        Assert.Equal((1.0, 0.0, 0.0), (rollup.Rate, rollup.WorkingRate, rollup.NotStartedRate));
        Assert.True(rollup.Systems[0].Complete);
    }

    [Fact]
    public void InProgress_IsNotDone()
    {
        var steps = NationalSteps();
        var statuses = Enumerable.Repeat(StepStatus.Done, 39).Append(StepStatus.InProgress);
        var rollup = ProgramIndicators.Standardisation(Systems(1), steps, Cells(1, steps, statuses).ToList());
        Assert.Equal((39 / 40.0, 1 / 40.0, 0.0), (rollup.Rate, rollup.WorkingRate, rollup.NotStartedRate));
        Assert.False(rollup.Systems[0].Complete);
        Assert.Equal(0, rollup.SystemsComplete);
    }

    [Fact]
    public void AStepNeverAnswered_IsNotStarted_AndTheThreeRatesAddUpToOne()
    {
        var steps = NationalSteps();
        var statuses = new[] { StepStatus.Done, StepStatus.NotApplicable, StepStatus.InProgress };
        var rollup = ProgramIndicators.Standardisation(Systems(2), steps, Cells(1, steps, statuses).ToList());
        var first = rollup.Systems[0];
        Assert.Equal((2 / 40.0, 1 / 40.0, 37 / 40.0), (first.Rate, first.WorkingRate, first.NotStartedRate));
        Assert.Equal(StepStatus.NotStarted, first.Statuses[3]);
        Assert.Null(first.LastChanges[3]);
        Assert.Equal((1 / 40.0, 0.5 / 40, 77 / 80.0), (rollup.Rate, rollup.WorkingRate, rollup.NotStartedRate));
    }

    [Fact]
    public void TheLastChangeOfACellCounts_ByDayThenByWhenRecorded()
    {
        var steps = NationalSteps().Take(1).ToList();
        StandardStepChange Change(long id, string day, int hour, StepStatus status) => new()
        {
            Id = id, SystemId = 1, StepId = 1, Status = status, ChangedOn = DateOnly.Parse(day, CultureInfo.InvariantCulture), ChangedBy = "x",
            RecordedAt = new DateTimeOffset(2026, 1, 1, hour, 0, 0, TimeSpan.FromHours(9)),
        };
        // Entered later but dated earlier: the 作業中 of 01-10 stays the status from 01-10 on.
        var changes = new[] { Change(1, "2026-01-10", 9, StepStatus.InProgress), Change(2, "2026-01-05", 10, StepStatus.Done) };
        Assert.Equal(StepStatus.InProgress, ProgramIndicators.Standardisation(Systems(1), steps, changes).Systems[0].Statuses[0]);
        // Two changes on one day: the one recorded later.
        changes = [Change(1, "2026-01-10", 11, StepStatus.Done), Change(2, "2026-01-10", 10, StepStatus.InProgress)];
        Assert.Equal(StepStatus.Done, ProgramIndicators.Standardisation(Systems(1), steps, changes).Systems[0].Statuses[0]);
    }

    [Fact]
    public void AsOf_RebuildsThatDaysGrid_AndGoLive()
    {
        var roadmap = new InMemoryRoadmap();
        var steps = NationalSteps();
        var system = new StandardSystem { Id = 1, Name = "生活保護", GoLiveOn = new DateOnly(2025, 12, 22) };
        roadmap.StepChanges.Add(new() { Id = 1, SystemId = 1, StepId = 1, Status = StepStatus.InProgress, ChangedOn = new DateOnly(2025, 4, 1), ChangedBy = "a" });
        roadmap.StepChanges.Add(new() { Id = 2, SystemId = 1, StepId = 1, Status = StepStatus.Done, ChangedOn = new DateOnly(2025, 6, 1), ChangedBy = "b" });
        var snapshot = roadmap.Snapshot() with { StandardSystems = [system], StandardSteps = steps };

        StandardisationRollup On(string day)
        {
            var then = RoadmapHistory.AsOf(snapshot, [], RoadmapHistory.EndOfDay(DateOnly.Parse(day, CultureInfo.InvariantCulture)));
            return ProgramIndicators.Standardisation(then.StandardSystems, then.StandardSteps, then.StandardChanges);
        }
        Assert.Equal((StepStatus.NotStarted, 0), (On("2025-03-31").Systems[0].Statuses[0], On("2025-03-31").Migrated));
        Assert.Equal(StepStatus.InProgress, On("2025-05-31").Systems[0].Statuses[0]);
        Assert.Equal(("b", 0), (On("2025-06-01").Systems[0].LastChanges[0]!.ChangedBy, On("2025-06-01").Migrated));
        Assert.Equal(0, On("2025-12-21").Migrated);
        Assert.Equal(1, On("2025-12-22").Migrated);
        Assert.Equal(new DateOnly(2025, 12, 22), system.GoLiveOn); // the snapshot given is not changed
    }

    [Theory]
    [InlineData("完了済み", StepStatus.Done)]
    [InlineData("作業中", StepStatus.InProgress)]
    [InlineData("未", StepStatus.NotStarted)]
    [InlineData("未着手", StepStatus.NotStarted)]
    [InlineData(" 対象外 ", StepStatus.NotApplicable)]
    public void Statuses_ReadAsTheMinistryWritesThem(string text, StepStatus expected)
    {
        Assert.True(StandardSteps.TryParse(text, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("完了")]
    [InlineData("")]
    [InlineData(null)]
    public void Statuses_OutsideTheFour_AreRefused(string? text) => Assert.False(StandardSteps.TryParse(text, out _));

    [Theory]
    [InlineData("2026-03-31", false)] // 令和8年3月 is not late on its last day
    [InlineData("2026-04-01", true)]
    public void PlannedMonthPassedWithoutGoLive_IsOverdue(string day, bool late)
    {
        var system = new StandardSystem { Id = 1, Name = "就学", PlannedMigration = PlanDate.OfMonth(2026, 3) };
        var asOf = DateOnly.Parse(day, CultureInfo.InvariantCulture);
        Assert.Equal(late, MigrationAlerts.IsLate(system, asOf));
        Assert.Equal(late ? 1 : 0, MigrationAlerts.Late([system], asOf).Count);
        system.GoLiveOn = new DateOnly(2026, 3, 30);
        Assert.False(MigrationAlerts.IsLate(system, asOf));
        system.GoLiveOn = null;
        system.PlannedMigration = null;
        Assert.False(MigrationAlerts.IsLate(system, asOf)); // no planned month, nothing to be late against
    }
}
