using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tidings.Core.Text;
using Tidings.Core.Topics;

namespace Tidings.Web.Features.Cli;

/// <summary>
/// `eval topics`: channel-suggestion accuracy of the topic classifier on a labelled TSV (category, title): trained on
/// one half (even rows), tested on the other (odd rows). No database involved.
/// </summary>
internal static class EvalTopicsCommand
{
    public static Command Create()
    {
        var corpus = new Option<FileInfo>("--corpus") { Description = "TSV with a header holding category and title columns, or import JSONL (channel, title).", Required = true };
        var alpha = new Option<double>("--alpha") { Description = "Smoothing of the naive Bayes model.", DefaultValueFactory = _ => 1.0 };
        var topics = new Command("topics", "Topic classifier accuracy: train on half of a labelled corpus, label the other half.");
        topics.Options.Add(corpus);
        topics.Options.Add(alpha);
        topics.SetAction(parse =>
        {
            var file = parse.GetValue(corpus)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"error: corpus not found: {file.FullName}");
                return 2;
            }

            var rows = EvalCorpus.Read(file).Where(r => !string.IsNullOrEmpty(r.Category)).ToList();
            using var segmenter = new ChineseSegmenter();
            var features = rows.Select(r => TopicClassifier.Features(segmenter, r.Title)).ToList();

            var before = GC.GetTotalMemory(forceFullCollection: true);
            var clock = Stopwatch.StartNew();
            var model = TopicClassifier.Train(
                [.. Enumerable.Range(0, rows.Count).Where(i => i % 2 == 0).Select(i => (rows[i].Category!, (IReadOnlyList<string>)features[i]))],
                parse.GetValue(alpha));
            var trainMs = clock.Elapsed.TotalMilliseconds;
            var memory = GC.GetTotalMemory(forceFullCollection: true) - before;

            int tested = 0, correct = 0;
            for (var i = 1; i < rows.Count; i += 2)
            {
                tested++;
                if (model.Predict(features[i]).Label == rows[i].Category)
                {
                    correct++;
                }
            }

            GC.KeepAlive(model);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                trained on {(rows.Count + 1) / 2:N0} documents ({model.Labels.Count} labels, {model.Vocabulary:N0} features) in {trainMs:F0} ms, model ≈ {memory / 1_048_576.0:F1} MB
                labelled {tested:N0} documents: accuracy {(double)correct / Math.Max(1, tested):F4}
                """));
            return 0;
        });
        return topics;
    }
}
