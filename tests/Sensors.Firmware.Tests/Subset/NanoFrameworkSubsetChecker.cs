using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Sensors.Firmware.Tests.Subset;

/// <summary>
/// Checks that C# source stays inside the subset the nanoFramework toolchain and interpreter run:
/// C# 7.3, no generics, LINQ, async, Span/stackalloc, MathF, System.Numerics, multi-dimensional arrays,
/// tuples, nullable value types, iterators, string interpolation, dynamic or unsafe code.
/// Works on the syntax tree (Roslyn), so comments and strings never trigger it.
/// </summary>
public static class NanoFrameworkSubsetChecker
{
    private static readonly HashSet<string> ForbiddenIdentifiers = new(StringComparer.Ordinal)
    {
        "Span", "ReadOnlySpan", "Memory", "ReadOnlyMemory", "MathF", "Vector3", "Vector4", "Quaternion", "Matrix4x4",
        "Task", "ValueTask", "Tuple", "ValueTuple", "List", "Dictionary", "HashSet", "Enumerable", "dynamic",
    };

    private static readonly string[] ForbiddenNamespaces =
    {
        "System.Linq", "System.Threading.Tasks", "System.Numerics", "System.Collections.Generic", "System.Buffers",
        "System.Runtime.Intrinsics",
    };

    /// <summary>One violation: file, 1-based line, and what is not allowed.</summary>
    public sealed record Violation(string File, int Line, string What)
    {
        public override string ToString() => $"{File}:{Line}: {What}";
    }

    public static IReadOnlyList<Violation> CheckFile(string path) => CheckSource(File.ReadAllText(path), path);

    public static IReadOnlyList<Violation> CheckSource(string source, string fileName)
    {
        var options = new CSharpParseOptions(LanguageVersion.CSharp7_3);
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, options, fileName);
        var found = new List<Violation>();
        void Add(SyntaxNode n, string what) =>
            found.Add(new Violation(fileName, n.GetLocation().GetLineSpan().StartLinePosition.Line + 1, what));

        // Language-version errors come from the compiler, not the parser: compile against the core library only and keep
        // the diagnostics that say a feature needs a newer language version (binding errors are the host build's concern).
        var compilation = CSharpCompilation.Create("subset-check", new[] { tree },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        foreach (Diagnostic d in tree.GetDiagnostics().Concat(compilation.GetDiagnostics())
                     .Where(d => d.Severity == DiagnosticSeverity.Error && IsLanguageVersionError(d)))
            found.Add(new Violation(fileName, d.Location.GetLineSpan().StartLinePosition.Line + 1, "not C# 7.3: " + d.GetMessage()));

        foreach (SyntaxNode node in tree.GetRoot().DescendantNodesAndSelf())
        {
            switch (node)
            {
                case UsingDirectiveSyntax u when u.Name is not null && ForbiddenNamespaces.Any(ns => u.Name.ToString().StartsWith(ns, StringComparison.Ordinal)):
                    Add(node, "namespace not available on nanoFramework: " + u.Name); break;
                case TypeParameterListSyntax: Add(node, "generic declaration"); break;
                case GenericNameSyntax g: Add(node, "generic type or method: " + g); break;
                case QueryExpressionSyntax: Add(node, "LINQ query"); break;
                case AwaitExpressionSyntax: Add(node, "await"); break;
                case MethodDeclarationSyntax m when m.Modifiers.Any(SyntaxKind.AsyncKeyword): Add(node, "async method"); break;
                case StackAllocArrayCreationExpressionSyntax: Add(node, "stackalloc"); break;
                case ArrayRankSpecifierSyntax r when r.Rank > 1: Add(node, "multi-dimensional array"); break;
                case TupleTypeSyntax or TupleExpressionSyntax: Add(node, "tuple"); break;
                case NullableTypeSyntax: Add(node, "nullable value type (Nullable<T> is generic)"); break;
                case YieldStatementSyntax: Add(node, "iterator (yield)"); break;
                case InterpolatedStringExpressionSyntax: Add(node, "string interpolation"); break;
                case UnsafeStatementSyntax or PointerTypeSyntax: Add(node, "unsafe code"); break;
                case IdentifierNameSyntax id when ForbiddenIdentifiers.Contains(id.Identifier.ValueText):
                    Add(node, "type not available on nanoFramework: " + id.Identifier.ValueText); break;
            }
        }
        return found;
    }

    private static bool IsLanguageVersionError(Diagnostic d)
    {
        string message = d.GetMessage();
        return message.Contains("C# 7.3", StringComparison.Ordinal) || message.Contains("language version", StringComparison.OrdinalIgnoreCase)
            || d.Id is "CS8107" or "CS8302" or "CS8370" or "CS8400" or "CS8652" or "CS9058";
    }

    /// <summary>All portable-core sources: every .cs below firmware/Sensors.Band.Core, without bin/obj.</summary>
    public static IEnumerable<string> CoreSourceFiles(string repoRoot) => SourceFiles(repoRoot, "Sensors.Band.Core");

    /// <summary>The nanoFramework device project's own sources (firmware/Sensors.Band.Device), without bin/obj.</summary>
    public static IEnumerable<string> DeviceSourceFiles(string repoRoot) => SourceFiles(repoRoot, "Sensors.Band.Device");

    private static IEnumerable<string> SourceFiles(string repoRoot, string project)
    {
        string core = Path.Combine(repoRoot, "firmware", project);
        return Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal);
    }
}
