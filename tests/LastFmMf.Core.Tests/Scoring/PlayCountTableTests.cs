using LastFmMf.Scoring;
using Xunit;

namespace LastFmMf.Tests.Scoring;

public class PlayCountTableTests
{
    [Theory]
    [InlineData(TransformKind.Log)]
    [InlineData(TransformKind.Raw)]
    public void Looked_up_and_computed_counts_give_the_bits_of_the_transform_as_a_float(TransformKind kind)
    {
        var transform = new TargetTransform(kind, 1, 5000, Scale: 7);
        var table = new PlayCountTable(transform.Apply);
        // Both sides of the table's end, and counts far beyond it.
        foreach (int plays in new[] { 0, 1, 2, 17, 4999, PlayCountTable.Size - 1, PlayCountTable.Size, PlayCountTable.Size + 1, 352_698, int.MaxValue })
            Assert.Equal(BitConverter.SingleToInt32Bits((float)transform.Apply(plays)), BitConverter.SingleToInt32Bits(table.Of(plays)));
    }
}
