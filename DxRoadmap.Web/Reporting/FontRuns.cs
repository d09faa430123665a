using System.Globalization;
using System.Text;

namespace DxRoadmap.Web.Reporting;

/// <summary>Which of the report's two embedded fonts draws a piece of text.</summary>
public enum ReportFace
{
    /// <summary>BIZ UDPGothic, the report's font.</summary>
    Main = 0,

    /// <summary>MigMix 1P, for characters BIZ UDPGothic lacks (𠮷 and other rare kanji).</summary>
    Fallback = 1,
}

/// <summary>A stretch of printable text drawn with one font.</summary>
public readonly record struct TextRun(string Text, ReportFace Face);

/// <summary>
/// Splits text into runs by the font that has its glyphs: the main font wherever it can, the fallback font
/// for characters only it has, and 〓 (in the main font) for characters neither has. The unit is the text
/// element, so a surrogate pair or a character with its variation selector is never split between fonts;
/// variation selectors themselves are dropped (neither font has glyph variants; the base character stays).
/// </summary>
public sealed class FontRuns
{
    private const byte InMain = 0;
    private const byte InFallback = 1;
    private const byte InNeither = 2;

    private readonly FontCoverage _main;
    private readonly FontCoverage _fallback;

    // Every BMP character's font, worked out once: measuring and drawing look characters up millions of times.
    private readonly byte[] _bmp = new byte[0x10000];

    public FontRuns(FontCoverage main, FontCoverage fallback)
    {
        _main = main;
        _fallback = fallback;
        for (var c = 0; c < _bmp.Length; c++)
        {
            _bmp[c] = Classify(c);
        }
    }

    /// <summary>The fallback font's cmap (its glyph indices are needed for the PDF's text map).</summary>
    public FontCoverage Fallback => _fallback;

    private byte Classify(int codePoint) =>
        codePoint < 0x20 || _main.Has(codePoint) ? InMain : _fallback.Has(codePoint) ? InFallback : InNeither;

    private byte Lookup(int codePoint) => codePoint < 0x10000 ? _bmp[codePoint] : Classify(codePoint);

    /// <summary>The font a single character (a code point) is drawn with, or null when neither font has it.</summary>
    public ReportFace? FaceOf(int codePoint) => Lookup(codePoint) switch
    {
        InMain => ReportFace.Main,
        InFallback => ReportFace.Fallback,
        _ => null,
    };

    /// <summary>The text as the PDF prints it: variation selectors dropped, characters neither font has as 〓.</summary>
    public string Printable(string text)
    {
        if (IsPlain(text))
        {
            return text;
        }
        var result = new StringBuilder(text.Length);
        foreach (var run in Split(text))
        {
            result.Append(run.Text);
        }
        return result.ToString();
    }

    /// <summary>
    /// The printable text cut into runs, each drawn with one font; adjacent text elements of the same font
    /// share a run. Empty text has no runs.
    /// </summary>
    public IReadOnlyList<TextRun> Split(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }
        if (IsPlain(text))
        {
            return [new TextRun(text, ReportFace.Main)];
        }
        var runs = new List<TextRun>();
        var current = new StringBuilder();
        var face = ReportFace.Main;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var (printable, elementFace) = Element(element);
            if (printable.Length == 0)
            {
                continue;
            }
            if (current.Length > 0 && elementFace != face)
            {
                runs.Add(new TextRun(current.ToString(), face));
                current.Clear();
            }
            face = elementFace;
            current.Append(printable);
        }
        if (current.Length > 0)
        {
            runs.Add(new TextRun(current.ToString(), face));
        }
        return runs;
    }

    /// <summary>
    /// One text element without its variation selectors, and its font: the main font when it has every
    /// character, else the fallback when that has every one, else the main font with the missing ones as 〓.
    /// </summary>
    private (string Text, ReportFace Face) Element(string element)
    {
        var main = true;
        var fallback = true;
        var selectors = false;
        foreach (var rune in element.EnumerateRunes())
        {
            if (JapaneseLineBreaker.IsVariationSelector(rune.Value))
            {
                selectors = true;
                continue;
            }
            var found = Lookup(rune.Value);
            main &= found == InMain;
            fallback &= found == InFallback || rune.Value < 0x20;
        }
        if (main || fallback)
        {
            var text = selectors ? JapaneseLineBreaker.WithoutVariationSelectors(element) : element;
            return (text, main ? ReportFace.Main : ReportFace.Fallback);
        }
        var marked = new StringBuilder(element.Length);
        foreach (var rune in element.EnumerateRunes())
        {
            if (!JapaneseLineBreaker.IsVariationSelector(rune.Value))
            {
                marked.Append(Lookup(rune.Value) == InMain ? rune.ToString() : FontCoverage.Missing.ToString());
            }
        }
        return (marked.ToString(), ReportFace.Main);
    }

    /// <summary>
    /// True when every UTF-16 unit is a BMP character of the main font, the common case: then the text is
    /// one main-font run as it is, found without building text elements.
    /// </summary>
    private bool IsPlain(string text)
    {
        foreach (var ch in text)
        {
            // Surrogates are not characters of their own; variation selectors U+FE00–FE0F are not in the font.
            if (_bmp[ch] != InMain || char.IsSurrogate(ch) || ch is >= '\uFE00' and <= '\uFE0F')
            {
                return false;
            }
        }
        return true;
    }
}
