namespace Tidings.Core.Topics;

/// <summary>A trained <see cref="TopicClassifier"/> as stored in the database; the newest one is in use.</summary>
public sealed class TopicModelRecord
{
    public int Id { get; set; }

    public DateTime TrainedAt { get; set; }

    /// <summary>Labelled articles it learned from; retraining starts when the archive has grown by a set share.</summary>
    public int Documents { get; set; }

    public int Labels { get; set; }

    public int Vocabulary { get; set; }

    public required byte[] Data { get; set; }
}
