using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Services;

/// <summary>Loads the roadmap and its history, builds the committee report and writes it in either format.</summary>
public sealed class ReportService(RoadmapReader reader, IOptions<DelayThresholds> thresholds, TimeProvider? clock = null,
    FindingService? findings = null, Peers.PeerRates? peers = null)
{
    /// <param name="rounds">A closed 照会 round to build from (<see cref="InquiryRounds.ReportBasisAsync"/>): its 基準日
    /// replaces <paramref name="asOf"/>, and 増減 is against the round before it when there is one.</param>
    public async Task<ReportBuildResult> BuildAsync(DateOnly asOf, ReportScope scope, DateOnly? since,
        CancellationToken cancellationToken = default, ReportRounds? rounds = null)
    {
        var roadmap = await reader.LoadAsync(cancellationToken);
        var request = new ReportRequest(rounds?.Round?.BaseDate ?? asOf, scope, since, thresholds.Value)
        {
            Round = rounds?.Round,
            PreviousRound = rounds?.Previous,
        };
        if (request.Check(roadmap) is { } problem)
        {
            return new ReportBuildResult(null, problem);
        }
        var history = await reader.LoadHistoryAsync(cancellationToken);
        var written = findings is null ? ReportFindings.None : await findings.LoadAsync(cancellationToken);
        var report = ReportBuilder.Build(roadmap, history, request, written);
        // Published 完了率 of other 団体 belong with 5.1: a report whose scope leaves 5.1 out leaves them out too.
        var standing = peers is null || report.Standardisation is null ? null : await peers.StandingAsync(asOf, cancellationToken);
        return new ReportBuildResult(report with { Peers = standing }, null);
    }

    /// <summary>Writes the report to <paramref name="output"/>; returns a message instead when the request is invalid.</summary>
    public async Task<string?> WriteAsync(ReportFormat format, DateOnly asOf, ReportScope scope, DateOnly? since, Stream output,
        PaperSize paper = PaperSize.A3, CancellationToken cancellationToken = default, ReportSections sections = ReportSections.All,
        ReportRounds? rounds = null)
    {
        var result = await BuildAsync(asOf, scope, since, cancellationToken, rounds);
        if (result.Report is not { } report)
        {
            return result.Problem;
        }
        // Both writers are synchronous and CPU-bound; keep them off the caller's thread (a Blazor circuit).
        await Task.Run(() => Write(report, format, output, paper, sections, clock), cancellationToken);
        return null;
    }

    public static void Write(CommitteeReport report, ReportFormat format, Stream output, PaperSize paper = PaperSize.A3,
        ReportSections sections = ReportSections.All, TimeProvider? clock = null)
    {
        if (format == ReportFormat.Pdf)
        {
            PdfReportWriter.Write(report, output, paper, sections, clock);
        }
        else
        {
            ExcelReportWriter.Write(report, output, clock);
        }
    }
}

/// <summary>A report, or the reason in Japanese why it could not be built.</summary>
public sealed record ReportBuildResult(CommitteeReport? Report, string? Problem);
