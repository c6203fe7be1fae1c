using Tidings.Core.Search;
using Tidings.Core.Text;

namespace Tidings.Tests.Search;

public sealed class SimHashTests(SegmenterFixture fixture) : IClassFixture<SegmenterFixture>
{
    private const string Story = """
        11月22日上午，济南东部有轨电车T1线启动空载试运行。线路全长约18公里，设站16座，连接奥体中心与孙村片区。
        运营公司负责人表示，试运行期间将重点检验信号系统、供电系统和车辆性能，预计明年上半年开通载客。
        沿线居民王女士说，以前去奥体中心要换乘两次公交，电车开通后出门方便多了。
        据介绍，T1线采用低地板有轨电车，最高时速70公里，每列车可载客约300人，车厢内设有无障碍区域和充电接口。
        为保障试运行安全，交管部门在沿线12处路口增设了电车优先信号灯，并提醒市民不要在轨道上停车或行走。
        下一步，运营方还将组织应急演练和模拟运营，邀请市民代表体验乘车，收集对站点设置和票价的意见。
        """;

    private long Fingerprint(string text) => new SearchTextBuilder(fixture.Segmenter).Fingerprint(text);

    [Fact]
    public void Reprint_WithSmallEdits_IsANearDuplicate()
    {
        // A reprint: another outlet's lead-in and one changed figure.
        var reprint = "据东岸晨报报道，" + Story.Replace("约18公里", "约18.2公里", StringComparison.Ordinal);
        Assert.InRange(SimHash.Distance(Fingerprint(Story), Fingerprint(reprint)), 0, SimHash.NearDuplicateDistance);
    }

    [Fact]
    public void DifferentStory_OnTheSameTopic_IsNot()
    {
        const string other = """
            济南东部有轨电车T1线沿线拟新开3条接驳公交线路，即日起向市民征求意见。新线路将连接孙村片区的多个居民小区，
            公交集团表示，将根据客流调整发车间隔，并在高峰时段加密班次。市民可通过官方App提交建议，征求意见为期两周。
            """;
        Assert.True(SimHash.Distance(Fingerprint(Story), Fingerprint(other)) > SimHash.NearDuplicateDistance + 5);
    }

    [Fact]
    public void ShortTexts_NeedMoreThanAFewWordsToMatch()
    {
        Assert.Equal(0, SimHash.AllowedDistance(SimHash.MinimumWordsForNearMatch - 1));
        Assert.Equal(SimHash.NearDuplicateDistance, SimHash.AllowedDistance(SimHash.MinimumWordsForNearMatch));
        var text = new SearchTextBuilder(fixture.Segmenter).Build("人活着，为了什么？", string.Empty, string.Empty, "来源", []);
        Assert.True(text.FingerprintWords < SimHash.MinimumWords);
    }

    [Fact]
    public void Bands_SplitTheFingerprintIntoFour16BitParts()
    {
        const long fingerprint = unchecked((long)0x1234_5678_9ABC_DEF0UL);
        Assert.Equal([0xDEF0, 0x9ABC, 0x5678, 0x1234], Enumerable.Range(0, 4).Select(b => SimHash.Band(fingerprint, b)));
        Assert.Equal(64, SimHash.Distance(0, -1));
    }
}
