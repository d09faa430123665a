using System.Globalization;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DxRoadmap.Web.Reporting;

/// <summary>
/// Lays a <see cref="CommitteeReport"/> out as a PDF: cover, summary, Gantt chart, late items, and the full
/// list as an appendix. Content comes from the report model only; this class decides pages and drawing.
/// </summary>
public static partial class PdfReportWriter
{
    public const string Creator = "DxRoadmap";

    public static void Write(CommitteeReport report, Stream output, PaperSize paper = PaperSize.A3,
        ReportSections sections = ReportSections.All, TimeProvider? clock = null)
    {
        ReportFonts.EnsureRegistered();
        var h = report.Header;
        using var document = new PdfDocument();
        document.Info.CreationDate = (clock ?? TimeProvider.System).GetLocalNow().DateTime;
        document.Info.Title = $"{h.PlanTitle} {h.Title} ({h.AsOfLabel})";
        document.Info.Subject = $"{h.MeetingName} 資料 {h.Basis}{(h.Basis is null ? "" : " ")}基準日 {h.AsOfLabel} 対象 {h.ScopeLabel}";
        document.Info.Author = h.IssuedBy;
        document.Info.Creator = Creator;
        document.Info.Keywords = "進捗報告, " + h.MeetingName;
        document.PageLayout = PdfPageLayout.SinglePage;
        // Screen readers read the title and the language; the outline is the way around a long report.
        document.Language = "ja-JP";
        document.ViewerPreferences.DisplayDocTitle = true;
        document.PageMode = PdfPageMode.UseOutlines;

        using (var canvas = new PdfCanvas(document, paper, $"{h.PlanTitle}　{h.Title}",
                   $"{(h.Basis is { } onRound ? onRound + "　" : "")}基準日 {h.AsOfWithWestern}　対象 {h.ScopeLabel}", h.IssuedBy))
        {
            Cover(canvas, report);
            if (sections.HasFlag(ReportSections.Summary))
            {
                Summary(canvas, report);
                InitiativePages(canvas, report);
                Standardisation(canvas, report.Standardisation);
                PeerPage(canvas, report);
            }
            if (sections.HasFlag(ReportSections.Gantt))
            {
                PdfGantt.Draw(canvas, h, report.Gantt, "2. 工程表");
            }
            if (sections.HasFlag(ReportSections.Late))
            {
                LateItems(canvas, report);
            }
            if (sections.HasFlag(ReportSections.List))
            {
                Appendix(canvas, report);
            }
            canvas.NumberPages();
        }
        using var written = new MemoryStream();
        document.Save(written, closeStream: false);
        PdfFileFinish.Write(written.GetBuffer(), (int)written.Length, output);
    }

    private static void Cover(PdfCanvas c, CommitteeReport report)
    {
        var h = report.Header;
        c.NewPage(plain: true);
        c.Bookmark("表紙");
        var g = c.G;
        var centre = c.Width / 2;
        var y = c.Height * 0.28;
        c.DrawText($"{h.MeetingName} 資料", 18, false, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(centre, y), XStringFormats.BaseLineCenter);
        y += 50;
        c.DrawText(h.PlanTitle, 26, true, PdfCanvas.Brush(ReportPalette.Accent), new XPoint(centre, y), XStringFormats.BaseLineCenter);
        y += 44;
        c.DrawText(h.Title, 30, true, PdfCanvas.Brush(ReportPalette.Accent), new XPoint(centre, y), XStringFormats.BaseLineCenter);
        y += 24;
        g.DrawLine(new XPen(PdfCanvas.Color(ReportPalette.Accent), 1.5), centre - 220, y, centre + 220, y);
        y += 50;
        if (h.Basis is { } basis)
        {
            c.DrawText(basis, 16, true, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(centre, y - 12), XStringFormats.BaseLineCenter);
            y += 18;
        }
        c.DrawText($"基準日　{h.AsOfLabel}", 20, false, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(centre, y), XStringFormats.BaseLineCenter);
        y += 26;
        c.DrawText($"({JapaneseDates.WesternDay(h.AsOf)})", 12, false, PdfCanvas.Brush(ReportPalette.ExternalText), new XPoint(centre, y), XStringFormats.BaseLineCenter);
        y += 34;
        c.DrawText($"対象　{h.ScopeLabel}", 14, false, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(centre, y), XStringFormats.BaseLineCenter);
        if (h.Since is { } since)
        {
            y += 24;
            c.DrawText($"前回会議　{JapaneseDates.Day(since)}", 12, false, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(centre, y), XStringFormats.BaseLineCenter);
        }
        if (h.SampleData)
        {
            y += 40;
            var text = ReportNotes.SampleData;
            var width = c.TextWidth(text, 12, true);
            g.DrawRectangle(PdfCanvas.Brush(ReportPalette.Signal(Signal.Yellow).Light), centre - width / 2 - 12, y - 18, width + 24, 28);
            c.DrawText(text, 12, true, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(centre, y), XStringFormats.BaseLineCenter);
        }
        c.DrawText(h.IssuedBy, 16, false, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(centre, c.Height * 0.82), XStringFormats.BaseLineCenter);
    }

    private static void Summary(PdfCanvas c, CommitteeReport report)
    {
        c.NewPage();
        c.Heading("1. 重点取組の進捗状況");
        c.Bookmark("1. 重点取組の進捗状況");
        InitiativeBars(c, report.Initiatives);
        c.Y += 6;
        LegendLine(c);
        foreach (var line in ReportNotes.EvaluationRule.Prepend("評価の基準").Append(ReportNotes.Signal).Append(ReportNotes.SignalAndEvaluation))
        {
            c.Paragraph(line, c.BodySize, ReportPalette.ExternalText);
        }
        c.Y += 10;

        if (report.Changes is { } changes)
        {
            c.Table(changes.Heading,
                [new("重点取組", 4), new("名称", 20), new("完了 前回→今回", 8, CellAlign.Center), new("完了 増減", 5, CellAlign.Right),
                 new("遅延・着手遅れ 前回→今回", 8, CellAlign.Center), new("遅延・着手遅れ 増減", 5, CellAlign.Right), new("評価 前回→今回", 14, CellAlign.Center)],
                changes.Initiatives.Select(i => (IReadOnlyList<PdfCell>)
                [
                    i.Code, i.Title, $"{i.DoneBefore} → {i.DoneNow}", Signed(i.DoneDelta), $"{i.LateBefore} → {i.LateNow}",
                    new PdfCell(Signed(i.LateDelta), Color: i.LateDelta > 0 ? ReportPalette.Signal(Signal.Red).Strong : null),
                    $"{EvaluationRule.Label(i.EvaluationBefore)} → {EvaluationRule.Label(i.EvaluationNow)}",
                ]));
            if (changes.Milestones.Count > 0)
            {
                c.Table("変更のあった工程",
                    [new("コード", 5, Whole: true), new("取組", 3, Whole: true), new("工程名", 30), new("主管課", 10), new("変更内容", 30)],
                    changes.Milestones.Select(m => (IReadOnlyList<PdfCell>)[m.Code, m.InitiativeCode, m.Title, m.Owner, m.Change]));
            }
        }

        c.Table("課別の状況 (主管課・関係課として関わる工程)",
            [new("部", 8), new("課", 14), new("工程数", 5, CellAlign.Right), new("うち主管", 5, CellAlign.Right), new("未着手", 5, CellAlign.Right), new("進行中", 5, CellAlign.Right),
             new("完了", 5, CellAlign.Right), new("遅延", 5, CellAlign.Right), new("要注意", 5, CellAlign.Right), new("完了率", 5, CellAlign.Right),
             new("信号", 4, CellAlign.Center)],
            report.Departments.Select(d => (IReadOnlyList<PdfCell>)
            [
                d.Division, d.Name, N(d.Total), N(d.Owned), N(d.NotStarted), N(d.InProgress), N(d.Done), N(d.Late), N(d.Attention),
                Share(d.ShareDone), SignalCell(d.Signal),
            ]));
    }

    /// <summary>
    /// One page per initiative, as a 進捗状況報告 is read: its band from the summary, the 目標, the 所見 written for
    /// the meeting, the indicators, and for 5.2 and 5.3 the procedures by stage and the hours saved.
    /// </summary>
    private static void InitiativePages(PdfCanvas c, CommitteeReport report)
    {
        PdfOutline? section = null;
        foreach (var detail in report.Details)
        {
            c.NewPage();
            var title = $"{detail.Code} {detail.Title}";
            c.Heading(title);
            section ??= c.Bookmark("重点取組ごとの状況");
            c.Bookmark(title, section);
            if (report.Initiatives.FirstOrDefault(i => i.Code == detail.Code) is { } row)
            {
                InitiativeBars(c, [row]);
                c.Y += 4;
            }
            var finding = detail.Finding;
            var lines = new List<(string Label, string? Text)> { ("目標", detail.Aim) };
            lines.AddRange(finding is null
                ? [("所見", ReportNotes.NoFinding)]
                : [("取組内容", finding.Work), ("成果・実績", finding.Results), ("課題", finding.Issues), ("今後の方向性", finding.NextSteps)]);
            c.Table(finding is null ? "目標と所見" : $"目標と所見 ({finding.MeetingLabel}の所見)",
                [new("項目", 8, Whole: true), new("内容", 92)],
                lines.Select(f => (IReadOnlyList<PdfCell>)[new PdfCell(f.Label, Bold: true), f.Text ?? "—"]));
            if (detail.Indicators.Count > 0)
            {
                c.Table("指標",
                    [new("指標", 30), new("目標値", 10, CellAlign.Right), new("目標年度", 10, CellAlign.Center),
                     new("実績値", 10, CellAlign.Right), new("時点", 14, CellAlign.Center), new("達成率", 8, CellAlign.Right), new("区分", 10, CellAlign.Center)],
                    detail.Indicators.Select(i => (IReadOnlyList<PdfCell>)
                    [
                        i.Name, i.TargetText, i.TargetYear ?? "—", i.ActualText, i.ActualOn ?? "—",
                        i.Attainment is { } a ? $"{a}%" : "—", i.Computed ? "データから算出" : "入力",
                    ]));
            }
            if (detail.ProcedureStages is { } stages)
            {
                c.Table("オンライン化手続 (5.2) の段階別件数",
                    stages.Select(st => new PdfColumn(st.Stage, 10, CellAlign.Center)).Append(new PdfColumn("合計", 10, CellAlign.Center)).ToList(),
                    [[.. stages.Select(st => new PdfCell(N(st.Count))), N(stages.Sum(st => st.Count))]]);
            }
            if (detail.Hours is { } hours)
            {
                c.Table("AI・RPA (5.3) による削減時間 (年間)",
                    [new("適用業務", 10, CellAlign.Center), new("削減時間 (計画)", 10, CellAlign.Center), new("削減時間 (実績)", 10, CellAlign.Center),
                     new("計画比", 10, CellAlign.Center)],
                    [[N(hours.Cases) + "件", IndicatorRow.Number(hours.Planned) + "時間", IndicatorRow.Number(hours.Actual) + "時間",
                      hours.Planned > 0 ? $"{Math.Round(hours.Actual / hours.Planned * 100)}%" : "—"]]);
            }
        }
    }

    /// <summary>
    /// 5.1 標準化 after the summary: one row per 業務 with its rates, its real move and a mark per national step
    /// (shapes that differ without colour), so the committee sees both the step rate and how many really moved.
    /// </summary>
    private static void Standardisation(PdfCanvas c, StandardisationSection? section)
    {
        if (section is null)
        {
            return;
        }
        // Rates and the real move first, then the 40 steps in a table of their own: together they are 48 columns,
        // too narrow on A4 for 「100%」 or 「未着手」 to stay on one line.
        PdfColumn[] columns =
        [
            new("業務", 8.5), new("所管課", 7), new("完了率", 3.6, CellAlign.Right), new("作業中", 3.4, CellAlign.Right),
            new("未着手", 3.4, CellAlign.Right), new("特定移行支援", 9.5), new("移行予定", 4.6, CellAlign.Center),
            new("稼働日", 5.6, CellAlign.Center),
        ];
        var line = c.BodySize * 1.35;
        c.Need(c.BodySize * 3 + 2 * line + section.Systems.Count * (line + 6));
        c.Bookmark("標準化 (5.1) の進捗");
        c.Table($"標準化 (5.1) の進捗　{section.Headline}",
            columns,
            section.Systems.Select(s => (IReadOnlyList<PdfCell>)
            [
                new PdfCell(s.Name, Bold: s.Complete), s.Department, StandardSteps.Percent(s.Rate), StandardSteps.Percent(s.WorkingRate), StandardSteps.Percent(s.NotStartedRate),
                s.SpecificSupport ? s.SpecificReason ?? "対象" : "",
                s.MigrationLate ? new PdfCell(s.PlannedText + " 遅延", Color: ReportPalette.Status(MilestoneStatus.NotStarted, true).Strong, Bold: true) : s.PlannedText,
                s.GoLiveText,
            ]));
        List<PdfColumn> steps = [new("業務", 8.5), .. section.Steps.Select(s => new PdfColumn($"{s.Group}\n{s.Code[s.Group.Length..]}", 1.45, CellAlign.Center))];
        // Twenty one-line rows fit on a page: start a fresh one rather than leave a few rows under the first table.
        c.Need(c.BodySize * 3 + 3 * line + section.Systems.Count * (line + 6));
        c.Table("標準化 (5.1) の手順 (総務省の40手順)",
            steps,
            section.Systems.Select(s => (IReadOnlyList<PdfCell>)
            [
                new PdfCell(s.Name, Bold: s.Complete),
                .. s.Statuses.Select(status => new PdfCell(status.Mark(), Fill: ReportPalette.Step(status).Light, Color: ReportPalette.Step(status).Strong)),
            ]));
        c.Paragraph($"全体　完了率 {StandardSteps.Percent(section.Rate)}　作業中率 {StandardSteps.Percent(section.WorkingRate)}　未着手率 {StandardSteps.Percent(section.NotStartedRate)}", c.BodySize, ReportPalette.Ink);
        c.Paragraph(ReportNotes.StepLegend, c.BodySize, ReportPalette.ExternalText);
        c.Paragraph("手順: " + string.Join("　", section.Steps.Select(s => $"{s.Code} {s.Title}")), c.BodySize, ReportPalette.ExternalText);
        c.Paragraph(ReportNotes.StandardisationRate, c.BodySize, ReportPalette.ExternalText);
    }


    /// <summary>One band per initiative: a stacked bar of its own items by status, counts, progress and grade.</summary>
    private static void InitiativeBars(PdfCanvas c, IReadOnlyList<InitiativeRow> initiatives)
    {
        var g = c.G;
        var rowHeight = 46.0;
        var titleWidth = c.ContentWidth * 0.27;
        var barWidth = c.ContentWidth * 0.38;
        var statsX = c.Left + titleWidth + barWidth + 16;
        var gradeX = c.Right - 92;
        foreach (var i in initiatives)
        {
            c.Need(rowHeight);
            var y = c.Y;
            g.DrawRectangle(new XPen(PdfCanvas.Color(ReportPalette.Rule), 0.4), c.Left, y, c.ContentWidth, rowHeight - 4);
            c.SignalMark(i.Signal, c.Left + 14, y + 20, 12);
            // A title that needs two lines at 11pt is set smaller so it stays clear of the 主管 line below.
            var titleSize = c.Wrap($"{i.Code} {i.Title}", titleWidth - 34, 11, true).Count > 1 ? 9 : 11;
            var titleLines = c.Wrap($"{i.Code} {i.Title}", titleWidth - 34, titleSize, true);
            for (var l = 0; l < Math.Min(2, titleLines.Count); l++)
            {
                c.DrawText(titleLines[l], titleSize, true, PdfCanvas.Brush(ReportPalette.Ink),
                    new XPoint(c.Left + 26, y + 15 + l * (titleSize + 2)), XStringFormats.BaseLineLeft);
            }
            c.DrawText($"主管 {i.LeadDepartment}", 8, false, PdfCanvas.Brush(ReportPalette.ExternalText),
                new XPoint(c.Left + 26, y + rowHeight - 10), XStringFormats.BaseLineLeft);

            var own = i.Total - i.External;
            var barX = c.Left + titleWidth;
            var x = barX;
            foreach (var (count, segment) in new[] { (i.Done, StatusSegment.Done), (i.InProgress, StatusSegment.InProgress),
                         (i.NotStarted, StatusSegment.NotStarted), (i.OnHold + i.Cancelled, StatusSegment.OnHold) })
            {
                if (own == 0 || count == 0)
                {
                    continue;
                }
                var w = barWidth * count / own;
                DrawSegment(c, segment, new XRect(x, y + 8, w, 16));
                if (w > 14)
                {
                    // Numbers sit on a white chip so they read over any fill or pattern.
                    var label = N(count);
                    var chip = c.TextWidth(label, 8, true) + 4;
                    g.DrawRectangle(PdfCanvas.Brush("#FFFFFF"), x + w / 2 - chip / 2, y + 11.5, chip, 9);
                    c.DrawText(label, 8, true, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(x + w / 2, y + 19), XStringFormats.BaseLineCenter);
                }
                x += w;
            }
            g.DrawRectangle(new XPen(PdfCanvas.Color(ReportPalette.Rule), 0.5), barX, y + 8, barWidth, 16);
            // The expected progress as a tick across the bar, so "behind" reads at a glance.
            var tick = barX + barWidth * i.ExpectedProgress / 100.0;
            g.DrawLine(new XPen(PdfCanvas.Color(ReportPalette.Ink), 1.2) { DashStyle = XDashStyle.Dash }, tick, y + 4, tick, y + 28);
            c.DrawText($"完了率 {Share(i.ShareDone)}　進捗 実績 {i.ActualProgress}% / 計画 {i.ExpectedProgress}%", 8, false,
                PdfCanvas.Brush(ReportPalette.Ink), new XPoint(barX, y + 37), XStringFormats.BaseLineLeft);

            var counts = $"工程 {own}" + (i.External > 0 ? $" (ほか国・県 {i.External})" : "")
                + $"　未着手 {i.NotStarted}　進行中 {i.InProgress}　完了 {i.Done}";
            var flags = $"遅延 {i.Overdue}　着手遅れ {i.LateStart}　要注意 {i.AtRisk}　更新なし {i.Stale}";
            // The counts shrink to the room left before the grade badge (narrower on A4).
            var room = gradeX - 10 - statsX;
            var widest = Math.Max(c.TextWidth(counts, 9), c.TextWidth(flags, 9, true));
            var statsSize = Math.Min(9, Math.Floor(9 * room / widest * 10) / 10);
            c.DrawText(counts, statsSize, false, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(statsX, y + 18), XStringFormats.BaseLineLeft);
            c.DrawText(flags, statsSize, i.Late > 0, PdfCanvas.Brush(i.Late > 0 ? ReportPalette.Signal(Signal.Red).Strong : ReportPalette.Ink),
                new XPoint(statsX, y + 32), XStringFormats.BaseLineLeft);

            var tone = ReportPalette.Evaluation(i.Evaluation);
            g.DrawRoundedRectangle(PdfCanvas.Brush(tone.Strong), gradeX, y + 6, 84, 30, 6, 6);
            // White on the yellow of B is faint, in colour and in grey alike.
            var gradeText = i.Evaluation == Evaluation.B ? ReportPalette.Ink : "#FFFFFF";
            g.DrawRoundedRectangle(new XPen(PdfCanvas.Color(ReportPalette.Ink), 0.6), gradeX, y + 6, 84, 30, 6, 6);
            c.DrawText(i.EvaluationLabel, 11, true, PdfCanvas.Brush(gradeText), new XPoint(gradeX + 42, y + 26), XStringFormats.BaseLineCenter);
            c.Y += rowHeight;
        }
    }

    private enum StatusSegment
    {
        Done,
        InProgress,
        NotStarted,
        OnHold,
    }

    private static readonly (StatusSegment Segment, string Label)[] Segments =
        [(StatusSegment.Done, "完了"), (StatusSegment.InProgress, "進行中"), (StatusSegment.NotStarted, "未着手"), (StatusSegment.OnHold, "保留・中止")];

    /// <summary>
    /// A part of the status bar: 完了 solid, 進行中 hatched, 未着手 plain light, 保留・中止 with horizontal lines,
    /// so that the parts stay apart on a grey copy.
    /// </summary>
    private static void DrawSegment(PdfCanvas c, StatusSegment segment, XRect area)
    {
        var g = c.G;
        switch (segment)
        {
            case StatusSegment.Done:
                g.DrawRectangle(PdfCanvas.Brush(ReportPalette.Status(MilestoneStatus.Done, false).Strong), area);
                break;
            case StatusSegment.InProgress:
                var tone = ReportPalette.Status(MilestoneStatus.InProgress, false);
                g.DrawRectangle(PdfCanvas.Brush(tone.Light), area);
                c.Hatch(area, tone.Strong, 3, 1, 1.1);
                break;
            case StatusSegment.NotStarted:
                g.DrawRectangle(PdfCanvas.Brush(ReportPalette.Status(MilestoneStatus.NotStarted, false).Light), area);
                break;
            default:
                g.DrawRectangle(PdfCanvas.Brush("#FFFFFF"), area);
                c.Hatch(area, ReportPalette.Status(MilestoneStatus.OnHold, false).Strong, 3, 0, 0.6);
                break;
        }
        g.DrawRectangle(new XPen(PdfCanvas.Color(ReportPalette.Ink), 0.4), area);
    }

    private static void LegendLine(PdfCanvas c)
    {
        var g = c.G;
        var x = c.Left;
        var y = c.Y + 8;
        foreach (var (segment, label) in Segments)
        {
            DrawSegment(c, segment, new XRect(x, y - 7, 14, 9));
            c.DrawText(label, 8, false, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(x + 18, y), XStringFormats.BaseLineLeft);
            x += 30 + c.TextWidth(label, 8);
        }
        g.DrawLine(new XPen(PdfCanvas.Color(ReportPalette.Ink), 1.2) { DashStyle = XDashStyle.Dash }, x, y - 8, x, y + 2);
        c.DrawText("計画上の進捗 (期間の経過割合)", 8, false, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(x + 6, y), XStringFormats.BaseLineLeft);
        x += 20 + c.TextWidth("計画上の進捗 (期間の経過割合)", 8);
        foreach (var signal in new[] { Signal.Blue, Signal.Yellow, Signal.Red })
        {
            c.SignalMark(signal, x + 5, y - 3, 9);
            var label = "信号 " + signal.Label();
            c.DrawText(label, 8, false, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(x + 13, y), XStringFormats.BaseLineLeft);
            x += 22 + c.TextWidth(label, 8);
        }
        c.Y += 18;
    }

    private static void LateItems(PdfCanvas c, CommitteeReport report)
    {
        c.NewPage();
        c.Heading($"3. 遅延している工程 ({report.Late.Count}件)");
        c.Bookmark($"3. 遅延している工程 ({report.Late.Count}件)");
        if (report.Late.Count == 0)
        {
            c.Paragraph(ReportNotes.NoLateItems);
            return;
        }
        c.Table(null,
            [new("コード", 5, Whole: true), new("取組", 3, Whole: true), new("工程名", 20), new("主管課", 9), new("計画期間", 13), new("状態 / 進捗", 6, CellAlign.Center),
             new("判定", 9), new("遅延理由", 27), new("対応策", 27)],
            report.Late.Select(m => (IReadOnlyList<PdfCell>)
            [
                m.Code, m.InitiativeCode, new PdfCell(m.Title, Bold: true), m.Owner, m.Period, $"{m.StatusLabel}\n{m.Progress}%",
                new PdfCell(m.State, Color: ReportPalette.Signal(Signal.Red).Strong),
                m.DelayReason ?? ReportNotes.NoReason, m.Countermeasure ?? ReportNotes.NoCountermeasure,
            ]));
    }

    /// <summary>The full list, one table per 重点取組 so that each has its bookmark.</summary>
    private static void Appendix(PdfCanvas c, CommitteeReport report)
    {
        c.NewPage();
        var title = $"付録 工程一覧 ({report.Milestones.Count}件)";
        c.Heading(title);
        var section = c.Bookmark(title);
        PdfColumn[] columns =
        [
            new("コード", 5, Whole: true), new("取組", 3, Whole: true), new("取組項目", 13), new("工程名", 22), new("主管課", 9), new("計画期間", 13),
            new("状態", 4, CellAlign.Center), new("進捗", 4, CellAlign.Right), new("実績", 10), new("判定", 10), new("信号", 3, CellAlign.Center), new("備考", 16),
        ];
        var titles = report.Initiatives.ToDictionary(i => i.Code, i => i.Title);
        foreach (var group in report.Milestones.GroupBy(m => m.InitiativeCode))
        {
            c.Table($"{group.Key} {titles.GetValueOrDefault(group.Key, "")} ({group.Count()}件)", columns,
                group.Select(m => (IReadOnlyList<PdfCell>)
                [
                    m.Code, m.InitiativeCode, m.TrackTitle,
                    new PdfCell(m.Title, Color: m.External ? ReportPalette.ExternalText : null),
                    m.Owner, m.Period, m.StatusLabel, m.External ? "" : m.Progress + "%", Actual(m), m.State,
                    m.External ? "" : SignalCell(m.Signal), m.Note,
                ]),
                bookmarkUnder: section);
        }
    }

    private static string Actual(MilestoneRow m) => (m.ActualStart, m.ActualEnd) switch
    {
        ({ } s, { } e) => $"{JapaneseDates.WesternDay(s)}～{JapaneseDates.WesternDay(e)}",
        ({ } s, null) => $"{JapaneseDates.WesternDay(s)}～",
        (null, { } e) => $"～{JapaneseDates.WesternDay(e)}",
        _ => "",
    };

    private static PdfCell SignalCell(Signal signal) =>
        new(ReportNotes.SignalText(signal), Fill: ReportPalette.Signal(signal).Strong, Color: "#FFFFFF", Bold: true);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Signed(int value) => value.ToString("+0;-0;0", CultureInfo.InvariantCulture);

    private static string Share(double share) => RoadmapSummary.Percent(share);
}
