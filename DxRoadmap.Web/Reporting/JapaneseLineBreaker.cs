using System.Text;

namespace DxRoadmap.Web.Reporting;

/// <summary>
/// Breaks Japanese text into lines that fit a width. Japanese has no spaces to break at, so it breaks
/// between any two characters, keeping Latin words and numbers whole where they fit, and applies kinsoku:
/// closing punctuation, small kana and the long-vowel mark never start a line, opening brackets never end one.
/// </summary>
public static class JapaneseLineBreaker
{
    /// <summary>Characters that must not begin a line (行頭禁則).</summary>
    public const string NoLineStart = "、。，．,.)]）］｝〕〉》」』】〙〗〟’”｠»ゝゞーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻‐゠–〜～？！?!‼⁇⁈⁉・:;：；/／…‥%％";

    /// <summary>Characters that must not end a line (行末禁則).</summary>
    public const string NoLineEnd = "([（［｛〔〈《「『【〘〖〝‘“｟«";

    /// <summary>Splits <paramref name="text"/> into lines no wider than <paramref name="width"/> where possible.</summary>
    public static List<string> Wrap(string? text, double width, Func<char, double> measure)
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

    private static void WrapParagraph(string text, double width, Func<char, double> measure, List<string> lines)
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
                    foreach (var ch in token)
                    {
                        Add(ch.ToString());
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
                    carry.Append(line.ToString(line.Length - trailing - 1, trailing + 1));
                    line.Length -= trailing + 1;
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

    /// <summary>Runs of Latin letters and digits stay together; everything else is one token per character.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        foreach (var ch in text)
        {
            if (ch < 0x80 && char.IsLetterOrDigit(ch) || ch is '&' or '_' or '#' && word.Length > 0)
            {
                word.Append(ch);
                continue;
            }
            if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
            yield return ch.ToString();
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static double Width(string text, Func<char, double> measure)
    {
        double total = 0;
        foreach (var ch in text)
        {
            total += measure(ch);
        }
        return total;
    }
}
