using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Reporting;

namespace DxRoadmap.Web.Services;

/// <summary>
/// How the rows of one answer sheet become changes: where its items are kept, how a row's answer compares with the
/// stored item, and the rules an edit of that item follows. <see cref="AnswerImport"/> runs every sheet through the
/// same steps (own row → left as exported → diff → changed since export → permission → validate → plan); a new answer
/// sheet adds a description, not a pipeline.
/// </summary>
/// <typeparam name="TItem">The stored item (tracked, so that applying a change updates it).</typeparam>
/// <typeparam name="TValues">The answer read from one row.</typeparam>
public abstract class AnswerSheet<TItem, TValues> where TValues : class
{
    /// <summary>The sheet's layout: its name, noun and column labels.</summary>
    public abstract InquirySheet Layout { get; }

    /// <summary>The stored items with these ids, tracked.</summary>
    public abstract Task<Dictionary<int, TItem>> LoadAsync(RoadmapDbContext db, IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    /// <summary>The 課 that owns the item.</summary>
    public abstract int OwnerOf(TItem item);

    /// <summary>The digest of an answer: equal to the row's exported fingerprint when the row was left as exported.</summary>
    public abstract string Fingerprint(TValues values);

    /// <summary>The fields the answer would change, old and new; none when the item already holds the answer.</summary>
    public abstract IReadOnlyList<FieldChange> Diff(TItem item, TValues values);

    /// <summary>Whether the item was changed by someone else after the 照会票 was written.</summary>
    public abstract bool ChangedSinceExport(TItem item, InquiryRow<TValues> row);

    /// <summary>The message refusing a row whose item changed after the export.</summary>
    public abstract string ChangedSinceExportMessage(TItem item);

    /// <summary>The column a refusal of the whole row (out of date, not permitted) is reported at.</summary>
    public abstract int RowColumn { get; }

    /// <summary>Why the user may not make these changes to the item, or null when they may.</summary>
    public abstract string? Denied(ICurrentUser user, TItem item, IReadOnlyList<FieldChange> changes);

    /// <summary>The editor's rules for the answer: each broken rule with the column it is reported at.</summary>
    public abstract IEnumerable<(int Column, string Message)> Validate(TItem item, TValues values);

    /// <summary>The change as the preview lists it.</summary>
    public abstract InquiryChange Change(TItem item, InquiryRow<TValues> row, IReadOnlyList<FieldChange> changes);

    /// <summary>Writes the answer to the tracked item (and any history it keeps); saved with every other change in one transaction.</summary>
    public abstract void Apply(RoadmapDbContext db, TItem item, InquiryRow<TValues> row, InquiryChange change, string user, DateTimeOffset now);

    /// <summary>A row copied within the sheet.</summary>
    public virtual string Duplicate(InquiryRow<TValues> row) =>
        $"同じ{Layout.Noun}「{row.Title}」の行が2つあります。行をコピーせず、出力された行に記入してください。";

    /// <summary>A row whose id names no stored item.</summary>
    public virtual string Unknown(InquiryRow<TValues> row) =>
        $"{Layout.Noun}「{row.Title}」は登録されていません (削除されたか、照合用の情報が書き換えられています)。";

    /// <summary>A row whose id names another 課's item.</summary>
    public virtual string NotOwn(TItem item, InquiryRow<TValues> row, Department department) =>
        $"{Layout.Noun}「{row.Title}」は「{department.Name}」の{Layout.Noun}ではありません。照合用の情報が書き換えられています。";

    /// <summary>Adds a field to <paramref name="changes"/> when its text differs.</summary>
    protected static void Compare(List<FieldChange> changes, string field, string? before, string? after)
    {
        if (before != after)
        {
            changes.Add(new FieldChange(field, before, after));
        }
    }
}
