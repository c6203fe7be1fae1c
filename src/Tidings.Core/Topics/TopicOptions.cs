namespace Tidings.Core.Topics;

/// <summary>Automatic channels (configuration section Tidings:Topics).</summary>
public sealed class TopicOptions
{
    /// <summary>An article without a channel gets the suggested one when the model is at least this sure (0–1).</summary>
    public double AssignAtConfidence { get; set; } = 0.8;

    /// <summary>Retrain when the labelled archive has grown by this share since the last training (0.2 = 20 %).</summary>
    public double RetrainAfterGrowth { get; set; } = 0.2;

    /// <summary>No model is trained from fewer labelled articles than this.</summary>
    public int MinimumDocuments { get; set; } = 20;
}
