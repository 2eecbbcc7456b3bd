namespace LastFmMf.Training;

/// <summary>What early stopping watches and what chooses the kept model.</summary>
public enum StopMetric
{
    /// <summary>ValidationRmse for an objective that predicts its targets (Squared), else ValidationNdcg.</summary>
    Auto,
    /// <summary>RMSE on the validation hold-out (lower is better); only for an objective that predicts its targets.</summary>
    ValidationRmse,
    /// <summary>NDCG@10 on the validation hold-out, candidates all artists outside the user's fit listens (higher is better).</summary>
    ValidationNdcg,
}
