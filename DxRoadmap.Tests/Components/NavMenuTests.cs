using Bunit;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Components.Layout;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DxRoadmap.Tests.Components;

/// <summary>The side menu marks the page being shown, follows navigation, and offers only what the user may open.</summary>
public class NavMenuTests : MudTestContext
{
    private string? Current(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a.mud-nav-link.active").SingleOrDefault()?.GetAttribute("href");

    [Fact]
    public void TheEntryOfTheShownPage_IsMarked_AndTheMarkFollowsNavigation()
    {
        AddAuthorization().SetAuthorized("viewer");
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("gantt?zoom=month");
        var menu = Render<NavMenu>();

        Assert.Equal("gantt", Current(menu));
        Assert.Equal("page", menu.Find("a.active").GetAttribute("aria-current"));
        Assert.Single(menu.FindAll("[aria-current]"));

        navigation.NavigateTo("/?asOf=2024-06-01");
        menu.WaitForAssertion(() => Assert.Equal("", Current(menu)));           // the dashboard, whatever the query
        navigation.NavigateTo("departments/市民課");
        menu.WaitForAssertion(() => Assert.Equal("departments", Current(menu))); // a page under an entry
        navigation.NavigateTo("Gantt");
        menu.WaitForAssertion(() => Assert.Equal("gantt", Current(menu)));      // the address typed in another case
        navigation.NavigateTo("milestones/3");
        menu.WaitForAssertion(() => Assert.Null(Current(menu)));                 // no entry for a single step
        navigation.NavigateTo("alertsx");
        menu.WaitForAssertion(() => Assert.Null(Current(menu)));                 // a prefix of the name is not enough
    }

    [Fact]
    public void PlanAndAdministrationEntries_AppearOnlyWithTheirPermission()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("viewer");
        var viewer = Render<NavMenu>();
        var hrefs = viewer.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["", "alerts", "gantt", "reports", "inquiry/rounds", "inquiry/import", "departments", "standardisation", "procedures", "automation", "findings"], hrefs);
        Assert.DoesNotContain("管理", viewer.Markup, StringComparison.Ordinal);

        auth.SetPolicies(RoadmapPermissions.Policies.EditPlan, RoadmapPermissions.Policies.ViewAudit);
        var editor = Render<NavMenu>();
        var more = editor.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("plan", more);
        Assert.Contains("admin/audit", more);
        Assert.DoesNotContain("admin/users", more);
        Assert.DoesNotContain("admin/backup", more);
    }

    [Fact]
    public void AGroup_FoldsAndUnfolds()
    {
        AddAuthorization().SetAuthorized("viewer");
        var menu = Render<NavMenu>();
        var toggle = menu.Find("button.mud-nav-link");
        Assert.Equal("true", toggle.GetAttribute("aria-expanded"));

        toggle.Click();
        Assert.Equal("false", menu.Find("button.mud-nav-link").GetAttribute("aria-expanded"));
        Assert.Empty(menu.FindAll("a[href=standardisation]"));

        menu.Find("button.mud-nav-link").Click();
        Assert.Single(menu.FindAll("a[href=standardisation]"));
    }
}
