using LastFmMf.Data;
using LastFmMf.Evaluation;
using LastFmMf.Splitting;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;
using Xunit.Abstractions;

namespace LastFmMf.Tests.Evaluation;

/// <summary>The blend with friends and tags against the model's own fold-in, by the cold-start protocol (a metric comparison).</summary>
public class ColdStartBlendTests(ITestOutputHelper output)
{
    private static double Ndcg(IReadOnlyList<ColdStartRow> rows, int n, string scorer) => rows.Single(r => r.Revealed == n && r.Scorer == scorer).Ndcg;

    private void Print(IEnumerable<ColdStartRow> rows)
    {
        foreach (var r in rows) output.WriteLine($"n={r.Revealed} {r.Scorer,-10} NDCG@10 {r.Ndcg:F4} P@10 {r.Precision:F4} hit {r.HitRate:F4}");
    }

    /// <summary>The bundled sample plants friendships mostly inside a user's taste group (SampleOptions.FriendInGroupShare), so
    /// friends share taste; one revealed listen tells the fold-in little, and the friends a lot.</summary>
    [Fact]
    public void On_the_bundled_sample_the_blend_beats_the_fold_in_at_one_and_three_listens()
    {
        var data = HetrecReader.Read(Path.Combine(RepoRoot.Path, "data", "sample"));
        var cold = ColdStart.Prepare(Splitter.PerUser(data, 0.2, 42), 80);
        var hp = Hyperparameters.DefaultsFor("Implicit") with { Factors = 16, Epochs = 6 };
        var run = Trainer.Train(TrainingData.Create(cold.Train, null, hp), hp);
        var rows = ColdStartEvaluation.Evaluate(run.Model, cold, [1, 3], new ColdStartOptions(ThreadCount: 2));
        Print(rows);
        Assert.True(Ndcg(rows, 1, "Blend") > 1.1 * Ndcg(rows, 1, "Model"), "n = 1");
        Assert.True(Ndcg(rows, 3, "Blend") > Ndcg(rows, 3, "Model"), "n = 3");
        Assert.True(Ndcg(rows, 1, "Model") > Ndcg(rows, 1, "Random"), "the fold-in itself is better than chance");
    }

    /// <summary>The case on the real data at n = 1, with a cheap model (Implicit, k = 32, 4 sweeps) so it takes seconds.</summary>
    [SkippableFact]
    public void On_the_real_data_the_blend_beats_the_fold_in_at_one_listen()
    {
        var cold = ColdStart.Prepare(Splitter.PerUser(RealData.Dataset, 0.2, 42), 200);
        var hp = Hyperparameters.DefaultsFor("Implicit") with { Factors = 32, Epochs = 4, ThreadCount = 2 };
        var run = Trainer.Train(TrainingData.Create(cold.Train, null, hp), hp);
        var rows = ColdStartEvaluation.Evaluate(run.Model, cold, [1], new ColdStartOptions(ThreadCount: 2));
        Print(rows);
        Assert.True(Ndcg(rows, 1, "Blend") > 1.2 * Ndcg(rows, 1, "Model"), "the blend should beat the fold-in by 20 % at n = 1");
        Assert.True(Ndcg(rows, 1, "Blend") > Ndcg(rows, 1, "Popularity"), "and Popularity");
    }
}
