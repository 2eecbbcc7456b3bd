using System.Runtime.InteropServices;
using LastFmMf.Data;
using LastFmMf.Training;

namespace LastFmMf.Tests.Training;

internal static class Bits
{
    /// <summary>Bitwise equality of float arrays (so -0/+0 and NaN payloads count).</summary>
    public static bool Same(float[] a, float[] b) =>
        MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));

    public static bool SameModel(FactorModel a, FactorModel b) =>
        Same(a.UserFactors, b.UserFactors) && Same(a.ArtistFactors, b.ArtistFactors)
        && Same(a.UserBias, b.UserBias) && Same(a.ArtistBias, b.ArtistBias);

    /// <summary>A model with the given arrays, in place of the one in <paramref name="s"/>.</summary>
    public static TrainingState WithModel(TrainingState s, float[] p, float[] q, float[] bu, float[] ba)
    {
        var m = s.Model;
        var model = new FactorModel(m.Factors, p, q, bu, ba, m.GlobalMeanF, m.UseBiases, m.Transform, m.Users, m.ArtistIds, m.Artists);
        return s with { Model = model, BestModel = model };
    }
}
