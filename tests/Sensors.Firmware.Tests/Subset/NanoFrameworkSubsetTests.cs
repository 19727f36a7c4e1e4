using System.IO;
using System.Linq;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Firmware.Tests.Subset;

/// <summary>The CI guard: the band's portable core must compile under nanoFramework, so it stays in its C# subset.</summary>
public class NanoFrameworkSubsetTests
{
    [Fact]
    public void Portable_core_uses_only_the_nanoFramework_subset() =>
        AssertSubset(NanoFrameworkSubsetChecker.CoreSourceFiles(TestPaths.RepoRoot).ToArray());

    /// <summary>The device project cannot be compiled here, so at least its language level and constructs are checked.</summary>
    [Fact]
    public void Device_project_uses_only_the_nanoFramework_subset() =>
        AssertSubset(NanoFrameworkSubsetChecker.DeviceSourceFiles(TestPaths.RepoRoot).ToArray());

    private static void AssertSubset(string[] files)
    {
        Assert.NotEmpty(files);
        var violations = files.SelectMany(NanoFrameworkSubsetChecker.CheckFile)
            .Select(v => v with { File = Path.GetRelativePath(TestPaths.RepoRoot, v.File) })
            .ToArray();
        Assert.True(violations.Length == 0, "nanoFramework subset violated:\n" + string.Join("\n", violations.Take(40)));
    }

    [Theory]
    [InlineData("using System.Linq; class A { }", "namespace")]
    [InlineData("class A { System.Collections.Generic.List<int> l; }", "generic")]
    [InlineData("class A<T> { }", "generic declaration")]
    [InlineData("class A { async void M() { } }", "async")]
    [InlineData("class A { float M(float x) { return MathF.Sqrt(x); } }", "MathF")]
    [InlineData("class A { void M() { System.Span<byte> s = default; } }", "generic")]
    [InlineData("class A { void M() { var s = stackalloc byte[4]; } }", "stackalloc")]
    [InlineData("class A { double[,] m; }", "multi-dimensional")]
    [InlineData("class A { (int, int) M() { return (1, 2); } }", "tuple")]
    [InlineData("class A { int? x; }", "nullable")]
    [InlineData("class A { string M(int x) { return $\"{x}\"; } }", "interpolation")]
    [InlineData("record R(int X);", "not C# 7.3")]
    [InlineData("class A { int M(object o) { return o switch { _ => 1 }; } }", "not C# 7.3")]
    public void Checker_flags_each_forbidden_construct(string source, string expected)
    {
        var violations = NanoFrameworkSubsetChecker.CheckSource(source, "snippet.cs");
        Assert.Contains(violations, v => v.What.Contains(expected, System.StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Checker_accepts_plain_subset_code()
    {
        const string ok = "namespace N { public sealed class A { private readonly float[] _buf = new float[8]; " +
                          "public float M(float x) { return (float)System.Math.Sqrt(x) + _buf[0]; } } }";
        Assert.Empty(NanoFrameworkSubsetChecker.CheckSource(ok, "ok.cs"));
    }
}
