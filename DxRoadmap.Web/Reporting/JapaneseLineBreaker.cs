using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DxRoadmap.Web.Reporting;

/// <summary>
/// Breaks Japanese text into lines that fit a width. Japanese has no spaces to break at, so it breaks
/// between any two characters, keeping Latin words and numbers whole where they fit, and applies kinsoku:
/// closing punctuation, small kana and the long-vowel mark never start a line, opening brackets never end one.
/// </summary>
public static partial class JapaneseLineBreaker
{
    /// <summary>Characters that must not begin a line (行頭禁則).</summary>
    public const string NoLineStart = "、。，．,.)]）］｝〕〉》」』】〙〗〟’”｠»ゝゞーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻‐゠–〜～？！?!‼⁇⁈⁉・:;：；/／…‥%％";

    /// <summary>Characters that must not end a line (行末禁則).</summary>
    public const string NoLineEnd = "([（［｛〔〈《「『【〘〖〝‘“｟«";

    /// <summary>Splits <paramref name="text"/> into lines no wider than <paramref name="width"/> where possible.</summary>
    public static List<string> Wrap(string? text, double width, Func<string, double> measure)
    {
        var lines = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return lines;
        }
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            WrapParagraph(paragraph, width, measure, lines);
        }
        return lines;
    }

    private static void WrapParagraph(string text, double width, Func<string, double> measure, List<string> lines)
    {
        var line = new StringBuilder();
        double lineWidth = 0;
        foreach (var token in Tokens(text))
        {
            var tokenWidth = Width(token, measure);
            if (line.Length > 0 && lineWidth + tokenWidth > width)
            {
                if (token.Length > 1 && tokenWidth > width)
                {
                    // A word longer than the line is broken by character like Japanese text.
                    foreach (var element in Elements(token))
                    {
                        Add(element);
                    }
                    continue;
                }
                var carry = new StringBuilder();
                if (NoLineStart.Contains(token[0], StringComparison.Ordinal))
                {
                    // 追い出し: take the last character down with the forbidden one, so it does not start the line.
                    var trailing = 0;
                    while (trailing < line.Length && NoLineStart.Contains(line[line.Length - 1 - trailing], StringComparison.Ordinal))
                    {
                        trailing++;
                    }
                    if (trailing + 1 >= line.Length)
                    {
                        // ぶら下げ: the line is nothing but the mark's run; let it hang past the width instead.
                        line.Append(token);
                        lineWidth += tokenWidth;
                        continue;
                    }
                    // The character taken down may be a surrogate pair (𠮷): never split one.
                    var take = trailing + 1;
                    if (char.IsLowSurrogate(line[line.Length - take]) && line.Length > take)
                    {
                        take++;
                    }
                    carry.Append(line.ToString(line.Length - take, take));
                    line.Length -= take;
                }
                while (line.Length > 1 && NoLineEnd.Contains(line[^1], StringComparison.Ordinal))
                {
                    carry.Insert(0, line[^1]);
                    line.Length--;
                }
                lines.Add(line.ToString().TrimEnd());
                line.Clear().Append(carry.ToString().TrimStart());
                lineWidth = Width(line.ToString(), measure);
                if (line.Length == 0 && token == " ")
                {
                    continue;
                }
            }
            line.Append(token);
            lineWidth += tokenWidth;

            void Add(string piece)
            {
                var w = Width(piece, measure);
                if (line.Length > 0 && lineWidth + w > width && !NoLineStart.Contains(piece[0], StringComparison.Ordinal))
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    lineWidth = 0;
                }
                line.Append(piece);
                lineWidth += w;
            }
        }
        lines.Add(line.ToString().TrimEnd());
    }

    /// <summary>
    /// Runs of Latin letters and digits stay together, and so does a date (「令和6年4月」, 「令和元年5月1日」,
    /// 「2026/09/30」); everything else is one token per character as a reader sees it (a text element), so a
    /// surrogate pair such as 𠮷, or a character with its variation selector, is never split across lines.
    /// </summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var from = 0;
        foreach (Match date in DatePattern().Matches(text))
        {
            foreach (var token in WordsAndCharacters(text[from..date.Index]))
            {
                yield return token;
            }
            yield return date.Value;
            from = date.Index + date.Length;
        }
        foreach (var token in WordsAndCharacters(text[from..]))
        {
            yield return token;
        }
    }

    private static IEnumerable<string> WordsAndCharacters(string text)
    {
        var word = new StringBuilder();
        foreach (var element in Elements(text))
        {
            var ch = element[0];
            if (element.Length == 1 && (ch < 0x80 && char.IsLetterOrDigit(ch) || ch is '&' or '_' or '#' && word.Length > 0))
            {
                word.Append(ch);
                continue;
            }
            if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
            yield return element;
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    [GeneratedRegex(@"(?:令和|平成|昭和)(?:元|\d{1,2})年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{4}/\d{1,2}/\d{1,2}")]
    private static partial Regex DatePattern();

    private static double Width(string text, Func<string, double> measure)
    {
        double total = 0;
        foreach (var element in Elements(text))
        {
            total += measure(element);
        }
        return total;
    }

    /// <summary>The text's characters as a reader counts them (text elements).</summary>
    public static IEnumerable<string> Elements(string text)
    {
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            yield return enumerator.GetTextElement();
        }
    }

    /// <summary>
    /// Removes variation selectors (U+FE00–FE0F, U+E0100–E01EF): the PDF's font has no glyph variants, and a
    /// selector drawn on its own would print as an empty box. The base character stays.
    /// </summary>
    public static string WithoutVariationSelectors(string text)
    {
        if (!text.EnumerateRunes().Any(r => IsVariationSelector(r.Value)))
        {
            return text;
        }
        var result = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsVariationSelector(rune.Value))
            {
                result.Append(rune.ToString());
            }
        }
        return result.ToString();
    }

    /// <summary>U+FE00–FE0F and U+E0100–E01EF (the ideographic variation selectors).</summary>
    internal static bool IsVariationSelector(int codePoint) =>
        codePoint is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF;
}
