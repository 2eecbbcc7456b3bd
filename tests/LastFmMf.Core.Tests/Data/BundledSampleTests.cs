using LastFmMf.Data;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Data;

/// <summary>The committed data/sample is exactly what the generator makes, and the reader reads it.</summary>
public class BundledSampleTests
{
    private static string SampleFolder => Path.Combine(RepoRoot.Path, "data", "sample");

    [Fact]
    public void Committed_files_are_what_the_generator_writes_now()
    {
        using var folder = new TempFolder();
        HetrecWriter.Write(folder.Path, SampleGenerator.Generate(SampleGenerator.BundledSeed).Tables);
        foreach (var name in HetrecWriter.FileNames)
        {
            var committed = File.ReadAllBytes(Path.Combine(SampleFolder, name));
            var fresh = File.ReadAllBytes(Path.Combine(folder.Path, name));
            Assert.True(committed.AsSpan().SequenceEqual(fresh),
                $"data/sample/{name} differs from the generator's output; run 'dotnet pwsh ./build.ps1 Sample' and commit the result if the change is meant.");
        }
    }

    [Fact]
    public void The_sample_is_small_and_documented()
    {
        long bytes = HetrecWriter.FileNames.Sum(n => new FileInfo(Path.Combine(SampleFolder, n)).Length);
        Assert.InRange(bytes, 100_000, 1_000_000);
        var readme = File.ReadAllText(Path.Combine(SampleFolder, "README.md"));
        Assert.Contains(SampleGenerator.BundledSeed.ToString(System.Globalization.CultureInfo.InvariantCulture), readme);
        Assert.Contains("build.ps1 Sample", readme);
    }

    [Fact]
    public void The_reader_reads_it_with_the_expected_counts()
    {
        var sample = SampleGenerator.Generate(SampleGenerator.BundledSeed).Tables;
        var d = HetrecReader.Read(SampleFolder);
        Assert.Equal(300, d.UserCount);
        Assert.Equal(400, d.ArtistCount);
        Assert.Equal(sample.Listens.Count, d.ListenCount);
        Assert.Equal(sample.Tags.Count, d.TagCount);
        Assert.Equal(sample.TagAssignments.Count, d.TagAssignmentCount);
        Assert.Equal(sample.Friendships.Count, d.FriendshipCount);
        Assert.Empty(d.Notes);
        Assert.Equal(2, d.Users.IdOf(0));
        Assert.All(d.Listens.ListenerCounts(), c => Assert.True(c > 0));
    }

    [Fact]
    public void Names_and_weights_survive_the_files()
    {
        var sample = SampleGenerator.Generate(SampleGenerator.BundledSeed).Tables;
        var d = HetrecReader.Read(SampleFolder);
        Assert.Equal(sample.Artists, d.Artists);
        Assert.True(d.Artists.Count(a => a.Name.Any(c => c > 127)) >= 5);
        Assert.DoesNotContain(d.Artists, a => a.Name.Contains('\uFFFD'));
        Assert.Equal(sample.Tags, d.Tags);
        Assert.Equal(sample.TagAssignments, d.TagAssignments);
        foreach (var l in sample.Listens)
        {
            int u = d.Users.IndexOf(l.UserId), a = d.ArtistIds.IndexOf(l.ArtistId);
            Assert.Equal(l.Weight, d.Listens.PlaysOf(u)[d.Listens.ArtistsOf(u).BinarySearch(a)]);
        }
        Assert.Equal(sample.Listens.Max(l => l.Weight), d.Listens.Plays.Max());
    }
}
