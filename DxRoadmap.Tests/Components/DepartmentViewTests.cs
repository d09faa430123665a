using Bunit;
using DxRoadmap.Web.Components.Pages.Departments;

namespace DxRoadmap.Tests.Components;

public class DepartmentViewTests : ProgressComponentTest
{
    private IRenderedComponent<DepartmentPage> RenderDepartment(string name)
    {
        Open($"/departments/{Uri.EscapeDataString(name)}", ("asOf", "2022-04-01"));
        var cut = Render<DepartmentPage>(p => p.Add(x => x.Name, name));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }

    [Fact]
    public void ListsOwnedAndRelatedMilestones_LateFirst()
    {
        var cut = RenderDepartment("推進課");

        var titles = cut.FindAll("[data-testid=milestone-title]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["期限超過の工程", "着手遅れの工程", "要注意の工程", "国の動き", "完了した工程"], titles);
        Assert.Contains("関係 (主管: 市民課)", cut.FindAll("[data-testid=milestones] tbody tr")[1].TextContent);
        Assert.Contains("この課のオンライン化対象手続はありません。", cut.Find("[data-testid=procedures-empty]").TextContent);
    }

    [Fact]
    public void ShowsTheDepartmentsProceduresAndCases()
    {
        var cut = RenderDepartment("市民課");

        Assert.Contains("転入届", cut.Find("[data-testid=procedures]").TextContent);
        Assert.Contains("住民票の照合", cut.Find("[data-testid=cases]").TextContent);
    }

    [Fact]
    public void UnknownDepartment_SaysSo()
    {
        var cut = RenderDepartment("存在しない課");
        Assert.Contains("登録されていません", cut.Find("[data-testid=load-error]").TextContent);
    }
}
