using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace CampaignEngine.IntegrationTests.Deployment;

/// <summary>The zip from ./publish.sh is laid out the way the Azure Functions host reads an app.</summary>
[SupportedOSPlatform("linux")] // the package is a linux-x64 app; it is unpacked and run here
[Collection(PublishedPackageCollection.Name)]
public sealed class PackageLayoutTests(PublishedPackage package, ITestOutputHelper output)
{
    private JsonNode HostJson => JsonNode.Parse(File.ReadAllText(Path.Combine(package.Root, "host.json")))!;

    [Fact]
    public void ThePackageIsReportedWithItsSizeAndPublishTime()
    {
        var zip = new FileInfo(package.ZipPath);
        output.WriteLine($"{PublishedPackage.RelativeZipPath}: {zip.Length / 1024.0 / 1024.0:0.0} MiB, " +
            (package.PublishTime is { } t ? $"published by this run in {t.TotalSeconds:0} s" : "fresh zip reused"));
        output.WriteLine(package.PublishOutput);
        Assert.True(zip.Length > 1024 * 1024, "the package is suspiciously small");
    }

    [Fact]
    public void HostJsonAtTheRootRunsTheEngineAsACustomHandler()
    {
        var host = HostJson;
        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        var handler = host["customHandler"]!;
        Assert.Equal(PublishedPackage.ExecutableName, handler["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.Equal("", handler["description"]!["workingDirectory"]!.GetValue<string>());
        Assert.True(handler["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }

    [Fact]
    public void HostJsonReadsQueueMessagesAsBase64LikeTheEngineWritesThem()
    {
        var queues = HostJson["extensions"]!["queues"]!;
        Assert.Equal("base64", queues["messageEncoding"]!.GetValue<string>());
        // The queue trigger comes from the extension bundle; without it no queue function loads.
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", HostJson["extensionBundle"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void EveryCatalogueFunctionHasItsFunctionJsonInAFolderAtTheRoot()
    {
        Assert.NotEmpty(Catalogue.FunctionJson);
        foreach (var (name, expected) in Catalogue.FunctionJson)
        {
            var path = Path.Combine(package.Root, name, "function.json");
            Assert.True(File.Exists(path), $"the package has no {name}/function.json");
            Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(File.ReadAllText(path))), $"{name}/function.json differs from the catalogue:\n{expected}");
        }
    }

    [Fact]
    public void NoFunctionFolderExistsWithoutACatalogueEntry()
    {
        var folders = Directory.GetDirectories(package.Root)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(Path.GetFileName)
            .Order();
        Assert.Equal(Catalogue.FunctionJson.Keys.Order(), folders);
        Assert.False(Directory.Exists(Path.Combine(package.Root, "Functions")), "function folders must sit at the root, not under Functions/");
    }

    [Fact]
    public void TheExecutableIsALinuxBinaryWhoseExecuteBitIsStoredInTheZip()
    {
        using var zip = ZipFile.OpenRead(package.ZipPath);
        var entry = zip.GetEntry(PublishedPackage.ExecutableName);
        Assert.NotNull(entry);
        // Unix mode lives in the high 16 bits of the external attributes (zip "version made by" Unix).
        var mode = (UnixFileMode)((entry.ExternalAttributes >> 16) & 0x1FF);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"zip entry mode is {mode}");

        var unpacked = File.GetUnixFileMode(package.ExecutablePath);
        Assert.True(unpacked.HasFlag(UnixFileMode.UserExecute), $"unpacked mode is {unpacked}");

        using var file = File.OpenRead(package.ExecutablePath);
        var magic = new byte[4];
        file.ReadExactly(magic);
        Assert.Equal("\u007fELF"u8.ToArray(), magic);
    }

    [Fact]
    public void TheAppIsSelfContainedSoTheCustomRuntimeNeedsNoDotnet()
    {
        var runtimeConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(package.Root, "CampaignEngine.runtimeconfig.json")))!;
        var frameworks = runtimeConfig["runtimeOptions"]!["includedFrameworks"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Microsoft.NETCore.App", frameworks);
        Assert.Contains("Microsoft.AspNetCore.App", frameworks);
        Assert.True(File.Exists(Path.Combine(package.Root, "libcoreclr.so")));
    }

    private delegate int NativeVersion();

    [Fact]
    public void TheImageLibrariesShipTheirLinuxNativePartsWhichLoadWithoutSystemFonts()
    {
        // SkiaSharp.NativeAssets.Linux.NoDependencies: no fontconfig or freetype on the host is needed.
        foreach (var (library, export) in new[] { ("libSkiaSharp.so", "sk_version_get_milestone"), ("libHarfBuzzSharp.so", "hb_version_atleast") })
        {
            var path = Path.Combine(package.Root, library);
            Assert.True(File.Exists(path), $"the package has no {library}");
            var handle = NativeLibrary.Load(path);
            try
            {
                Assert.NotEqual(IntPtr.Zero, NativeLibrary.GetExport(handle, export));
                if (export == "sk_version_get_milestone")
                {
                    var milestone = Marshal.GetDelegateForFunctionPointer<NativeVersion>(NativeLibrary.GetExport(handle, export))();
                    output.WriteLine($"{library}: Skia milestone {milestone}");
                    Assert.InRange(milestone, 100, 1000);
                }
            }
            finally
            {
                NativeLibrary.Free(handle);
            }
        }
        Assert.True(File.Exists(Path.Combine(package.Root, "SkiaSharp.HarfBuzz.dll")));
        Assert.Contains("SIL OPEN FONT LICENSE", File.ReadAllText(Path.Combine(package.Root, "licenses", "Noto-OFL.txt")));
    }

    [Fact]
    public void NothingForDebuggingOrLocalRunsIsShipped()
    {
        using var zip = ZipFile.OpenRead(package.ZipPath);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.DoesNotContain(names, n => n.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, n => n.EndsWith("local.settings.json", StringComparison.OrdinalIgnoreCase));
        Assert.All(names, n => Assert.False(n.StartsWith('/') || n.Contains('\\') || n.Split('/').Contains(".."), $"bad entry name {n}"));
        output.WriteLine($"{names.Count} entries");
    }
}
