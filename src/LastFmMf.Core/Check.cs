namespace LastFmMf;

/// <summary>Range checks for settings records: a value out of range is refused with a message naming the setting and its range.</summary>
internal static class Check
{
    public static int Range(int value, int min, int max, string name)
    {
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}; it was {value}.");
        return value;
    }

    public static double Range(double value, double min, double max, string name, bool lowOpen = false, bool highOpen = false)
    {
        bool ok = double.IsFinite(value)
                  && (lowOpen ? value > min : value >= min)
                  && (highOpen ? value < max : value <= max);
        if (!ok)
        {
            string low = lowOpen ? $"greater than {min}" : $"at least {min}";
            string high = highOpen ? $"less than {max}" : $"at most {max}";
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {low} and {high}; it was {value}.");
        }
        return value;
    }

    public static T Defined<T>(T value, string name) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be one of {string.Join(", ", Enum.GetNames<T>())}; it was {value}.");
        return value;
    }
}
