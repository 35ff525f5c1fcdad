using System.Text;
using CampaignEngine.Api;
using CsCheck;

namespace CampaignEngine.UnitTests.Api;

public sealed class JsonScanTests
{
    [Theory]
    [InlineData("""{"title":"a","title":"b"}""", "title")]
    [InlineData("""{"poll":{"options":[{"id":"a","label":"x"},{"id":"b","label":"y","label":"z"}]}}""", "poll.options[1].label")]
    [InlineData("""{"texts":{"a.b":"x","a.b":"y"}}""", "texts['a.b']")]
    [InlineData("""[{"a":1},{"b":1,"b":2}]""", "[1].b")]
    [InlineData("""{"a":[[1,2],[3,{"c":1,"c":1}]]}""", "a[1][1].c")]
    public void ANameGivenTwiceInOneObjectIsFoundWithItsPath(string json, string path)
    {
        var problem = JsonScan.Check(Encoding.UTF8.GetBytes(json));

        Assert.NotNull(problem);
        Assert.Equal(path, problem.Path);
        Assert.Contains("more than once", problem.Message);
    }

    [Theory]
    [InlineData("""{"a":{"x":1},"b":{"x":1}}""")]
    [InlineData("""{"title":"a","Title":"b"}""")] // the serializer, which ignores case, refuses this one
    [InlineData("""[{"a":1},{"a":1}]""")]
    [InlineData("""{"a":"a","b":"a"}""")]
    [InlineData("\"just a string\"")]
    public void TheSameNameInDifferentObjectsIsFine(string json) => Assert.Null(JsonScan.Check(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"a":1,}""")]
    [InlineData("""{"a":1} {"b":2}""")]
    [InlineData("""{"a":tru}""")]
    [InlineData("""{'a':1}""")]
    [InlineData("""{"a":1 /* comment */}""")]
    [InlineData("\u00ef\u00bb\u00bf{}")]
    public void MalformedJsonIsNamedAsSuch(string json)
    {
        var problem = JsonScan.Check(Encoding.Latin1.GetBytes(json));

        Assert.NotNull(problem);
        Assert.Equal("$", problem.Path);
        Assert.StartsWith("The body is not valid JSON (line 1", problem.Message);
    }

    [Fact]
    public void InvalidUtf8IsRefused() => Assert.NotNull(JsonScan.Check([(byte)'"', 0xC3, 0x28, (byte)'"']));

    [Theory]
    [InlineData("""{"title":"\ud800"}""", "title")]
    [InlineData("""{"a":{"\udc00x":1}}""", "a")]
    [InlineData("""{"a":["ok","\ud83d"]}""", "a[1]")]
    public void AnEscapeThatIsNotAWholeCharacterIsRefusedWhereItIs(string json, string path)
    {
        var problem = JsonScan.Check(Encoding.UTF8.GetBytes(json));

        Assert.NotNull(problem);
        Assert.Equal(path, problem.Path);
    }

    [Fact]
    public void EscapedWholeCharactersAreFine() => Assert.Null(JsonScan.Check(Encoding.UTF8.GetBytes("""{"t":"\ud83d\ude00 \u00e9 \"q\""}""")));

    [Fact]
    public void NestingDeeperThanTheReadersLimitIsRefusedNotThrown() =>
        Assert.NotNull(JsonScan.Check(Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000))));

    [Fact]
    public void NoByteStringMakesTheScanThrow() =>
        Gen.Byte.Array[0, 64].Sample(bytes => { JsonScan.Check(bytes); });
}
