using System.Globalization;
using LastFmMf.Data;
using LastFmMf.Persistence;
using LastFmMf.Ranking;
using LastFmMf.Splitting;
using LastFmMf.Tests.Support;
using LastFmMf.Tests.Training;
using LastFmMf.Training;
using Xunit;

namespace LastFmMf.Tests.Persistence;

/// <summary>
/// Model files written by main 09685f3, before objectives had their own settings (format version 1): k = 8, Epochs 6,
/// Seed 3, ThreadCount 1, each objective's defaults otherwise, trained on the bundled sample split PerUser 0.2 seed 42.
/// Each .recs.csv holds the top 5 for users 2 and 3, then the top 5 for a fold-in listener of artists {1: 10 plays,
/// 6: 3 plays} (UserId empty). They must still load, recommend the same, and be reproduced by training anew.
/// </summary>
public class LegacyFixtureTests
{
    private static string Fixture(string name) =>
        Path.Combine(RepoRoot.Path, "tests", "LastFmMf.Core.Tests", "Persistence", "Fixtures", name);

    public static TheoryData<string, string, int, int> Files => new()
    {
        // objective, file stem, epochs run and epoch kept as version 1 recorded them (only the kept epoch: both are it)
        { "Squared", "squared", 6, 6 },
        { "Bpr", "bpr", 5, 5 },
        { "Implicit", "implicit", 6, 6 },
    };

    private sealed record Row(int? UserId, int Rank, int ArtistId, double Score);

    private static Row[] Csv(string stem, string commit = "09685f3")
    {
        var lines = File.ReadAllLines(Fixture($"main-{commit}-{stem}.recs.csv"));
        Assert.Equal("\"UserId\",\"Rank\",\"ArtistId\",\"Score\"", lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var f = l.Split(',').Select(x => x.Trim('"')).ToArray();
            return new Row(f[0].Length == 0 ? null : int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture),
                int.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture));
        }).ToArray();
    }

    private static Hyperparameters Settings(string objective)
    {
        var hp = Hyperparameters.DefaultsFor(objective) with { Factors = 8, Epochs = 6, Seed = 3, ThreadCount = 1 };
        // Implicit solved every row exactly then, and SGD walked each pair at a random place; the files have no Solver and
        // no Order, which read as Cholesky and Shuffled (SettingAttribute.WhenAbsent).
        return hp with
        {
            Objective = hp.Objective switch
            {
                ImplicitSettings s => s with { Solver = ImplicitSolver.Cholesky },
                SquaredSettings s => s with { Order = SgdOrder.Shuffled },
                BprSettings s => s with { Order = SgdOrder.Shuffled },
                var other => other,
            },
        };
    }

    private static SavedModel Load(string stem)
    {
        var path = Fixture($"main-09685f3-{stem}.lfmf");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(1, BitConverter.ToUInt16(bytes, 8)); // the fixture really is a version-1 file
        return ModelFile.Read(path);
    }

    private static Row[] UserRows(FactorModel m) =>
        Recommender.ForUsers(m, [m.Users.IndexOf(2), m.Users.IndexOf(3)], new RecommendOptions(Top: 5, ThreadCount: 1))
            .Select(r => new Row(r.UserId, r.Rank, r.ArtistId, r.Score)).ToArray();

    private static Row[] ListenerRows(FactorModel m)
    {
        var f = FoldIn.Solve(m, [(m.ArtistIds.IndexOf(1), 10.0), (m.ArtistIds.IndexOf(6), 3.0)]);
        // The model alone: a freshly trained model carries friends and tags (a file does not), and the cold-start blend
        // would rank this two-listen listener by them; the fixtures pin the model's own fold-in and scores.
        return Recommender.ForListener(m, f, new RecommendOptions(Top: 5, Social: false)).Select(r => new Row(r.UserId, r.Rank, r.ArtistId, r.Score)).ToArray();
    }

    private static void Same(IReadOnlyList<Row> expected, IReadOnlyList<Row> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].UserId, actual[i].UserId);
            Assert.Equal(expected[i].Rank, actual[i].Rank);
            Assert.Equal(expected[i].ArtistId, actual[i].ArtistId);
            // Scores are floats; the CSV holds them exactly (as the double of the float).
            Assert.Equal((float)expected[i].Score, (float)actual[i].Score);
            Assert.Equal(expected[i].Score, actual[i].Score);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_version_1_file_still_imports_with_its_objective_settings_and_epochs(string objective, string stem, int epochsRun, int bestEpoch)
    {
        var saved = Load(stem);
        var m = saved.Model;
        Assert.Equal(objective, m.Objective);
        Assert.Equal(objective, m.Name);
        Assert.Equal((8, 300, 400), (m.Factors, m.UserCount, m.ArtistCount));
        var origin = saved.Origin!;
        Assert.Same(m.Origin, origin);
        Assert.Equal(epochsRun, origin.EpochsRun);
        Assert.Equal(bestEpoch, origin.BestEpoch);
        Assert.Equal(6799, origin.FitPairs); // version 1 kept the training listens' count
        Assert.Null(origin.ArtistWeights);
        // Only the settings the objective reads were kept from the flat record; they are the objective's defaults here.
        Assert.Equal(Settings(objective), origin.Hyperparameters);
        Assert.Equal(Settings(objective).Columns(), origin.Hyperparameters.Columns());
        Assert.Equal(objective != "Implicit", m.UseBiases);
        Assert.NotNull(m.Listened);
        Assert.NotNull(m.ArtistTopTags);
        // Saved again it becomes a file of the current version with the same origin.
        var bytes = ModelFile.Serialize(saved);
        Assert.Equal(ModelFile.FormatVersion, BitConverter.ToUInt16(bytes, 8));
        var back = ModelFile.Deserialize(bytes, "v2.lfmf");
        Assert.Equal(origin.Columns(), back.Origin!.Columns());
        Assert.True(Bits.SameModel(m, back.Model));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_version_1_file_recommends_what_it_did_for_users_2_and_3(string objective, string stem, int epochsRun, int bestEpoch)
    {
        _ = (objective, epochsRun, bestEpoch);
        var expected = Csv(stem);
        Assert.Equal(15, expected.Length);
        Same(expected.Take(10).ToArray(), UserRows(Load(stem).Model));
    }

    [Theory]
    [InlineData("squared")]
    [InlineData("implicit")]
    public void A_version_1_file_folds_in_a_new_listener_as_it_did(string stem)
    {
        var expected = Csv(stem).Skip(10).ToArray();
        Assert.All(expected, r => Assert.Null(r.UserId));
        Same(expected, ListenerRows(Load(stem).Model));
    }

    [Fact]
    public void A_version_1_bpr_file_folds_in_by_the_bpr_loss_now()
    {
        // Main folded Bpr models in by the squared solve; the Bpr objective now has its own (BprFoldIn), so these rows changed.
        var expected = Csv("bpr").Skip(10).ToArray();
        var m = Load("bpr").Model;
        var rows = ListenerRows(m);
        Assert.Equal(5, rows.Length);
        Assert.All(rows, r => Assert.Null(r.UserId));
        Assert.NotEqual(expected.Select(r => r.Score), rows.Select(r => r.Score));
        // Neither listened artist is recommended back, and the solve is deterministic.
        Assert.DoesNotContain(rows, r => r.ArtistId is 1 or 6);
        Assert.Equal(rows, ListenerRows(m));
    }

    private static readonly Lazy<DataSplit> Sample = new(() =>
        Splitter.PerUser(HetrecReader.Read(Path.Combine(RepoRoot.Path, "data", "sample")), 0.2, seed: 42));

    [Theory]
    [MemberData(nameof(Files))]
    public void Training_anew_with_the_same_settings_reproduces_the_file_bit_for_bit(string objective, string stem, int epochsRun, int bestEpoch)
    {
        _ = epochsRun;
        var run = Trainer.Train(Sample.Value, Settings(objective));
        var old = Load(stem).Model;
        Assert.Equal(6, run.EpochsRun);
        Assert.Equal(bestEpoch, run.BestEpoch);
        Assert.True(Bits.SameModel(old, run.Model), $"{objective}: the retrained factors differ from main 09685f3's");
        Assert.Equal(old.GlobalMean, run.Model.GlobalMean);
        Assert.Equal(old.Transform, run.Model.Transform);
        var csv = Csv(stem);
        Same(csv.Take(10).ToArray(), UserRows(run.Model));
        if (objective != "Bpr") Same(csv.Skip(10).ToArray(), ListenerRows(run.Model));
    }

    [Fact]
    public void A_version_2_file_reads_its_plays_as_the_whole_counts_they_were_and_recommends_as_it_did()
    {
        // Written by main 86d98f9 (format version 2, plays as float32): the default objective, k = 8, Epochs 6, Seed 3,
        // ThreadCount 1, on the bundled sample split PerUser 0.2 seed 42; the .recs.csv as for the version-1 files.
        var path = Fixture("main-86d98f9-preference.lfmf");
        Assert.Equal(2, BitConverter.ToUInt16(File.ReadAllBytes(path), 8));
        var saved = ModelFile.Read(path);
        var m = saved.Model;
        Assert.Equal("Preference", m.Objective);
        var split = Splitter.PerUser(HetrecReader.Read(Path.Combine(RepoRoot.Path, "data", "sample")), 0.2, 42);
        var train = split.Train.Listens;
        for (int u = 0; u < train.UserCount; u++)
            Assert.Equal(train.GetPlays(u), m.Listened!.GetPlays(m.Users.IndexOf(split.Train.Users.IdOf(u))));
        var expected = Csv("preference", "86d98f9");
        Assert.Equal(15, expected.Length);
        Same(expected.Take(10).ToArray(), UserRows(m));
        Same(expected.Skip(10).ToArray(), ListenerRows(m));
        // Saved again, the plays are int32 (version 3) and come back the same.
        var bytes = ModelFile.Serialize(saved);
        Assert.Equal(3, BitConverter.ToUInt16(bytes, 8));
        Assert.True(Bits.SameModel(m, ModelFile.Deserialize(bytes, "v3.lfmf").Model));
    }
}
