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

/// <summary>照会回答の取込 refuses a hostile upload with the same message as the import, and offers nothing to apply.</summary>
public class HostileUploadPageTests : MudTestContext
{
    [Theory]
    [InlineData("whitespace-before-sheetData", "「工程」シートを展開したところで大きさの上限を超えました")]
    [InlineData("400000-rows", "「工程」シートの行が多すぎます (5,000 行を超えています)")]
    [InlineData("dtd-with-nested-entities", "「工程」シートの XML が壊れているか")]
    public async Task HostileUpload_ShowsTheImportsMessage_AndNoApplyButton(string name, string message)
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        roadmap.AddServices(Services, FixedTime.On("2022-04-01"));
        Services.AddSingleton(Options.Create(DelayThresholds.Default));
        Services.AddSingleton<ProgressInquiry>();
        Services.AddScoped<ICurrentUser>(_ => TestUser.Editor());
        RenderPopoverProvider();
        var exported = (await Services.GetRequiredService<ProgressInquiry>().ExportAsync(SmallRoadmap.Citizens, TestUser.Editor().Principal))!.Content;
        using var workbook = new XLWorkbook(new MemoryStream(exported));
        workbook.Worksheet(InquiryWorkbook.MilestoneSheet).RowsUsed()
            .Single(r => r.Cell(InquiryWorkbook.CodeColumn).GetString() == roadmap.OnTrack.Code).Cell(InquiryWorkbook.ProgressColumn).Value = 40;
        using var answered = new MemoryStream();
        workbook.SaveAs(answered);
        var file = HostileWorkbooks.All[name](answered.ToArray());
        var page = Render<InquiryImport>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file, "回答.xlsx"));
        page.WaitForElement("[data-testid=summary]", TimeSpan.FromSeconds(30));

        Assert.Contains(message, page.Find("[data-testid=summary]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=apply]"));
        Assert.Equal(10, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress);
    }
}
