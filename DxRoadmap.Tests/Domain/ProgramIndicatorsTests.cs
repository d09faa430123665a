using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;

namespace DxRoadmap.Tests.Domain;

public class ProgramIndicatorsTests
{
    private static OnlineProcedure Procedure(string category, ProcedureStage stage) =>
        new() { Title = "手続", Category = category, Stage = stage };

    [Theory]
    [InlineData(ProcedureStage.NotStarted, 0)]
    [InlineData(ProcedureStage.FormRegistered, 25)]
    [InlineData(ProcedureStage.Verified, 50)]
    [InlineData(ProcedureStage.ApiConnected, 75)]
    [InlineData(ProcedureStage.InService, 100)]
    public void ProcedureStage_IsAQuarterOfTheWayEach(ProcedureStage stage, int progress) =>
        Assert.Equal(progress, stage.Progress());

    [Fact]
    public void Procedures_RollUpByStageAndCategory()
    {
        var rollup = ProgramIndicators.Procedures([
            Procedure("子育て", ProcedureStage.InService),
            Procedure("子育て", ProcedureStage.Verified),
            Procedure("介護", ProcedureStage.NotStarted),
            Procedure("介護", ProcedureStage.InService),
        ]);
        Assert.Equal(4, rollup.Total);
        Assert.Equal(2, rollup.InService);
        Assert.Equal(63, rollup.Progress); // (100 + 50 + 0 + 100) / 4 = 62.5, rounded half up
        var care = rollup.ByCategory.Single(c => c.Category == "介護");
        Assert.Equal((2, 50), (care.Total, care.Progress));
        Assert.Equal(1, rollup.Count(ProcedureStage.Verified));
    }

    [Fact]
    public void Procedures_EmptyList_IsZeroNotAnError() =>
        Assert.Equal(0, ProgramIndicators.Procedures([]).Progress);

    [Fact]
    public void PeerComparison_ComputesPerTaskAndPerThousandStaff()
    {
        var peers = new[]
        {
            new PeerMunicipality { Name = "東京都狛江市", Type = "一般市", Population = 83257, Staff = 414, Tasks = 1, HoursSaved = 4212 },
            new PeerMunicipality { Name = "山口県宇部市", Type = "一般市", Population = 164255, Staff = 957, Tasks = 4, HoursSaved = 207, HoursSavedMax = 241, Estimate = true, Order = 1 },
        };
        var department = new Department { Name = "税務課" };
        var cases = new[]
        {
            new AutomationCase { Department = department, Business = "入力", Stage = AutomationStages.Production, PlannedHoursSaved = 500, ActualHoursSaved = 300 },
            new AutomationCase { Department = department, Business = "集計", Stage = AutomationStages.Production, PlannedHoursSaved = 100 },
            new AutomationCase { Department = department, Business = "試行中", Stage = AutomationStages.Trial, PlannedHoursSaved = 900 },
        };
        var rows = ProgramIndicators.PeerComparison(peers, cases, "姶良市", 77000, 500);

        var komae = rows.Single(r => r.Name == "東京都狛江市");
        Assert.Equal(4212m, komae.HoursPerTask);
        Assert.Equal(10173.9m, komae.HoursPer1000Staff); // 4212 × 1000 / 414
        var ube = rows.Single(r => r.Name == "山口県宇部市");
        Assert.Equal(51.8m, ube.HoursPerTask);            // the lower figure of 207～241
        Assert.True(ube.Estimate);

        var city = rows.Single(r => r.IsCity);
        Assert.Equal(2, city.Tasks);                      // only cases in production count
        Assert.Equal(400m, city.HoursSaved);              // 300 actual + 100 planned (not yet measured)
        Assert.True(city.Estimate);                       // because one figure is only planned
        Assert.Equal(800m, city.HoursPer1000Staff);
    }

    [Fact]
    public void PeerComparison_WithoutCityStaff_LeavesPerThousandBlank()
    {
        var city = ProgramIndicators.PeerComparison([], [], "姶良市", null, null).Single();
        Assert.Null(city.HoursPer1000Staff);
        Assert.Null(city.HoursPerTask);
    }
}

public class PercentTests
{
    [Theory]
    [InlineData(0.625, "63%")]   // 5 of 8: halves round up on every page and report
    [InlineData(0.615, "62%")]
    [InlineData(1.0, "100%")]
    [InlineData(0.0, "0%")]
    public void Percent_IsWrittenOneWayEverywhere(double share, string expected) =>
        Assert.Equal(expected, RoadmapSummary.Percent(share));
}
