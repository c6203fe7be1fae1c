namespace Tidings.Web.Features.Comments;

/// <summary>
/// What a new site starts with in its data directory: spam and fraud phrases common in Chinese comment sections,
/// for the operator to extend. Editing the files takes effect within seconds.
/// </summary>
internal static class StarterLists
{
    public const string Banned = """
        # 禁用词：跟贴含有其中任一词语时直接拒绝，并提示读者。一行一个词，# 开头为注释。
        # 匹配前会统一全角半角、大小写、繁简（见 variants.txt），并忽略夹在字之间的空格、标点和零宽字符。
        代开发票
        办证刻章
        出售银行卡
        收购银行卡
        网络赌场
        赌博网站
        刷单返利
        裸聊
        迷药出售
        枪支出售
        """;

    public const string Suspect = """
        # 可疑词：跟贴含有其中任一词语时进入人工审核，审核通过后才显示。一行一个词，# 开头为注释。
        加微信
        加vx
        加v信
        加qq
        私聊我
        兼职日结
        稳赚不赔
        免费领取
        贷款秒批
        点击链接
        """;

    public const string Variants = """
        # 异体字表：每行“异体字 规范字”，前一部分的每个字都会当作后一个字来匹配，例如“發髮 发”。
        發髮 发
        開 开
        證 证
        辦 办
        賭 赌
        場 场
        網 网
        銀 银
        賣 卖
        買 买
        貸 贷
        錢 钱
        領 领
        點 点
        擊 击
        連 连
        結 结
        穩 稳
        賺 赚
        單 单
        聯 联
        係 系
        繫 系
        槍 枪
        費 费
        """;

    public const string Regions = """
        # IP属地表：每行“网段 地区”，网段写作 CIDR（203.0.113.0/24）或起止地址（203.0.113.0-203.0.113.255）。
        # 网段不能重叠。在这里填入运营方自己的地址库；查不到的地址不显示属地。
        127.0.0.0/8 本机
        ::1/128 本机
        10.0.0.0/8 局域网
        172.16.0.0/12 局域网
        192.168.0.0/16 局域网
        """;
}
