using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Reporting;

namespace DxRoadmap.Web.Services;

/// <summary>
/// The one import pipeline of a returned 照会票, over a database context the caller owns: each answer sheet's rows
/// go through the same steps (<see cref="CheckAsync{TItem,TValues}"/>), then <see cref="Preview"/> says what importing
/// would do and <see cref="Apply"/> writes every planned change to the tracked items, for the caller to save in one
/// transaction. Nothing is planned for applying when any sheet has a problem (all or nothing).
/// </summary>
public sealed class AnswerImport(RoadmapDbContext db, Department department, ICurrentUser user)
{
    private readonly List<InquiryProblem> _problems = [];
    private readonly List<(InquiryChange Change, Action<string, DateTimeOffset> Apply)> _planned = [];
    private int _unchanged;

    /// <summary>Problems the reader found in the cells, listed with the import's own.</summary>
    public void AddProblems(IEnumerable<InquiryProblem> problems) => _problems.AddRange(problems);

    /// <summary>
    /// Checks the rows of one sheet: each must name an item of this 課 once; a row left as exported, or answering what
    /// is already stored, is unchanged; a change must be to an item not changed since the export, permitted to the
    /// user, and valid by the editor's rules. What passes is planned; everything else is a problem at its row.
    /// </summary>
    public async Task CheckAsync<TItem, TValues>(AnswerSheet<TItem, TValues> sheet, IReadOnlyList<InquiryRow<TValues>> rows,
        CancellationToken cancellationToken) where TValues : class
    {
        var stored = await sheet.LoadAsync(db, rows.Select(r => r.Id).Distinct().ToList(), cancellationToken);
        var seen = new HashSet<int>();
        foreach (var row in rows)
        {
            void Problem(int column, string message) => _problems.Add(new InquiryProblem(sheet.Layout.Name, row.Row, sheet.Layout.Label(column), message));

            if (!seen.Add(row.Id))
            {
                Problem(1, sheet.Duplicate(row));
                continue;
            }
            if (!stored.TryGetValue(row.Id, out var item))
            {
                Problem(sheet.Layout.IdColumn, sheet.Unknown(row));
                continue;
            }
            if (sheet.OwnerOf(item) != department.Id)
            {
                Problem(sheet.Layout.IdColumn, sheet.NotOwn(item, row, department));
                continue;
            }
            if (row.Values is not { } values)
            {
                continue; // the cells that could not be read are already listed
            }
            // A row left as exported is no answer, even when the item changed since (someone else's change stays).
            if (row.Fingerprint == sheet.Fingerprint(values))
            {
                _unchanged++;
                continue;
            }
            var changes = sheet.Diff(item, values);
            if (changes.Count == 0)
            {
                _unchanged++; // already as answered: importing the same file again changes nothing
                continue;
            }
            if (sheet.ChangedSinceExport(item, row))
            {
                Problem(sheet.RowColumn, sheet.ChangedSinceExportMessage(item));
                continue;
            }
            if (sheet.Denied(user, item, changes) is { } denied)
            {
                Problem(sheet.RowColumn, denied);
                continue;
            }
            var errors = sheet.Validate(item, values).ToList();
            if (errors.Count > 0)
            {
                errors.ForEach(e => Problem(e.Column, e.Message));
                continue;
            }
            var change = sheet.Change(item, row, changes);
            _planned.Add((change, (name, now) => sheet.Apply(db, item, row, change, name, now)));
        }
    }

    /// <summary>What importing would do: the planned changes, or the problems (ordered by sheet, row and column) refusing them.</summary>
    public InquiryPreview Preview(DateTimeOffset? exportedAt)
    {
        var sheets = InquiryWorkbook.AnswerSheets.Select(s => s.Name).ToList();
        var ordered = _problems.OrderBy(p => sheets.IndexOf(p.Sheet)).ThenBy(p => p.Row).ThenBy(p => p.Column, StringComparer.Ordinal).ToList();
        return new InquiryPreview(null, department.Name, exportedAt, [.. _planned.Select(p => p.Change)], ordered, _unchanged);
    }

    /// <summary>Writes every planned change to its tracked item, or nothing when there is any problem; returns how many.</summary>
    public int Apply(string userName, DateTimeOffset now)
    {
        if (_problems.Count > 0)
        {
            return 0;
        }
        foreach (var (_, apply) in _planned)
        {
            apply(userName, now);
        }
        return _planned.Count;
    }
}
