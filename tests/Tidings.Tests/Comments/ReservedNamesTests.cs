using Tidings.Core.Comments;
using Tidings.Core.Text;

namespace Tidings.Tests.Comments;

public sealed class ReservedNamesTests
{
    private static readonly ReservedNames Names = new("潮讯网", ["陈编辑", "潮讯财经", "Laozhou Talks"], new SensitiveTextNormalizer(new Dictionary<char, char> { ['陳'] = '陈', ['編'] = '编', ['輯'] = '辑' }));

    [Theory]
    [InlineData("潮讯网", "潮讯网")]
    [InlineData("潮讯网官方", "潮讯网")]
    [InlineData("小编@潮 讯 网", "潮讯网")]
    [InlineData("陈编辑", "陈编辑")]
    [InlineData("陈 编 辑", "陈编辑")]
    [InlineData("陳編輯", "陈编辑")]
    [InlineData("潮讯财经", "潮讯财经")]
    [InlineData("ＬＡＯＺＨＯＵ　talks", "Laozhou Talks")]
    [InlineData("laozhou.talks", "Laozhou Talks")]
    public void Imitates_SiteStaffAndSourceNames_InDisguise(string nickname, string expected) =>
        Assert.Equal(expected, Names.Imitates(nickname));

    [Theory]
    [InlineData("泉城老读者")]
    [InlineData("陈编辑的读者")]
    [InlineData("潮讯")]
    [InlineData("")]
    [InlineData("   ")]
    public void Imitates_OrdinaryNicknames_AreFree(string nickname) =>
        Assert.Null(Names.Imitates(nickname));
}
