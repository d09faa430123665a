using Bunit;
using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Components.Pages.Dashboard;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DxRoadmap.Tests.Components;

/// <summary>「あなたの課の対応事項」 on 2022-04-01 of <see cref="SmallRoadmap"/>, with one round open for 市民課.</summary>
public class DepartmentTasksTests : ProgressComponentTest
{
    private async Task<int> OpenRoundAsync()
    {
        int procedure;
        await using (var db = Roadmap.Database.CreateDbContext())
        {
            procedure = await db.Procedures.Select(p => p.Id).SingleAsync();
        }
        var (result, id) = await Services.GetRequiredService<InquiryRounds>().OpenAsync(
            new OpenRoundInput("令和4年4月 部会", Build.Day("2022-03-31"), Build.Day("2022-04-08"),
                [new InquiryTarget(InquiryItemKind.Procedure, procedure)]), TestUser.Editor());
        Assert.True(result.Succeeded, result.Message);
        return id!.Value;
    }

    [Fact]
    public async Task DepartmentHead_SeesTheRoundToAnswer_AndTheirLateItem()
    {
        var round = await OpenRoundAsync();
        var cut = Render<DepartmentTasksPanel>(p => p
            .Add(x => x.DepartmentId, Roadmap.CitizensDepartment.Id).Add(x => x.Department, SmallRoadmap.Citizens));

        cut.WaitForElement("[data-testid=department-tasks]");
        Assert.Contains("(市民課・2 件)", cut.Find("h2").TextContent);
        var link = cut.Find("[data-testid=task-round]");
        Assert.Equal("令和4年4月 部会", link.TextContent.Trim());
        Assert.Equal($"inquiry/rounds/{round}", link.GetAttribute("href"));
        Assert.Contains("0 / 1 件回答", cut.Find("[data-testid=tasks-rounds]").TextContent);
        Assert.Contains("着手遅れの工程", cut.Find("[data-testid=tasks-late]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=tasks-due]"));
    }

    [Fact]
    public void PromotionHead_SeesTheDueSoonItem_AndLateItemsWhereTheyAreRelated()
    {
        var promotion = Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<DxRoadmap.Web.Data.RoadmapDbContext>>()
            .CreateDbContext().Departments.Single(d => d.Name == SmallRoadmap.Promotion).Id;
        var cut = Render<DepartmentTasksPanel>(p => p.Add(x => x.DepartmentId, promotion).Add(x => x.Department, SmallRoadmap.Promotion));

        cut.WaitForElement("[data-testid=department-tasks]");
        Assert.Empty(cut.FindAll("[data-testid=tasks-rounds]"));
        var due = cut.Find("[data-testid=tasks-due]").TextContent;
        Assert.Contains("要注意の工程", due);   // ends 2022-04-30, within 30 days
        Assert.Contains("令和4年4月30日", due);
        var late = cut.FindAll("[data-testid=tasks-late] li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, late.Count);
        Assert.Contains("期限超過の工程", late[0]); // owned items first
        Assert.Contains("・主管", late[0]);
        Assert.Contains("着手遅れの工程", late[1]);
        Assert.Contains("・関係", late[1]);
    }

    [Fact]
    public void Dashboard_ShowsThePanelOnlyToAUserWithADepartment()
    {
        Services.AddScoped<ICurrentUser>(_ => TestUser.Head(Roadmap.CitizensDepartment.Id, SmallRoadmap.Citizens));
        Open("/");
        var head = Render<Home>();
        head.WaitForElement("[data-testid=department-tasks]");
        Assert.True(head.Markup.IndexOf("department-tasks", StringComparison.Ordinal) < head.Markup.IndexOf("data-testid=\"totals\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Dashboard_HasNoPanelForTheEditor()
    {
        Open("/");
        var editor = Render<Home>();
        editor.WaitForElement("[data-testid=initiatives]");
        Assert.Empty(editor.FindAll("[data-testid=department-tasks]"));
    }
}
