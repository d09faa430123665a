using ClosedXML.Excel;

namespace DxRoadmap.Web.Reporting;

/// <summary>A column of a 照会票 sheet: its header and width.</summary>
public sealed record InquiryColumn(string Title, double Width);

/// <summary>
/// One answer sheet of the 照会票, described once for both ways: the writer lays out its columns and unlocks the answer
/// columns; the reader finds each row's hidden identity and reads the answer columns back; the import names problems
/// by its column labels.
/// </summary>
/// <param name="Name">The sheet's name, which the reader looks for.</param>
/// <param name="Columns">Every column, visible and hidden, in order (column 1 first).</param>
/// <param name="FirstAnswer">The first unlocked (answer) column.</param>
/// <param name="LastAnswer">The last unlocked (answer) column.</param>
/// <param name="IdColumn">The hidden column holding the item's id; the identity columns run from here to the last.</param>
/// <param name="VersionColumn">The hidden column holding the item's version, or 0 when the sheet carries none.</param>
/// <param name="FingerprintColumn">The hidden column holding the digest of the answer values as exported.</param>
/// <param name="CodeColumn">The column a message names the item's code by, or 0.</param>
/// <param name="TitleColumn">The column a message names the item by.</param>
/// <param name="Noun">What one row is, as messages say it (工程, 手続, AI・RPA 事例).</param>
public sealed record InquirySheet(string Name, IReadOnlyList<InquiryColumn> Columns, int FirstAnswer, int LastAnswer,
    int IdColumn, int VersionColumn, int FingerprintColumn, int CodeColumn, int TitleColumn, string Noun)
{
    /// <summary>The visible columns: all but the hidden identity columns at the right.</summary>
    public int VisibleColumns => IdColumn - 1;

    /// <summary>The column letter and header, as problems name it ("G列 (進捗率(%))").</summary>
    public string Label(int column) => $"{XLHelper.GetColumnLetterFromNumber(column)}列 ({Columns[column - 1].Title})";

    public bool IsAnswer(int column) => column >= FirstAnswer && column <= LastAnswer;
}
