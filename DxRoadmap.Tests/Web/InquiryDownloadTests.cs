using System.Net;
using ClosedXML.Excel;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;

namespace DxRoadmap.Tests.Web;

public class InquiryDownloadTests(SampleApp factory) : IClassFixture<SampleApp>
{
    [Fact]
    public async Task Download_WithoutLogin_IsSentToTheLoginPage()
    {
        using var client = factory.CreateManualClient();
        var response = await client.GetAsync(InquiryEndpoints.DownloadUrl("デジタル行政推進課"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Download_SendsTheDepartmentsWorkbookUnderAnEncodedJapaneseFileName()
    {
        using var client = await factory.CreateLoggedInClientAsync();
        var response = await client.GetAsync(InquiryEndpoints.DownloadUrl("デジタル行政推進課"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var name = response.Content.Headers.ContentDisposition!.FileNameStar!;
        Assert.StartsWith("進捗照会_デジタル行政推進課_令和", name, StringComparison.Ordinal);
        Assert.EndsWith(".xlsx", name, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''%E9%80%B2%E6%8D%97", response.Content.Headers.GetValues("Content-Disposition").Single());
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var sheet = workbook.Worksheet(InquiryWorkbook.MilestoneSheet);
        Assert.True(sheet.RowsUsed().Count(r => r.RowNumber() >= InquiryWorkbook.FirstDataRow) > 10);
    }

    [Fact]
    public async Task UnknownDepartment_IsNotFoundWithAJapaneseReason()
    {
        using var client = await factory.CreateLoggedInClientAsync();
        var response = await client.GetAsync(InquiryEndpoints.DownloadUrl("存在しない課"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("存在しない課", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
