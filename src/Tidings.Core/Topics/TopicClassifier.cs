using Tidings.Core.Text;

namespace Tidings.Core.Topics;

/// <summary>
/// A complement naive Bayes text classifier over segmented words and character bigrams, learned from the site's own
/// archive (articles that have a channel). Small and fast: training is one counting pass, prediction one sum per
/// feature; the model is a table of log-probabilities.
/// </summary>
public sealed class TopicClassifier
{
    private readonly string[] _labels;
    private readonly double[] _logPriors;
    private readonly Dictionary<string, float[]> _logLikelihoods;

    private TopicClassifier(string[] labels, double[] logPriors, Dictionary<string, float[]> logLikelihoods)
    {
        _labels = labels;
        _logPriors = logPriors;
        _logLikelihoods = logLikelihoods;
    }

    public IReadOnlyList<string> Labels => _labels;

    public int Vocabulary => _logLikelihoods.Count;

    /// <summary>What the model reads of a text: its words (stop words out) and its Chinese character pairs.</summary>
    public static List<string> Features(ChineseSegmenter segmenter, string text)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(text);
        var features = segmenter.Words(text).Where(w => !segmenter.IsStopWord(w)).ToList();
        var folded = ChineseSegmenter.Fold(text);
        for (var i = 0; i + 1 < folded.Length; i++)
        {
            // Character bigrams catch what segmentation splits differently (new names, rare compounds).
            if (IsHan(folded[i]) && IsHan(folded[i + 1]))
            {
                features.Add(string.Concat("\u0001", folded.AsSpan(i, 2)));
            }
        }

        return features;
    }

    /// <param name="alpha">Additive (Laplace/Lidstone) smoothing; below 1 trusts observed counts more.</param>
    public static TopicClassifier Train(IEnumerable<(string Label, IReadOnlyList<string> Features)> documents, double alpha = 1.0)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        var labelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new Dictionary<string, List<float>>(StringComparer.Ordinal);
        var docs = new List<int>();
        var totals = new List<double>();
        foreach (var (label, features) in documents)
        {
            if (!labelIndex.TryGetValue(label, out var c))
            {
                c = labelIndex[label] = labelIndex.Count;
                docs.Add(0);
                totals.Add(0);
            }

            docs[c]++;
            foreach (var feature in features)
            {
                if (!counts.TryGetValue(feature, out var row))
                {
                    row = counts[feature] = [];
                }

                while (row.Count <= c)
                {
                    row.Add(0);
                }

                row[c]++;
                totals[c]++;
            }
        }

        if (labelIndex.Count < 2)
        {
            throw new InvalidOperationException("Training needs documents of at least two labels.");
        }

        var labels = labelIndex.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
        var documentCount = docs.Sum();
        var logPriors = docs.Select(d => Math.Log((double)d / documentCount)).ToArray();
        var vocabulary = counts.Count;
        var grandTotal = totals.Sum();

        // Complement naive Bayes: a class is scored by how badly the other classes explain the text. Estimates from
        // all other classes are far steadier than from one class's few short documents, which is what hurts plain
        // naive Bayes on headlines.
        var logLikelihoods = new Dictionary<string, float[]>(counts.Count, StringComparer.Ordinal);
        foreach (var (feature, row) in counts)
        {
            var featureTotal = row.Sum();
            var logs = new float[labels.Length];
            for (var c = 0; c < labels.Length; c++)
            {
                var count = c < row.Count ? row[c] : 0;
                logs[c] = (float)-Math.Log((featureTotal - count + alpha) / (grandTotal - totals[c] + (alpha * vocabulary)));
            }

            logLikelihoods[feature] = logs;
        }

        return new TopicClassifier(labels, logPriors, logLikelihoods);
    }

    /// <summary>The most likely label and its posterior probability (0–1), computed over features the model knows.</summary>
    public (string Label, double Confidence) Predict(IReadOnlyList<string> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var scores = (double[])_logPriors.Clone();
        foreach (var feature in features)
        {
            if (_logLikelihoods.TryGetValue(feature, out var logs))
            {
                for (var c = 0; c < scores.Length; c++)
                {
                    scores[c] += logs[c];
                }
            }
        }

        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        // Softmax relative to the best score keeps the exponentials in range.
        var sum = scores.Sum(s => Math.Exp(s - scores[best]));
        return (_labels[best], 1.0 / sum);
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';
}
