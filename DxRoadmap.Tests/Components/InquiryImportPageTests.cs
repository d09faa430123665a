using Bunit;
using ClosedXML.Excel;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Components.Pages.Inquiry;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Components;

public class InquiryImportPageTests : MudTestContext
{
    private async Task<SmallRoadmap> SetUpAsync(ICurrentUser user)
    {
        var roadmap = await SmallRoadmap.CreateAsync();
        roadmap.AddServices(Services, FixedTime.On("2022-04-01"));
        Services.AddSingleton(Options.Create(DelayThresholds.Default));
        Services.AddSingleton<ProgressInquiry>();
        Services.AddScoped(_ => user);
        RenderPopoverProvider();
        return roadmap;
    }

    private static byte[] Answer(SmallRoadmap roadmap, byte[] exported)
    {
        using var workbook = new XLWorkbook(new MemoryStream(exported));
        var row = workbook.Worksheet(InquiryWorkbook.MilestoneSheet).RowsUsed()
            .Single(r => r.Cell(InquiryWorkbook.CodeColumn).GetString() == roadmap.OnTrack.Code);
        row.Cell(InquiryWorkbook.ProgressColumn).Value = 40;
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    [Fact]
    public async Task Upload_ShowsTheChangeOldToNew_AndAppliesOnlyOnConfirmation()
    {
        using var roadmap = await SetUpAsync(TestUser.Editor());
        var inquiry = Services.GetRequiredService<ProgressInquiry>();
        var file = Answer(roadmap, (await inquiry.ExportAsync(SmallRoadmap.Citizens, TestUser.Editor().Principal))!.Content);
        var page = Render<InquiryImport>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file, "回答.xlsx"));
        page.WaitForElement("[data-testid=changes]");

        Assert.Contains("1 件の工程を更新します", page.Find("[data-testid=summary]").TextContent);
        var changes = page.Find("[data-testid=changes]").TextContent;
        Assert.Contains("進捗率", changes);
        Assert.Contains("10%", changes);
        Assert.Contains("40%", changes);
        Assert.Equal(10, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress);

        page.Find("[data-testid=apply]").Click();
        page.WaitForElement("[data-testid=result]");

        Assert.Contains("1 件の工程を更新しました", page.Find("[data-testid=result]").TextContent);
        Assert.Equal(40, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress);
    }

    [Fact]
    public async Task Viewer_IsToldAndCannotChooseAFile()
    {
        using var roadmap = await SetUpAsync(TestUser.Viewer());
        var page = Render<InquiryImport>();

        Assert.Contains("権限がありません", page.Find("[data-testid=not-allowed]").TextContent);
        Assert.True(page.Find("button").HasAttribute("disabled"));
    }
}
