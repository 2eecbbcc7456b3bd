using LastFmMf.Randomness;
using LastFmMf.Training;
using MathNet.Numerics.Distributions;
using Xunit;

namespace LastFmMf.Tests.Training;

public class InitialisationTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 7)]
    [InlineData(3, 7)]
    [InlineData(101, 3)]
    [InlineData(12_345, 42)]
    [InlineData(200_001, 2024)]
    public void The_streamed_draw_is_the_array_draw_it_replaced_bit_for_bit(int count, int seed)
    {
        // Every model ever trained started from MathNet's array form; the streamed form must give the same floats, or
        // no saved model could be trained again bit for bit.
        var hp = new Hyperparameters { Seed = seed, InitStdDev = 0.07 };
        var values = new double[count];
        Normal.Samples(new SeededSystemRandom(SeededRandom.Derive((ulong)(uint)seed, StreamPurpose.Initialisation, 1)), values, 0, 0.07);
        var expected = values.Select(v => (float)v).ToArray();
        Assert.Equal(expected, Trainer.Draw(count, hp, 1));
        if (count > 1) Assert.NotEqual(expected, Trainer.Draw(count, hp, 0)); // the stream really depends on its purpose
    }
}
