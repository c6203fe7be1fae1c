using System.Text;
using Tidings.Core.Text;

namespace Tidings.Core.Topics;

/// <summary>A label and how sure the model is of it, with the whole distribution (indexed like <see cref="TopicClassifier.Labels"/>).</summary>
public sealed record TopicPrediction(string Label, double Confidence, IReadOnlyList<double> Probabilities);

/// <summary>
/// A text classifier learned from the site's own archive (articles that have a channel): complement naive Bayes and
/// softmax regression over the same features — segmented words, Chinese characters and character pairs — whose
/// probabilities are averaged (geometric mean). On the NLPCC headline halves naive Bayes alone labels 0.72, the
/// regression 0.71, the pair 0.73 (see bench/RESULTS.md): the two make different mistakes.
/// </summary>
public sealed class TopicClassifier
{
    private const int FormatVersion = 1;

    private readonly string[] _labels;
    private readonly Dictionary<string, int> _features;
    private readonly float[] _bayes;
    private readonly float[] _bayesPriors;
    private readonly float[] _regression;
    private readonly float[] _regressionBias;

    private TopicClassifier(string[] labels, Dictionary<string, int> features, float[] bayes, float[] bayesPriors, float[] regression, float[] regressionBias, int documents)
    {
        _labels = labels;
        _features = features;
        _bayes = bayes;
        _bayesPriors = bayesPriors;
        _regression = regression;
        _regressionBias = regressionBias;
        Documents = documents;
    }

    public IReadOnlyList<string> Labels => _labels;

    public int Vocabulary => _features.Count;

    /// <summary>How many labelled documents the model was trained on.</summary>
    public int Documents { get; }

    /// <summary>What the model reads of a text.</summary>
    public static List<string> Features(ChineseSegmenter segmenter, string text)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(text);
        return Features(segmenter, segmenter.Cut(text));
    }

    /// <summary>
    /// What the model reads of already segmented text (<see cref="ChineseSegmenter.Cut"/> output, e.g. the stored
    /// search text): its words (stop words out), its Chinese characters and character pairs. Characters catch what
    /// segmentation splits differently (new names, rare compounds); they added two points of accuracy.
    /// </summary>
    public static List<string> Features(ChineseSegmenter segmenter, IEnumerable<string> segments)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(segments);
        var features = new List<string>();
        var han = new StringBuilder();
        foreach (var segment in segments)
        {
            if (ChineseSegmenter.IsWord(segment))
            {
                var word = segment.ToLowerInvariant();
                if (!segmenter.IsStopWord(word))
                {
                    features.Add(word);
                }
            }

            foreach (var c in segment)
            {
                if (IsHan(c))
                {
                    han.Append(c);
                    continue;
                }

                AddCharacters(features, han);
            }
        }

        AddCharacters(features, han);
        return features;
    }

    /// <param name="documents">Labelled feature lists; at least two labels.</param>
    /// <param name="alpha">Additive smoothing of the naive Bayes counts.</param>
    /// <param name="epochs">Passes of the regression over the documents.</param>
    public static TopicClassifier Train(IReadOnlyList<(string Label, IReadOnlyList<string> Features)> documents, double alpha = 1.0, int epochs = 8)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var set = new TopicTrainingSet();
        foreach (var (label, features) in documents)
        {
            set.Add(label, features);
        }

        return set.Train(alpha, epochs);
    }

    internal static TopicClassifier Train(TopicTrainingSet set, double alpha, int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        if (set.LabelIndex.Count < 2)
        {
            throw new InvalidOperationException("Training needs documents of at least two labels.");
        }

        var k = set.LabelIndex.Count;
        var v = set.FeatureIndex.Count;
        var docs = set.Documents;
        var (bayes, priors) = TrainBayes(docs, k, v, alpha);
        var (regression, bias) = TrainRegression(docs, k, v, epochs);
        var labels = set.LabelIndex.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
        return new TopicClassifier(labels, set.FeatureIndex, bayes, priors, regression, bias, docs.Count);
    }

    public TopicPrediction Predict(IReadOnlyList<string> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var k = _labels.Length;
        var bayes = _bayesPriors.Select(p => (double)p).ToArray();
        var regression = _regressionBias.Select(b => (double)b).ToArray();
        var known = new Dictionary<int, int>();
        foreach (var feature in features)
        {
            if (_features.TryGetValue(feature, out var f) && known.TryAdd(f, 1))
            {
                var row = f * k;
                for (var c = 0; c < k; c++)
                {
                    bayes[c] += _bayes[row + c];
                }
            }
        }

        var norm = known.Count == 0 ? 1 : (float)Math.Sqrt(known.Count);
        foreach (var f in known.Keys)
        {
            var row = f * k;
            for (var c = 0; c < k; c++)
            {
                regression[c] += _regression[row + c] / norm;
            }
        }

        // Geometric mean of the two posteriors: an average of log-probabilities, normalised again.
        LogSoftmax(bayes);
        LogSoftmax(regression);
        var combined = new double[k];
        for (var c = 0; c < k; c++)
        {
            combined[c] = (bayes[c] + regression[c]) / 2;
        }

        LogSoftmax(combined);
        var best = 0;
        for (var c = 0; c < k; c++)
        {
            combined[c] = Math.Exp(combined[c]);
            if (combined[c] > combined[best])
            {
                best = c;
            }
        }

        return new TopicPrediction(_labels[best], combined[best], combined);
    }

    /// <summary>The model as bytes, for storing it in the database.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(Documents);
            writer.Write(_labels.Length);
            foreach (var label in _labels)
            {
                writer.Write(label);
            }

            writer.Write(_features.Count);
            foreach (var (feature, _) in _features.OrderBy(p => p.Value))
            {
                writer.Write(feature);
            }

            foreach (var array in new[] { _bayesPriors, _regressionBias, _bayes, _regression })
            {
                foreach (var value in array)
                {
                    writer.Write(value);
                }
            }
        }

        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a model this version can read.</exception>
    public static TopicClassifier FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (reader.ReadInt32() != FormatVersion)
            {
                throw new InvalidDataException("Unknown topic model format; retrain it with `topics train`.");
            }

            var documents = reader.ReadInt32();
            var labels = new string[reader.ReadInt32()];
            for (var i = 0; i < labels.Length; i++)
            {
                labels[i] = reader.ReadString();
            }

            var count = reader.ReadInt32();
            var features = new Dictionary<string, int>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                features[reader.ReadString()] = i;
            }

            float[] Read(int n)
            {
                var values = new float[n];
                for (var i = 0; i < n; i++)
                {
                    values[i] = reader.ReadSingle();
                }

                return values;
            }

            var k = labels.Length;
            var priors = Read(k);
            var bias = Read(k);
            var bayes = Read(count * k);
            var regression = Read(count * k);
            return new TopicClassifier(labels, features, bayes, priors, regression, bias, documents);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The stored topic model is truncated; retrain it with `topics train`.", e);
        }
    }

    private static (float[] Weights, float[] Priors) TrainBayes(List<(int Label, int[] Features)> docs, int k, int v, double alpha)
    {
        var counts = new double[v * k];
        var totals = new double[k];
        var perLabel = new int[k];
        foreach (var (label, features) in docs)
        {
            perLabel[label]++;
            foreach (var f in features)
            {
                counts[(f * k) + label]++;
            }

            totals[label] += features.Length;
        }

        // Complement naive Bayes: a label is scored by how badly the other labels explain the text. Estimates from
        // all other labels are far steadier than from one label's few short documents.
        var grand = totals.Sum();
        var weights = new float[v * k];
        for (var f = 0; f < v; f++)
        {
            var featureTotal = 0.0;
            for (var c = 0; c < k; c++)
            {
                featureTotal += counts[(f * k) + c];
            }

            for (var c = 0; c < k; c++)
            {
                weights[(f * k) + c] = (float)-Math.Log((featureTotal - counts[(f * k) + c] + alpha) / (grand - totals[c] + (alpha * v)));
            }
        }

        return (weights, perLabel.Select(n => (float)Math.Log((double)Math.Max(n, 1) / docs.Count)).ToArray());
    }

    /// <summary>
    /// Multinomial logistic regression over binary, length-normalised features, trained by AdaGrad with L2
    /// regularisation; a fixed seed keeps training deterministic.
    /// </summary>
    private static (float[] Weights, float[] Bias) TrainRegression(List<(int Label, int[] Features)> docs, int k, int v, int epochs)
    {
        const double rate = 0.2, lambda = 1e-3;
        var weights = new float[v * k];
        var squares = new float[v * k];
        var bias = new double[k];
        var biasSquares = new double[k];
        var order = Enumerable.Range(0, docs.Count).ToArray();
        var random = new Random(20261124);
        var p = new double[k];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var d in order)
            {
                var (label, features) = docs[d];
                var x = features.Length == 0 ? 0 : 1 / Math.Sqrt(features.Length);
                for (var c = 0; c < k; c++)
                {
                    var s = bias[c];
                    foreach (var f in features)
                    {
                        s += weights[(f * k) + c] * x;
                    }

                    p[c] = s;
                }

                LogSoftmax(p);
                for (var c = 0; c < k; c++)
                {
                    var g = Math.Exp(p[c]) - (c == label ? 1 : 0);
                    biasSquares[c] += g * g;
                    bias[c] -= rate * g / Math.Sqrt(biasSquares[c] + 1e-6);
                    foreach (var f in features)
                    {
                        var w = (f * k) + c;
                        var gw = (g * x) + (lambda * weights[w]);
                        squares[w] += (float)(gw * gw);
                        weights[w] -= (float)(rate * gw / Math.Sqrt(squares[w] + 1e-6));
                    }
                }
            }
        }

        return (weights, bias.Select(b => (float)b).ToArray());
    }

    private static void LogSoftmax(double[] scores)
    {
        var max = scores.Max();
        var sum = scores.Sum(s => Math.Exp(s - max));
        var log = max + Math.Log(sum);
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] -= log;
        }
    }

    private static void AddCharacters(List<string> features, StringBuilder han)
    {
        for (var i = 0; i < han.Length; i++)
        {
            features.Add(string.Concat("\u0002", han[i].ToString()));
            if (i + 1 < han.Length)
            {
                features.Add(string.Concat("\u0001", han[i].ToString(), han[i + 1].ToString()));
            }
        }

        han.Clear();
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';
}

/// <summary>
/// Labelled documents for training, with features interned to integers as they arrive: the archive streams in
/// without ever holding its feature strings (100k articles as strings took 1.9 GB).
/// </summary>
public sealed class TopicTrainingSet
{
    internal Dictionary<string, int> LabelIndex { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, int> FeatureIndex { get; } = new(StringComparer.Ordinal);

    internal List<(int Label, int[] Features)> Documents { get; } = [];

    public int Count => Documents.Count;

    public int LabelCount => LabelIndex.Count;

    /// <summary>Adds a document; features count by presence (a title repeated in the summary must not count twice).</summary>
    public void Add(string label, IEnumerable<string> features)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(features);
        if (!LabelIndex.TryGetValue(label, out var c))
        {
            c = LabelIndex[label] = LabelIndex.Count;
        }

        var ids = new HashSet<int>();
        foreach (var feature in features)
        {
            if (!FeatureIndex.TryGetValue(feature, out var f))
            {
                f = FeatureIndex[feature] = FeatureIndex.Count;
            }

            ids.Add(f);
        }

        Documents.Add((c, [.. ids]));
    }

    /// <param name="alpha">Additive smoothing of the naive Bayes counts.</param>
    /// <param name="epochs">Passes of the regression over the documents.</param>
    public TopicClassifier Train(double alpha = 1.0, int epochs = 8) => TopicClassifier.Train(this, alpha, epochs);
}
