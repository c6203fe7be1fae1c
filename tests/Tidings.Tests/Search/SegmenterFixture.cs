using Tidings.Core.Text;

namespace Tidings.Tests.Search;

/// <summary>jieba loads a 20 MB dictionary; one segmenter serves every test in the collection.</summary>
public sealed class SegmenterFixture : IDisposable
{
    public ChineseSegmenter Segmenter { get; } = new();

    public void Dispose() => Segmenter.Dispose();
}
