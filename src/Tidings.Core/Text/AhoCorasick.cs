namespace Tidings.Core.Text;

/// <summary>
/// An Aho-Corasick automaton over UTF-16 characters: finds every occurrence of any of its patterns in one pass,
/// whatever the number of patterns, with no word boundaries needed (Chinese has none). Built once, then immutable and
/// safe to share between threads.
/// </summary>
/// <remarks>
/// Layout for speed on short texts: the root's transitions are a direct table over all 65,536 characters (most steps
/// of a scan restart there); deeper nodes keep their few transitions in one flat sorted array, searched linearly.
/// </remarks>
public sealed class AhoCorasick
{
    private const int Root = 0;

    private readonly int[] _rootNext = new int[char.MaxValue + 1];
    private readonly int[] _edgeStart;
    private readonly char[] _edgeChars;
    private readonly int[] _edgeTargets;
    private readonly int[] _fail;

    /// <summary>The pattern ending at a node (the longest), or -1.</summary>
    private readonly int[] _pattern;

    /// <summary>The nearest node on the failure chain that ends a pattern, or -1: so a scan visits only real matches.</summary>
    private readonly int[] _output;

    private readonly int[] _patternLengths;

    public AhoCorasick(IReadOnlyList<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        _patternLengths = patterns.Select(p => p.Length).ToArray();

        // Build a trie with dictionaries, then compile it into arrays.
        var children = new List<Dictionary<char, int>> { new() };
        var patternAt = new List<int> { -1 };
        for (var p = 0; p < patterns.Count; p++)
        {
            var pattern = patterns[p];
            if (string.IsNullOrEmpty(pattern))
            {
                continue;
            }

            var node = Root;
            foreach (var c in pattern)
            {
                if (!children[node].TryGetValue(c, out var next))
                {
                    next = children.Count;
                    children.Add([]);
                    patternAt.Add(-1);
                    children[node][c] = next;
                }

                node = next;
            }

            // A duplicate keeps its first index, so tiers listed first win.
            if (patternAt[node] < 0)
            {
                patternAt[node] = p;
            }
        }

        var count = children.Count;
        NodeCount = count;
        _pattern = [.. patternAt];
        _fail = new int[count];
        _output = new int[count];
        _edgeStart = new int[count + 1];
        var edges = children.Sum(c => c.Count);
        _edgeChars = new char[edges];
        _edgeTargets = new int[edges];
        var e = 0;
        for (var node = 0; node < count; node++)
        {
            _edgeStart[node] = e;
            foreach (var (c, target) in children[node].OrderBy(kv => kv.Key))
            {
                _edgeChars[e] = c;
                _edgeTargets[e] = target;
                e++;
            }
        }

        _edgeStart[count] = e;
        foreach (var (c, target) in children[Root])
        {
            _rootNext[c] = target;
        }

        // Breadth first: a node's failure link is the longest proper suffix of its path that is also in the trie.
        _output[Root] = -1;
        var queue = new Queue<int>();
        foreach (var target in children[Root].Values)
        {
            _fail[target] = Root;
            _output[target] = -1;
            queue.Enqueue(target);
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (c, target) in children[node])
            {
                var f = _fail[node];
                int next;
                while ((next = Step(f, c)) < 0)
                {
                    f = _fail[f];
                }

                _fail[target] = next;
                _output[target] = _pattern[next] >= 0 ? next : _output[next];
                queue.Enqueue(target);
            }
        }
    }

    public int NodeCount { get; }

    /// <summary>
    /// Calls <paramref name="onMatch"/> with (pattern index, end index exclusive) for each occurrence, longest first
    /// at each end position; stops early when it returns false.
    /// </summary>
    public void Scan<TState>(ReadOnlySpan<char> text, ref TState state, MatchHandler<TState> onMatch)
    {
        ArgumentNullException.ThrowIfNull(onMatch);
        var node = Root;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int next;
            while ((next = Step(node, c)) < 0)
            {
                node = _fail[node];
            }

            node = next;
            var hit = _pattern[node] >= 0 ? node : _output[node];
            while (hit >= 0)
            {
                if (!onMatch(ref state, _pattern[hit], i + 1))
                {
                    return;
                }

                hit = _output[hit];
            }
        }
    }

    public int PatternLength(int pattern) => _patternLengths[pattern];

    /// <summary>The transition, or -1 when a failure link must be followed (never at the root).</summary>
    private int Step(int node, char c)
    {
        if (node == Root)
        {
            return _rootNext[c];
        }

        var end = _edgeStart[node + 1];
        for (var e = _edgeStart[node]; e < end; e++)
        {
            var edge = _edgeChars[e];
            if (edge == c)
            {
                return _edgeTargets[e];
            }

            if (edge > c)
            {
                break;
            }
        }

        return -1;
    }
}

public delegate bool MatchHandler<TState>(ref TState state, int pattern, int end);
