using BenchmarkDotNet.Attributes;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data.Seeding;
using DxRoadmap.Web.Reporting;

namespace DxRoadmap.Bench;

/// <summary>
/// The committee report at 1,000 and 10,000 synthetic milestones: building the model, writing the workbook
/// with ClosedXML against writing the same cells with OpenXmlWriter, and writing the PDF.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    public static readonly DateOnly AsOf = new(2024, 6, 1);

    private RoadmapSnapshot _roadmap = null!;
    private CommitteeReport _report = null!;
    private CommitteeReport _rareKanji = null!;

    [Params(1_000, 10_000)]
    public int Milestones { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _roadmap = SyntheticRoadmap.Create(Milestones, seed: 42);
        _report = Build();
        // Every milestone title starts with 𠮷, which BIZ UDPGothic lacks: each such line is set in two fonts.
        _rareKanji = _report with
        {
            Milestones = [.. _report.Milestones.Select(m => m with { Title = "𠮷" + m.Title })],
            Late = [.. _report.Late.Select(m => m with { Title = "𠮷" + m.Title })],
        };
        // Font loading and the resolver belong to the first export of a process, not to every one.
        PdfReportWriter.Write(_report, Stream.Null);
        PdfReportWriter.Write(_rareKanji, Stream.Null);
    }

    public CommitteeReport Build() => ReportBuilder.Build(_roadmap, [],
        new ReportRequest(AsOf, ReportScope.All, new DateOnly(2024, 3, 1), DelayThresholds.Default));

    [Benchmark]
    public CommitteeReport Model() => Build();

    [Benchmark]
    public long Excel()
    {
        using var stream = new MemoryStream();
        ExcelReportWriter.Write(_report, stream);
        return stream.Length;
    }

    [Benchmark(Baseline = true)]
    public long RawOpenXml()
    {
        using var stream = new MemoryStream();
        RawWorkbookWriter.Write(_report, stream);
        return stream.Length;
    }

    [Benchmark]
    public long Pdf()
    {
        using var stream = new MemoryStream();
        PdfReportWriter.Write(_report, stream);
        return stream.Length;
    }

    [Benchmark]
    public long PdfRareKanji()
    {
        using var stream = new MemoryStream();
        PdfReportWriter.Write(_rareKanji, stream);
        return stream.Length;
    }
}
