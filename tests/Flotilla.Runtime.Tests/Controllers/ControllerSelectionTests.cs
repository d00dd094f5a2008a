using Flotilla.Runtime.Controllers;

namespace Flotilla.Runtime.Tests.Controllers;

public sealed class ControllerSelectionTests
{
    public static TheoryData<string, string, bool, bool> Cases => new()
    {
        // spec, controller, enabledByDefault, expected
        { "*", "binding", true, true },
        { "*", "hpa", false, false },
        { "*,hpa", "hpa", false, true },
        { "*,-binding", "binding", true, false },
        { "binding", "binding", true, true },
        { "binding", "execution", true, false },
        { "", "execution", true, true },
        { "-binding,*", "binding", true, false },
        { " * , -binding ", "execution", true, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsEnabled_FollowsKarmadaSemantics(string spec, string name, bool enabledByDefault, bool expected) =>
        Assert.Equal(expected, ControllerSelection.Parse(spec).IsEnabled(name, enabledByDefault));

    [Theory]
    [InlineData("-")]
    [InlineData("*,-*")]
    public void Parse_RejectsInvalidEntries(string spec) => Assert.Throws<FormatException>(() => ControllerSelection.Parse(spec));

    [Fact]
    public void UnknownNames_ReportsTypos()
    {
        var s = ControllerSelection.Parse("*,-bindng,execution");
        Assert.Equal(["bindng"], s.UnknownNames(["binding", "execution"]));
        Assert.Equal("*,execution,-bindng", s.ToString());
    }
}
