using Tidings.Core.Topics;
using Tidings.Tests.Search;

namespace Tidings.Tests.Topics;

public sealed class TopicClassifierTests(SegmenterFixture fixture) : IClassFixture<SegmenterFixture>
{
    private List<string> F(string text) => TopicClassifier.Features(fixture.Segmenter, text);

    private TopicClassifier Model() => TopicClassifier.Train(
    [
        ("sports", F("球队主场三比一获胜，前锋梅开二度")),
        ("sports", F("篮球联赛季后赛今晚开打，主教练谈战术")),
        ("sports", F("马拉松比赛报名开启，跑者热情高涨")),
        ("finance", F("央行降准释放流动性，股市指数上涨")),
        ("finance", F("基金经理谈投资，债券收益率下行")),
        ("finance", F("上市公司发布年报，营收利润双增长")),
    ]);

    [Fact]
    public void Predict_UnseenTextsOfEachTopic_GetTheirLabel()
    {
        var model = Model();
        Assert.Equal("sports", model.Predict(F("前锋在比赛中打进关键进球，球队获胜")).Label);
        Assert.Equal("finance", model.Predict(F("投资者关注股市和基金收益")).Label);
    }

    [Fact]
    public void Predict_Confidence_IsAProbability_AndLowWhenNothingIsKnown()
    {
        var model = Model();
        var sure = model.Predict(F("球队比赛获胜，前锋进球")).Confidence;
        var unsure = model.Predict(F("完全无关的陌生词汇")).Confidence;
        Assert.InRange(sure, 0.9, 1.0);
        Assert.InRange(unsure, 0.0, 0.75);
    }

    [Fact]
    public void Features_IncludeWordsChineseCharactersAndCharacterPairs()
    {
        var features = F("新能源汽车");
        Assert.Contains("新能源", features);
        Assert.Contains("\u0001能源", features);
        Assert.Contains("\u0002车", features);
    }

    [Fact]
    public void Features_FromStoredSegments_EqualFeaturesFromText()
    {
        const string text = "新能源汽车销量创新高，ＡＩ芯片需求旺盛";
        Assert.Equal(F(text), TopicClassifier.Features(fixture.Segmenter, fixture.Segmenter.Cut(text).ToList()));
    }

    [Fact]
    public void Model_StoredAndReadBack_PredictsTheSame()
    {
        var model = Model();
        var copy = TopicClassifier.FromBytes(model.ToBytes());
        var features = F("前锋在比赛中打进关键进球");
        Assert.Equal(model.Labels, copy.Labels);
        Assert.Equal(model.Documents, copy.Documents);
        Assert.Equal(model.Predict(features).Probabilities, copy.Predict(features).Probabilities);
    }

    [Fact]
    public void FromBytes_Garbage_IsRefusedWithAClearError()
    {
        var bytes = Model().ToBytes();
        Assert.Throws<InvalidDataException>(() => TopicClassifier.FromBytes(bytes[..40]));
        Assert.Throws<InvalidDataException>(() => TopicClassifier.FromBytes([9, 0, 0, 0]));
    }

    [Fact]
    public void Train_OneLabel_IsRefused() =>
        Assert.Throws<InvalidOperationException>(() => TopicClassifier.Train([("a", F("一")), ("a", F("二"))]));

    [Fact]
    public void Predict_HeadlineAndBodyDisagree_TheHeadlineWeighsMore()
    {
        var model = Model();
        var text = new TopicText(F("球队比赛获胜"), F("股市基金上涨"));
        Assert.Equal("sports", model.Predict(text).Label);
        Assert.Equal("finance", model.Predict(new TopicText(F("股市基金上涨"), F("球队比赛获胜"))).Label);
    }

    [Fact]
    public void Predict_ABodyAddsSignal_WhenTheHeadlineSaysLittle()
    {
        var model = Model();
        var bare = model.Predict(F("今天的消息"));
        var withBody = model.Predict(new TopicText(F("今天的消息"), F("球队主场获胜，前锋进球，联赛比赛")));
        Assert.Equal("sports", withBody.Label);
        Assert.True(withBody.Confidence > bare.Probabilities[model.Labels.ToList().IndexOf("sports")]);
    }

    [Fact]
    public void Train_BodyWeightOutsideZeroToOne_IsRefused()
    {
        var set = new TopicTrainingSet();
        set.Add("a", F("球队"));
        set.Add("b", F("股市"));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Train(bodyWeight: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Train(bodyWeight: -0.1));
    }

    [Fact]
    public void FromBytes_AModelOfThePreviousFormat_IsStillReadAndUsed()
    {
        // Format 1 (naive Bayes + softmax regression), as stored before the SVM: two labels, two features.
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(1);
            writer.Write(2);
            writer.Write(2);
            writer.Write("sports");
            writer.Write("finance");
            writer.Write(2);
            writer.Write("球队");
            writer.Write("股市");
            float[] values =
            [
                -0.7f, -0.7f, // priors
                0f, 0f, // regression bias
                2f, -2f, -2f, 2f, // bayes: 球队 → sports, 股市 → finance
                1f, -1f, -1f, 1f, // regression
            ];
            foreach (var value in values)
            {
                writer.Write(value);
            }
        }

        var model = TopicClassifier.FromBytes(stream.ToArray());
        Assert.Equal("sports", model.Predict(["球队"]).Label);
        Assert.Equal("finance", model.Predict(new TopicText([], ["股市"])).Label);
        Assert.Equal(model.Predict(["股市"]).Probabilities, TopicClassifier.FromBytes(model.ToBytes()).Predict(["股市"]).Probabilities);
    }
}
