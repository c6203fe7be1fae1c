using System.Text;
using CsCheck;
using Tidings.Core.Search;
using Tidings.Tests.Search;

namespace Tidings.Tests.Fuzzing;

/// <summary>
/// The reader's query language. Whatever is typed, parsing never throws, and the FTS5 expression is only quoted
/// strings joined by AND, OR, NOT and parentheses, each string exactly one of the parsed terms: no reader text is
/// ever FTS5 syntax (column filters, NEAR, prefix stars, carets or an unbalanced quote).
/// </summary>
public sealed class SearchQueryFuzzTests(SegmenterFixture fixture) : IClassFixture<SegmenterFixture>
{
    private static readonly Gen<string> SyntaxPiece = Gen.OneOf(
        "\"", "“", "”", "＂", "-", "－", "—", " ", "  ", "AND", "OR", "NOT", "NEAR", "NEAR(", "*", "^", ":", "title:", "(",
        ")", "+", "{", "}", "'", "\\", "\"\"", "-\"", "济南", "地铁", "有轨电车", "北京的秋天", "中华人民共和国", "iPhone", "5G",
        "的", "了");

    private static readonly Gen<string> Query = Hostile.Join(Gen.Frequency((3, Hostile.Piece), (2, SyntaxPiece)), 60);

    [Fact]
    public void TryParse_AnyInput_GivesAQueryOrAMessage()
    {
        Query.Sample(
            input =>
            {
                if (SearchQuery.TryParse(input, fixture.Segmenter, out var query, out var error))
                {
                    Assert.Null(error);
                    Assert.True(query.Text.Length <= SearchQuery.MaxLength);
                    Assert.True(query.Required.Count + query.Excluded.Count <= SearchQuery.MaxTerms);
                    Assert.All(query.Required.Concat(query.Excluded), t => Assert.NotEmpty(t.Words));
                    _ = query.Interpretation;
                }
                else
                {
                    Assert.NotNull(error);
                    Assert.True(error.Actual > error.Limit);
                    Assert.True(query.IsEmpty);
                }
            },
            iter: 3000);
    }

    [Fact]
    public void ToFts5_AnyParsedQuery_IsOnlyQuotedTermsAndOperators()
    {
        Query.Sample(
            input =>
            {
                if (!SearchQuery.TryParse(input, fixture.Segmenter, out var query, out _) || query.IsEmpty)
                {
                    return;
                }

                var fts = query.ToFts5();
                var strings = Fts5Strings(fts);
                var expected = query.Required
                    .SelectMany(t => new[] { string.Join(' ', t.Words) }.Concat(t.Alternatives))
                    .Concat(query.Excluded.Select(t => string.Join(' ', t.Words)));
                Assert.Equal(expected, strings);
            },
            iter: 3000);
    }

    /// <summary>
    /// Reads an FTS5 expression with FTS5's own rules for strings ("" inside a string is one quote), insisting that
    /// everything outside strings is AND, OR, NOT, parentheses or spaces, in an order FTS5 accepts; returns the strings.
    /// </summary>
    private static List<string> Fts5Strings(string fts)
    {
        var strings = new List<string>();
        var depth = 0;
        var expectOperand = true;
        var i = 0;
        while (i < fts.Length)
        {
            var c = fts[i];
            if (c == ' ')
            {
                i++;
            }
            else if (c == '"')
            {
                Assert.True(expectOperand, $"two operands in a row at {i}: {fts}");
                var text = new StringBuilder();
                i++;
                while (true)
                {
                    Assert.True(i < fts.Length, $"unterminated string: {fts}");
                    if (fts[i] == '"')
                    {
                        if (i + 1 < fts.Length && fts[i + 1] == '"')
                        {
                            text.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    text.Append(fts[i++]);
                }

                strings.Add(text.ToString());
                expectOperand = false;
            }
            else if (c == '(')
            {
                Assert.True(expectOperand, $"'(' after an operand at {i}: {fts}");
                depth++;
                i++;
            }
            else if (c == ')')
            {
                Assert.False(expectOperand, $"')' without an operand at {i}: {fts}");
                Assert.True(--depth >= 0, $"unbalanced ')' at {i}: {fts}");
                i++;
            }
            else
            {
                var word = fts[i..].Split(' ', '(', ')', '"')[0];
                Assert.Contains(word, (string[])["AND", "OR", "NOT"]);
                Assert.False(expectOperand, $"{word} without a left operand at {i}: {fts}");
                expectOperand = true;
                i += word.Length;
            }
        }

        Assert.Equal(0, depth);
        Assert.False(expectOperand, $"ends with an operator: {fts}");
        return strings;
    }
}
