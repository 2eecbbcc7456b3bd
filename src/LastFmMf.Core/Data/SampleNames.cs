namespace LastFmMf.Data;

/// <summary>
/// The genres of the synthetic sample and the word lists its artist names are made from. The words are
/// combined at random, so the names are made up; two genres use accented letters so that every run of the
/// sample exercises UTF-8 (é, è, ê, œ, å, ä, ö, ø) in names and urls.
/// </summary>
internal static class SampleNames
{
    /// <summary>A genre: its tag, and the two word lists and formats that make its artists' names.</summary>
    internal sealed record Genre(string Tag, string[] First, string[] Second, string[] Formats);

    internal static readonly Genre[] Genres =
    [
        new("dream pop",
            ["Velvet", "Hazy", "Paper", "Lilac", "Slow", "Pastel", "Sleepy", "Cloud", "Faded", "Lunar", "Opal", "Gauze"],
            ["Halo", "Lanterns", "Orchard", "Tides", "Moth", "Reverie", "Petals", "Satellites", "Mirage", "Swans", "Ribbons", "Kites"],
            ["{0} {1}", "The {0} {1}"]),
        new("doom metal",
            ["Ashen", "Grave", "Mourning", "Sunken", "Obsidian", "Hollow", "Leaden", "Funeral", "Withered", "Basalt", "Sepulchral", "Cinder"],
            ["Monolith", "Crypt", "Procession", "Cairn", "Barrow", "Shroud", "Pyre", "Requiem", "Serpent", "Throne", "Abyss", "Marrow"],
            ["{0} {1}", "{1} of {0} Stone"]),
        new("indie folk",
            ["Wandering", "Little", "Quiet", "Birch", "Copper", "Autumn", "Meadow", "Harbor", "Tin", "Kestrel", "Willow", "Bramble"],
            ["Fox", "Sparrows", "Porch", "River", "Hearth", "Canoe", "Thistle", "Almanac", "Fiddle", "Acorn", "Lantern", "Ferry"],
            ["{0} {1}", "The {0} {1}"]),
        new("trip-hop",
            ["Smoke", "Midnight", "Dusk", "Low", "Neon", "Static", "Vapour", "Tape", "Sub", "Mono", "Umber", "Velour"],
            ["Lounge", "Theory", "Signal", "Sessions", "Engine", "Drift", "Module", "Unit", "Tone", "Verse", "Circuit", "Frame"],
            ["{0} {1}", "{0}{1}"]),
        new("chanson",
            ["Éclat", "Rêve", "Café", "Petite", "Belle", "Rouge", "Étoile", "Douce", "Fée", "Lumière", "Verte", "Sœur"],
            ["Mélodie", "Soirée", "Cœur", "Rivière", "Jardin", "Passé", "Chérie", "Fenêtre", "Été", "Ruelle", "Mémoire", "Brume"],
            ["{1} {0}", "{0} {1}"]),
        new("drum and bass",
            ["Rapid", "Hyper", "Vortex", "Reese", "Rinse", "Kinetic", "Tempest", "Phase", "Torque", "Quartz", "Nitro", "Delta"],
            ["Syndicate", "Division", "Frequency", "Protocol", "Crew", "Science", "Sector", "Mechanics", "Dynamics", "Pressure", "Rollers", "Vectors"],
            ["{0} {1}", "{0} {1} Sound"]),
        new("post-punk",
            ["Concrete", "Grey", "Sterile", "Nervous", "Cold", "Broken", "Tired", "Empty", "Factory", "Civic", "Tungsten", "Pale"],
            ["Estates", "Units", "Witnesses", "Parade", "Rooms", "Receivers", "Habit", "Figures", "Corridors", "Machines", "Towers", "Clerks"],
            ["{0} {1}", "The {0} {1}"]),
        new("nordic folk",
            ["Skåld", "Norrøn", "Kvitt", "Mørke", "Ulv", "Ravn", "Jötun", "Hrafn", "Stjärn", "Vinter", "Eld", "Frøst"],
            ["vind", "heim", "skog", "fjell", "dal", "strøm", "fjord", "kvad", "natt", "sång", "berg", "dröm"],
            ["{0}{1}", "{0}{1} Kvartett"]),
    ];

    /// <summary>Descriptive tags beside the genre names: traits of an artist, and a few that say more about the tagger.</summary>
    internal static readonly string[] TraitTags =
        ["female vocalists", "male vocalists", "instrumental", "atmospheric", "melancholic", "dance", "80s", "90s", "underground", "chill"];

    /// <summary>Tags that users put on artists they like, whatever the genre.</summary>
    internal static readonly string[] PersonalTags = ["seen live", "favorites"];

    /// <summary>A name for an artist of a genre that is not yet in <paramref name="taken"/>; adds it there.</summary>
    internal static string NewName(Random rng, Genre genre, HashSet<string> taken)
    {
        for (int attempt = 0; attempt < 10_000; attempt++)
        {
            var format = genre.Formats[rng.Next(genre.Formats.Length)];
            var name = string.Format(System.Globalization.CultureInfo.InvariantCulture, format,
                genre.First[rng.Next(genre.First.Length)], genre.Second[rng.Next(genre.Second.Length)]);
            if (taken.Add(name)) return name;
        }
        throw new InvalidOperationException($"The word lists of '{genre.Tag}' ran out of unique names; add words or make fewer artists.");
    }
}
