using Flotilla.Core;

namespace Flotilla.Core.Tests.Karmada;

public class QuantityTests
{
    public static TheoryData<string, string> Canonical => new()
    {
        { "0", "0" },
        { "0m", "0" },
        { "-0", "0" },
        { "100m", "100m" },
        { "0.1", "100m" },
        { ".5", "500m" },
        { "0.5", "500m" },
        { "1", "1" },
        { "1.0", "1" },
        { "1000m", "1" },
        { "1500m", "1500m" },
        { "1.5", "1500m" },
        { "1500", "1500" },
        { "1000", "1k" },
        { "1k", "1k" },
        { "1000k", "1M" },
        { "1000M", "1G" },
        { "129M", "129M" },
        { "128974848", "128974848" },
        { "1G", "1G" },
        { "1n", "1n" },
        { "1000n", "1u" },
        { "1u", "1u" },
        { "0.000001", "1u" },
        { "0.0000000001", "1n" }, // rounded up to the smallest representable value
        { "1.0000000001", "1000000001n" },
        { "-1.0000000001", "-1000000001n" },
        { "128Mi", "128Mi" },
        { "1Gi", "1Gi" },
        { "1024Mi", "1Gi" },
        { "1536Mi", "1536Mi" },
        { "1.5Gi", "1536Mi" },
        { "1Ki", "1Ki" },
        { "0.5Ki", "512" }, // < 1024 in a binary format: printed as decimal
        { "1023Ki", "1023Ki" },
        { "1025", "1025" },
        { "0.1Ki", "102400m" }, // fractional binary value: printed as decimal
        { "1Ei", "1Ei" },
        { "1024Ei", "9223372036854775807" }, // binary values are capped at 2^63-1
        { "1e3", "1e3" },
        { "1E3", "1e3" },
        { "1e-3", "1e-3" },
        { "100e-3", "100e-3" },
        { "0.1e3", "100" },
        { "1.5e3", "1500" },
        { "12e6", "12e6" },
        { "1e0", "1" },
        { "+5", "5" },
        { "-5", "-5" },
        { "-100m", "-100m" },
        { "-128Mi", "-128Mi" },
        { "1E", "1E" },
        { "5P", "5P" },
        { "9223372036854775807", "9223372036854775807" },
        { "9223372036854775808", "9223372036854775808" }, // decimal values are not capped
    };

    [Theory]
    [MemberData(nameof(Canonical))]
    public void Parses_and_formats_canonically(string input, string expected)
    {
        var q = Quantity.Parse(input);
        Assert.Equal(expected, q.ToString());
        // canonical strings are fixed points
        Assert.Equal(expected, Quantity.Parse(expected).ToString());
        Assert.Equal(q, Quantity.Parse(expected));
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("Ki")]
    [InlineData("1.2.3")]
    [InlineData("1x")]
    [InlineData("1KiB")]
    [InlineData("1 Gi")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1ee3")]
    [InlineData("--1")]
    [InlineData("1mi")]
    [InlineData("1K")]
    public void Rejects_invalid(string input)
    {
        Assert.False(Quantity.TryParse(input, out _));
        Assert.Throws<FormatException>(() => Quantity.Parse(input));
    }

    [Theory]
    [InlineData("100m", 1, 100)]
    [InlineData("1", 1, 1000)]
    [InlineData("1.5", 2, 1500)]
    [InlineData("1n", 1, 1)]
    [InlineData("1001u", 1, 2)]
    [InlineData("128Mi", 134217728, 134217728000)]
    [InlineData("-1.5", -2, -1500)]
    [InlineData("0", 0, 0)]
    public void Value_and_MilliValue_round_up(string input, long value, long milli)
    {
        var q = Quantity.Parse(input);
        Assert.Equal(value, q.Value);
        Assert.Equal(milli, q.MilliValue);
    }

    [Fact]
    public void Arithmetic_is_exact_and_keeps_format()
    {
        var a = Quantity.Parse("1Gi");
        var b = Quantity.Parse("512Mi");
        Assert.Equal("1536Mi", (a + b).ToString());
        Assert.Equal("512Mi", (a - b).ToString());
        Assert.Equal("-512Mi", (b - a).ToString());
        var c = Quantity.Parse("100m") + Quantity.Parse("250m");
        Assert.Equal(350, c.MilliValue);
        Assert.Equal("350m", c.ToString());
        Assert.Equal("2", (Quantity.Zero + Quantity.Parse("2")).ToString());
        Assert.True(Quantity.Parse("1") > Quantity.Parse("999m"));
        Assert.True(Quantity.Parse("1000m") == Quantity.Parse("1"));
        Assert.Equal(0, Quantity.Parse("1k").CompareTo(Quantity.Parse("1e3")));
    }

    [Fact]
    public void Factories_round_trip()
    {
        Assert.Equal("250m", Quantity.FromMilli(250).ToString());
        Assert.Equal("4Gi", Quantity.FromUnits(4L << 30, QuantityFormat.BinarySI).ToString());
        Assert.Equal("110", Quantity.FromUnits(110).ToString());
    }

    [Fact]
    public void Random_values_round_trip_through_their_canonical_form()
    {
        var rng = new Random(12345);
        string[] suffixes = ["", "m", "k", "M", "G", "Ki", "Mi", "Gi", "n", "u", "e3", "e-3", "e6"];
        for (var i = 0; i < 5000; i++)
        {
            var whole = rng.Next(0, 100000);
            var frac = rng.Next(0, 4) == 0 ? "." + rng.Next(0, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
            var sign = rng.Next(0, 5) == 0 ? "-" : "";
            var s = sign + whole.ToString(System.Globalization.CultureInfo.InvariantCulture) + frac + suffixes[rng.Next(suffixes.Length)];
            var q = Quantity.Parse(s);
            var canonical = q.ToString();
            var again = Quantity.Parse(canonical);
            Assert.True(q == again, $"{s} -> {canonical} -> {again}");
            Assert.Equal(canonical, again.ToString());
        }
    }

    [Fact]
    public void Json_reads_strings_and_numbers_and_writes_canonical_strings()
    {
        var summary = Flotilla.Core.Karmada.KarmadaJson.Deserialize<Flotilla.Core.Karmada.Cluster>(
            """{"metadata":{"name":"m"},"spec":{},"status":{"resourceSummary":{"allocatable":{"cpu":2,"memory":"1024Mi","pods":1.5e2,"ephemeral-storage":"0.5"}}}}""")
            .Status!.ResourceSummary!.Allocatable!;
        Assert.Equal("2", summary["cpu"].ToString());
        Assert.Equal("1Gi", summary["memory"].ToString());
        Assert.Equal(150, summary["pods"].Value);
        Assert.Equal("500m", summary["ephemeral-storage"].ToString());
        var json = Flotilla.Core.Karmada.KarmadaJson.Serialize(new Flotilla.Core.Karmada.ResourceSummary { Allocatable = summary });
        Assert.Equal("""{"allocatable":{"cpu":"2","memory":"1Gi","pods":"150","ephemeral-storage":"500m"}}""", json);
        Assert.Throws<System.Text.Json.JsonException>(() => Flotilla.Core.Karmada.KarmadaJson.Deserialize<Flotilla.Core.Karmada.ResourceSummary>("""{"allocatable":{"cpu":"2x"}}"""));
    }
}
