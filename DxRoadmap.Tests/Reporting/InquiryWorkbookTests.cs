using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Reporting;

/// <summary>The 照会票 a 課 downloads, part by part: moving its code around must not change what is written.</summary>
public partial class InquiryWorkbookTests
{
    /// <summary>
    /// Every part of the 市民課 照会票 of the small roadmap on 2022-04-01, as written before the workbook code was split
    /// by concern (a digest of each part's XML; the package's own timestamps left out).
    /// </summary>
    private static readonly Dictionary<string, string> Written = new()
    {
        ["[Content_Types].xml"] = "210DCB2FB33B9A91",
        ["_rels/.rels"] = "7AFD657FE06B291D",
        ["docProps/app.xml"] = "69B9A36510D3C32C",
        ["package/services/metadata/core-properties/*.psmdcp"] = "351CE7FD23D9892B",
        ["xl/_rels/workbook.xml.rels"] = "83FDDAF0EEF3AD80",
        ["xl/workbook.xml"] = "948D20EF1553BB69",
        ["xl/sharedStrings.xml"] = "AA74124C667BE480",
        ["xl/styles.xml"] = "CDBD836809CA38A5",
        ["xl/theme/theme1.xml"] = "7B6FE2FA569D58D7",
        ["xl/worksheets/sheet1.xml"] = "E31CDBD6F8B9A0CE",
        ["xl/worksheets/sheet2.xml"] = "D6EFB5842551A6ED",
        ["xl/worksheets/sheet3.xml"] = "BD50E26439CB27EF",
        ["xl/worksheets/sheet4.xml"] = "9CA65E91EF486585",
    };

    [Fact]
    public async Task TheWrittenWorkbook_IsPartForPartTheOneWrittenBefore()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var inquiry = new ProgressInquiry(roadmap.Database, new AppClock(FixedTime.On("2022-04-01")),
            Options.Create(DelayThresholds.Default), NullLogger<ProgressInquiry>.Instance);
        var export = (await inquiry.ExportAsync(SmallRoadmap.Citizens, TestUser.Editor().Principal))!;

        var parts = Parts(export.Content);

        Assert.True(Written.Count == parts.Count && Written.All(p => parts.GetValueOrDefault(p.Key) == p.Value),
            "parts now:\n" + string.Join("\n", parts.Select(p => $"[\"{p.Key}\"] = \"{p.Value}\",")));
    }

    private static Dictionary<string, string> Parts(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        // Random on every save or seed: the core-properties part's name, relationship ids, the milestones' versions and codes.
        return zip.Entries.ToDictionary(e => PartName().Replace(e.FullName, "*"), e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            var xml = PartName().Replace(PackageTimes().Replace(reader.ReadToEnd(), ""), "*");
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(xml)))[..16];
        });
    }

    [GeneratedRegex("<dcterms:(created|modified)[^>]*>[^<]*</dcterms:(created|modified)>")]
    private static partial Regex PackageTimes();

    [GeneratedRegex(@"[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\bR[0-9a-f]{16}\b|\bT-[0-9a-f]{6}\b")]
    private static partial Regex PartName();
}
