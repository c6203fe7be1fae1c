using System.Text;

namespace Tidings.Core.Importing;

/// <summary>
/// Reads lines like <see cref="TextReader.ReadLineAsync()"/> but never buffers more than a limit, so one huge line
/// in a hostile or broken file cannot exhaust memory: it is skipped and reported instead.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, int maxChars)
{
    private readonly char[] _buffer = new char[1 << 14];
    private readonly StringBuilder _line = new();
    private int _pos;
    private int _len;

    /// <returns>(null, false) at the end; (null, true) for a line over the limit (consumed and dropped).</returns>
    public async ValueTask<(string? Line, bool TooLong)> ReadLineAsync(CancellationToken ct)
    {
        _line.Clear();
        var tooLong = false;
        var sawAny = false;
        while (true)
        {
            if (_pos == _len)
            {
                _len = await reader.ReadAsync(_buffer.AsMemory(), ct);
                _pos = 0;
                if (_len == 0)
                {
                    if (!sawAny)
                    {
                        return (null, false);
                    }

                    return tooLong ? (null, true) : (TrimCr(), false);
                }
            }

            sawAny = true;
            var span = _buffer.AsSpan(_pos, _len - _pos);
            var newline = span.IndexOf('\n');
            var take = newline < 0 ? span.Length : newline;
            if (!tooLong)
            {
                if (_line.Length + take > maxChars)
                {
                    tooLong = true;
                    _line.Clear();
                }
                else
                {
                    _line.Append(span[..take]);
                }
            }

            _pos += newline < 0 ? take : take + 1;
            if (newline >= 0)
            {
                return tooLong ? (null, true) : (TrimCr(), false);
            }
        }
    }

    private string TrimCr()
    {
        if (_line.Length > 0 && _line[^1] == '\r')
        {
            _line.Length--;
        }

        return _line.ToString();
    }
}
