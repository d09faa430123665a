using System.Net;
using ClosedXML.Excel;
using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace DxRoadmap.Tests.Web;

/// <summary>One app with the sample progress for all download tests (starting an app per test is slow).</summary>
public sealed class SampleApp : AppFactory
{
    protected override bool SampleProgress => true;
}

public class ReportDownloadTests(SampleApp factory) : IClassFixture<SampleApp>
{
    [Fact]
    public async Task Download_WithoutLogin_IsSentToTheLoginPage()
    {
        using var client = factory.CreateManualClient();
        var response = await client.GetAsync("/reports/download?format=xlsx&asOf=2026-11-26", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Download_SendsTheWorkbookUnderAnEncodedJapaneseFileName()
    {
        using var client = await factory.CreateLoggedInClientAsync();
        var response = await client.GetAsync("/reports/download?format=xlsx&asOf=2026-11-26&scope=all",
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("進捗報告_令和8年11月26日.xlsx", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''%E9%80%B2%E6%8D%97", response.Content.Headers.GetValues("Content-Disposition").Single());
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);
    }

    [Fact]
    public async Task Download_OfAPdfForOneDepartment_NamesTheDepartment()
    {
        using var client = await factory.CreateLoggedInClientAsync();
        var response = await client.GetAsync("/reports/download?format=pdf&asOf=2022-04-01&scope=" + Uri.EscapeDataString("department:市民課"),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("進捗報告_令和4年4月1日_市民課.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }

    [Theory]
    [InlineData("format=doc&asOf=2026-11-26", "形式")]
    [InlineData("format=xlsx&asOf=2026-13-01", "基準日")]
    [InlineData("format=xlsx&asOf=2026-11-26&since=2026-11-26", "前回会議日")]
    [InlineData("format=xlsx&asOf=2026-11-26&scope=initiative:9.9", "9.9")]
    [InlineData("format=xlsx&round=abc", "照会「abc」は番号として正しくありません。")]
    [InlineData("format=xlsx&round=9999", "照会 (番号 9999) は見つかりません。")]
    public async Task BadRequest_GetsAJapaneseReason(string query, string expected)
    {
        using var client = await factory.CreateLoggedInClientAsync();
        var response = await client.GetAsync("/reports/download?" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Download_FromAClosedRound_IsAsOfItsBaseDate_AndNamesTheRound()
    {
        var rounds = factory.Services.GetRequiredService<InquiryRounds>();
        var today = factory.Services.GetRequiredService<AppClock>().Today;
        var (opened, id) = await rounds.OpenAsync(new OpenRoundInput("令和8年度第2回 進捗照会", new DateOnly(2026, 10, 31), today.AddDays(7),
            [new InquiryTarget(InquiryItemKind.AutomationCase, 1)]), TestUser.Editor());
        Assert.True(opened.Succeeded, opened.Message);
        Assert.True((await rounds.CloseAsync(id!.Value, TestUser.Editor())).Succeeded);

        using var client = await factory.CreateLoggedInClientAsync();
        var response = await client.GetAsync($"/reports/download?format=xlsx&asOf=2026-11-26&round={id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The round's 基準日, not the asOf of the link.
        Assert.Equal("進捗報告_令和8年10月31日.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var book = new XLWorkbook(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        Assert.Contains("令和8年度第2回 進捗照会 に基づく　基準日 令和8年10月31日", book.Worksheet("概要").Cell(2, 1).GetString());
    }
}
