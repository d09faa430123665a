using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data.Seeding;
using DxRoadmap.Tests.Support;

namespace DxRoadmap.Tests.Data;

public class PlanFileTests
{
    private static readonly LoadedPlan Plan = PlanFileReader.Read(Path.Combine(RepoPaths.DataDirectory, "roadmap.json"));

    private static Milestone Find(string title) => Plan.Milestones.Single(m => m.Title == title);

    [Fact]
    public void Plan_HasFiveInitiativesInOrder() =>
        Assert.Equal(["5.1", "5.2", "5.3", "5.4", "5.5"], Plan.Initiatives.Select(i => i.Code));

    [Theory]
    [InlineData("5.1", 10)]
    [InlineData("5.2", 8)]
    [InlineData("5.3", 10)]
    [InlineData("5.4", 10)]
    [InlineData("5.5", 9)]
    public void Plan_HasEveryDatedStepOfEachInitiative(string code, int count) =>
        Assert.Equal(count, Plan.Milestones.Count(m => m.Track!.Initiative!.Code == code));

    [Fact]
    public void ServiceStart_IsAPointOf52InApril2023()
    {
        var start = Find("27業務のオンライン・サービス開始");
        Assert.Equal(MilestoneKind.Point, start.Kind);
        Assert.Equal("5.2", start.Track!.Initiative!.Code);
        Assert.Equal(PlanDate.OfMonth(2023, 4), start.PlannedEnd);
    }

    [Fact]
    public void Procedures_AreTheTwentyEightOf52()
    {
        Assert.Equal(28, Plan.Procedures.Count);
        var disaster = Plan.Procedures.Single(p => p.Title == "罹災証明の発行申請");
        Assert.Equal("危機管理課", disaster.Department!.Name);
        Assert.Equal("被災支援", disaster.Category);
        Assert.Equal(14, Plan.Procedures.Count(p => p.Department!.Name == "子どもみらい課"));
        Assert.Equal(11, Plan.Procedures.Count(p => p.Category == "介護"));
    }

    [Fact]
    public void Peers_AreTheFourteenMunicipalitiesWithEstimatesMarked()
    {
        Assert.Equal(14, Plan.Peers.Count);
        var ube = Plan.Peers.Single(p => p.Name == "山口県宇部市");
        Assert.Equal((207, 241, true), (ube.HoursSaved, ube.HoursSavedMax, ube.Estimate));
        Assert.Equal(4212, Plan.Peers.Single(p => p.Name == "東京都狛江市").HoursSaved);
        Assert.Equal(3, Plan.Peers.Count(p => p.Estimate));
    }

    [Fact]
    public void ExternalEvents_CarryTheirActor()
    {
        Assert.Equal("総務省", Find("RPA導入ガイドブックの公開").ExternalActor);
        Assert.Equal("鹿児島県", Find("(新)自治体情報セキュリティクラウドの移行・稼働").ExternalActor);
    }

    [Fact]
    public void SecurityTraining_RecursYearly() =>
        Assert.True(Find("新規採用職員の情報セキュリティ研修").RecurringYearly);

    [Fact]
    public void OpenEndedSteps_HaveNoEnd()
    {
        var other = Find("その他業務のオンライン・サービス開始");
        Assert.True(other.OpenEnded);
        Assert.Null(other.PlannedEnd);
        Assert.Equal(PlanDate.OfMonth(2023, 10), other.PlannedStart);
    }

    [Fact]
    public void Standardisation_ComesFromTheNationalSchedule()
    {
        var items = Plan.Milestones.Where(m => m.Track!.Initiative!.Code == "5.1").ToList();
        Assert.All(items, m => Assert.Equal(MilestoneSource.National, m.Source));
        Assert.Contains(items, m => m.PlannedEnd == PlanDate.OfMonth(2026, 3));
    }

    [Fact]
    public void ReferenceLists_HoldTheWorkStepsViewpointsAndTargets()
    {
        Assert.Equal(12, Plan.References.Count(r => r.List == ReferenceItem.WorkSteps));
        Assert.Equal(9, Plan.References.Count(r => r.List == ReferenceItem.RationalisationViewpoints));
        Assert.Equal(7, Plan.References.Count(r => r.List == ReferenceItem.AutomationTargets));
    }

    [Fact]
    public void BaselineDates_StartEqualToPlannedDates() =>
        Assert.All(Plan.Milestones, m => Assert.False(m.IsReplanned));
}
