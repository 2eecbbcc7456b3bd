namespace LastFmMf.Training;

/// <summary>
/// The names of the per-epoch measures that shared code reads from an objective's <see cref="EpochOutcome"/>: the
/// learning rate (for the divergence message, and the resume rule that a new rate restarts the decay, where it is also the
/// setting's name) and the RMSEs of an objective that predicts its targets (the validation one drives early stopping).
/// </summary>
public static class MeasureNames
{
    public const string LearningRate = "LearningRate";
    public const string TrainRmse = "TrainRmse";
    public const string ValidationRmse = "ValidationRmse";
    public const string TestRmse = "TestRmse";
}
