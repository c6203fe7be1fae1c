using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tidings.Core.Search;
using Tidings.Core.Text;
using Tidings.Core.Topics;

namespace Tidings.Web.Features.Cli;

/// <summary>
/// `eval topics`: channel-suggestion accuracy of the topic classifier on a labelled corpus (TSV with category and
/// title, or JSONL with channel, title and a body): by default trained on one half (even rows) and tested on the
/// other (odd rows); `--folds N` cross-validates instead (for small corpora such as the demo's). A corpus with bodies
/// is measured twice, headlines only and with the body read as the product reads it. No database involved.
/// </summary>
internal static class EvalTopicsCommand
{
    public static Command Create()
    {
        var corpus = new Option<FileInfo>("--corpus") { Description = "TSV with a header holding category and title columns, or JSONL (channel, title, body or paragraphs).", Required = true };
        var alpha = new Option<double>("--alpha") { Description = "Smoothing of the naive Bayes model.", DefaultValueFactory = _ => 1.0 };
        var bodyWeight = new Option<double>("--body-weight") { Description = "How much a body-only feature counts against a headline feature (0–1).", DefaultValueFactory = _ => TopicClassifier.DefaultBodyWeight };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds; 2 is the even/odd split.", DefaultValueFactory = _ => 2 };
        var topics = new Command("topics", "Topic classifier accuracy: train on part of a labelled corpus, label the rest.");
        topics.Options.Add(corpus);
        topics.Options.Add(alpha);
        topics.Options.Add(bodyWeight);
        topics.Options.Add(folds);
        topics.SetAction(parse =>
        {
            var file = parse.GetValue(corpus)!;
            var weight = parse.GetValue(bodyWeight);
            var foldCount = parse.GetValue(folds);
            if (!file.Exists)
            {
                Console.Error.WriteLine($"error: corpus not found: {file.FullName}");
                return 2;
            }

            if (weight is < 0 or > 1 || foldCount < 2 || parse.GetValue(alpha) <= 0)
            {
                Console.Error.WriteLine("error: --body-weight must be within 0–1, --folds at least 2 and --alpha positive.");
                return 2;
            }

            var rows = EvalCorpus.Read(file).Where(r => !string.IsNullOrEmpty(r.Category)).ToList();
            using var segmenter = new ChineseSegmenter();
            var builder = new SearchTextBuilder(segmenter);
            var reader = new TopicModels(segmenter, new TopicOptions(), TimeProvider.System);

            // The product's path: the stored search text (title; summary and body segmented), read by FeaturesOf.
            var texts = rows.Select(r =>
            {
                var stored = builder.Build(r.Title, string.Empty, r.Body ?? string.Empty, string.Empty, []);
                return reader.FeaturesOf(stored.Title, stored.Body);
            }).ToList();
            var headlines = texts.Select(t => TopicText.Headline(t.Title)).ToList();

            var measured = new List<(string Name, IReadOnlyList<TopicText> Texts)> { ("headline only", headlines) };
            if (rows.Any(r => !string.IsNullOrWhiteSpace(r.Body)))
            {
                measured.Add((string.Create(CultureInfo.InvariantCulture, $"headline and body (body weight {weight:0.##})"), texts));
            }

            foreach (var (name, inputs) in measured)
            {
                int tested = 0, correct = 0;
                var trainMs = 0.0;
                TopicClassifier? last = null;
                for (var fold = foldCount == 2 ? 1 : 0; fold < foldCount; fold++)
                {
                    var set = new TopicTrainingSet();
                    for (var i = 0; i < rows.Count; i++)
                    {
                        if (i % foldCount != fold)
                        {
                            set.Add(rows[i].Category!, inputs[i]);
                        }
                    }

                    var clock = Stopwatch.StartNew();
                    last = set.Train(parse.GetValue(alpha), weight);
                    trainMs += clock.Elapsed.TotalMilliseconds;
                    for (var i = fold; i < rows.Count; i += foldCount)
                    {
                        tested++;
                        correct += last.Predict(inputs[i]).Label == rows[i].Category ? 1 : 0;
                    }
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: trained on {last!.Documents:N0} documents ({last.Labels.Count} labels, {last.Vocabulary:N0} features) in {trainMs / (foldCount == 2 ? 1 : foldCount):F0} ms; labelled {tested:N0}: accuracy {(double)correct / Math.Max(1, tested):F4}"));
            }

            return 0;
        });
        return topics;
    }
}
