using Tidings.Core.Newsroom;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Newsroom;

/// <summary>
/// The 易错词 list in the data directory (newsroom/miswritten.txt, "按装 安装" a line), written with common pairs on
/// first use and reloaded when the file changes (checked at most every few seconds, on use). A broken file is logged
/// and the last good list stays in force.
/// </summary>
public sealed partial class MiswrittenList(DataDirectory data, TimeProvider time, ILogger<MiswrittenList> logger)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private MiswrittenWords _words = MiswrittenWords.Empty;
    private (DateTime, long) _stamp = (DateTime.MinValue, -2);
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    public string File => Path.Combine(data.Path, "newsroom", "miswritten.txt");

    public MiswrittenWords Words
    {
        get
        {
            var now = time.GetUtcNow();
            if (now - _checkedAt < CheckEvery)
            {
                return _words;
            }

            lock (_gate)
            {
                if (now - _checkedAt >= CheckEvery)
                {
                    Refresh();
                    _checkedAt = now;
                }

                return _words;
            }
        }
    }

    /// <summary>Makes the next use look at the file at once, whatever the interval (tests; an operator's tool after editing).</summary>
    public void CheckNow()
    {
        lock (_gate)
        {
            _checkedAt = DateTimeOffset.MinValue;
        }
    }

    private void Refresh()
    {
        try
        {
            if (!System.IO.File.Exists(File))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(File)!);
                System.IO.File.WriteAllText(File, Starter);
            }

            var info = new FileInfo(File);
            var stamp = (info.LastWriteTimeUtc, info.Length);
            if (stamp == _stamp)
            {
                return;
            }

            // Noted before parsing: a broken file is reported once, not at every check until someone fixes it.
            _stamp = stamp;
            _words = MiswrittenWords.Parse(System.IO.File.ReadAllLines(File));
            Log.Loaded(logger, _words.Count);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            Log.Broken(logger, e, File, e.Message);
        }
    }

    /// <summary>Common miswritings in news copy; the operator adds their own (house style, place names).</summary>
    private const string Starter = """
        # 易错词：每行一对，先写错的，再写对的，用空格隔开。编辑器在送审前标出文中的错写。
        # Common miswritings: "wrong right" a line. The newsroom's editor marks them in drafts.
        按装 安装
        既使 即使
        做为 作为
        再接再励 再接再厉
        迫不急待 迫不及待
        一股作气 一鼓作气
        甘败下风 甘拜下风
        滥芋充数 滥竽充数
        默守成规 墨守成规
        谈笑风声 谈笑风生
        走头无路 走投无路
        金榜提名 金榜题名
        按步就班 按部就班
        出奇不意 出其不意
        穿流不息 川流不息
        声名雀起 声名鹊起
        一愁莫展 一筹莫展
        直接了当 直截了当
        涣然一新 焕然一新
        """;

    private static partial class Log
    {
        [LoggerMessage(EventId = 2601, EventName = "MiswrittenList.Loaded", Level = LogLevel.Information, Message = "Loaded {Count} 易错词 pairs")]
        public static partial void Loaded(ILogger logger, int count);

        [LoggerMessage(EventId = 2602, EventName = "MiswrittenList.Broken", Level = LogLevel.Warning, Message = "The 易错词 list {File} cannot be read ({Reason}); the last good list stays in force")]
        public static partial void Broken(ILogger logger, Exception e, string file, string reason);
    }
}
