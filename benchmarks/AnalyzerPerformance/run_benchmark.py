#!/usr/bin/env python3
"""OpenVerify analyzer cost: our analyzers' time as a share of the C# compiler's time.

Writes a library of about 2,000 C# files that mixes AI calls (ONNX Runtime, Microsoft.Extensions.AI) with ordinary
code, references src/OpenVerify.Analyzers as an analyzer, rebuilds it several times with -p:ReportAnalyzer=true, and
reads from each build log:

  * the Csc task's time (Task Performance Summary) -- the compilation's total, analyzers included;
  * "Total analyzer execution time" and the OpenVerify.Analyzers line below it;
  * "Total generator execution time" and the OpenVerify.Analyzers generator line, when there is one.

Usage (from the repository root):
    python3 benchmarks/AnalyzerPerformance/run_benchmark.py [--files 2000] [--runs 5] [--out artifacts/analyzer-benchmark]

Not part of the test suite. The generated project gets its own Directory.Build.props and Directory.Packages.props,
so the repository's settings (central versions, warnings as errors) do not apply to it.
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ONNX_VERSION = "1.31.1"
MEAI_VERSION = "10.11.0"

PROJECT = """<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Library</OutputType>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <LangVersion>latest</LangVersion>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <!-- The unverified-call warnings stay on: an analyzer whose every diagnostic is disabled is not run at all. -->
    <NoWarn>$(NoWarn);CS1591;MEAI001</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.ML.OnnxRuntime.Managed" Version="{onnx}" />
    <PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="{meai}" />
  </ItemGroup>
  <ItemGroup>
    <ProjectReference Include="{repo}/src/OpenVerify.Analyzers/OpenVerify.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <ProjectReference Include="{repo}/src/OpenVerify.Abstractions/OpenVerify.Abstractions.csproj" />
  </ItemGroup>
</Project>
"""

ONNX_METHODS = [
    # NamedOnnxValue form, session field.
    """    public float[] Score{n}(float[] pixels)
    {{
        var tensor = new DenseTensor<float>(pixels, new[] {{ 1, pixels.Length }});
        var inputs = new List<NamedOnnxValue> {{ NamedOnnxValue.CreateFromTensor("input", tensor) }};
        using var results = _session.Run(inputs);
        return results.First().AsTensor<float>().ToArray();
    }}
""",
    # Session created in the method, output names given.
    """    public long Classify{n}(float[] features)
    {{
        using var session = new InferenceSession("models/model{n}.onnx");
        var tensor = new DenseTensor<float>(features, new[] {{ 1, features.Length }});
        using var results = session.Run(new[] {{ NamedOnnxValue.CreateFromTensor("x", tensor) }}, new[] {{ "label" }});
        return results.First().AsTensor<long>()[0];
    }}
""",
    # OrtValue form.
    """    public float[] Embed{n}(float[] data)
    {{
        using var runOptions = new RunOptions();
        using var input = OrtValue.CreateTensorValueFromMemory(data, new long[] {{ 1, data.Length }});
        using var outputs = _session.Run(runOptions, new[] {{ "input" }}, new[] {{ input }}, new[] {{ "output" }});
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }}
""",
    # Conditional access.
    """    public int Count{n}(IReadOnlyCollection<NamedOnnxValue> inputs) => _session?.Run(inputs).Count ?? 0;
""",
]

CHAT_METHODS = [
    """    public async Task<string> Ask{n}(string question, CancellationToken cancellationToken)
    {{
        var response = await _chat.GetResponseAsync(question, cancellationToken: cancellationToken);
        return response.Text;
    }}
""",
    """    public async Task<int> Stream{n}(string prompt)
    {{
        var count = 0;
        await foreach (var update in _chat.GetStreamingResponseAsync(new[] {{ new ChatMessage(ChatRole.User, prompt) }}))
        {{
            count += update.Text.Length;
        }}

        return count;
    }}
""",
    """    public async Task<float[]> Vector{n}(string text)
    {{
        var embedding = await _embeddings.GenerateVectorAsync(text);
        return embedding.ToArray();
    }}
""",
    """    public Task<GeneratedEmbeddings<Embedding<float>>> Batch{n}(IEnumerable<string> texts) => _embeddings.GenerateAsync(texts);
""",
    # Accepted on purpose: exercises the [AllowUnverifiedAi] walk.
    """    [AllowUnverifiedAi("Drafting aid; a person reviews every answer.")]
    public async Task<string> Draft{n}(string topic)
    {{
        var response = await _chat.GetResponseAsync("Draft a note about " + topic);
        return response.Text;
    }}
""",
]

ORDINARY_METHODS = [
    """    public int Sum{n}(IEnumerable<int> values)
    {{
        var total = 0;
        foreach (var value in values)
        {{
            if (value % 3 == 0) {{ continue; }}
            total += value * {n} % 17;
        }}

        return total;
    }}
""",
    """    public string Describe{n}(Order order) =>
        order.Lines.Count == 0
            ? $"Order {{order.Id}} is empty"
            : string.Join(", ", order.Lines.Where(l => l.Quantity > 0).OrderBy(l => l.Sku).Select(l => $"{{l.Sku}} x{{l.Quantity}}"));
""",
    """    public async Task<int> Delay{n}(int milliseconds)
    {{
        await Task.Run(() => Thread.SpinWait(milliseconds));
        return milliseconds + {n};
    }}
""",
    """    public Dictionary<string, int> Histogram{n}(string text)
    {{
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {{
            counts[word] = counts.TryGetValue(word, out var c) ? c + 1 : 1;
        }}

        return counts;
    }}
""",
    # A user method named Run, which must not be reported.
    """    public int Run{n}(Pipeline pipeline) => pipeline.Run({n});
""",
    """    public double Mean{n}(double[] samples)
    {{
        if (samples.Length == 0) {{ throw new ArgumentException("No samples.", nameof(samples)); }}
        double sum = 0;
        for (var i = 0; i < samples.Length; i++) {{ sum += samples[i]; }}
        return sum / samples.Length;
    }}
""",
]

SHARED = """namespace Bench.Shared;

public sealed record OrderLine(string Sku, int Quantity, decimal Price);

public sealed record Order(int Id, IReadOnlyList<OrderLine> Lines);

public sealed class Pipeline
{
    public int Run(int steps) => steps * 2;
}
"""


def write_project(out, files, seed):
    rng = random.Random(seed)
    src = os.path.join(out, "src")
    os.makedirs(src, exist_ok=True)
    with open(os.path.join(out, "Directory.Build.props"), "w") as f:
        f.write("<Project />\n")
    with open(os.path.join(out, "Directory.Packages.props"), "w") as f:
        f.write("<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n")
    with open(os.path.join(out, "Bench.csproj"), "w") as f:
        f.write(PROJECT.format(onnx=ONNX_VERSION, meai=MEAI_VERSION, repo=REPO))
    with open(os.path.join(src, "Shared.cs"), "w") as f:
        f.write(SHARED)

    ai_calls = 0
    for i in range(files - 1):
        kind = rng.random()
        methods = []
        usings = ["Bench.Shared"]
        fields = []
        # About one file in four calls AI; the rest is ordinary code.
        if kind < 0.12:
            usings += ["Microsoft.ML.OnnxRuntime", "Microsoft.ML.OnnxRuntime.Tensors"]
            fields.append("    private readonly InferenceSession? _session;\n\n    public C{0}(InferenceSession? session) => _session = session;\n".format(i))
            for template in rng.sample(ONNX_METHODS, 2):
                methods.append(template)
                ai_calls += 1
        elif kind < 0.25:
            usings += ["Microsoft.Extensions.AI", "OpenVerify"]
            fields.append(
                "    private readonly IChatClient _chat;\n    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;\n\n"
                "    public C{0}(IChatClient chat, IEmbeddingGenerator<string, Embedding<float>> embeddings) => (_chat, _embeddings) = (chat, embeddings);\n".format(i))
            for template in rng.sample(CHAT_METHODS, 2):
                methods.append(template)
                ai_calls += 1
        methods += rng.sample(ORDINARY_METHODS, 4)

        body = "\n".join(m.format(n=i * 10 + k) for k, m in enumerate(methods))
        text = "".join("using {0};\n".format(u) for u in usings)
        text += "\nnamespace Bench.Area{0};\n\npublic sealed class C{1}\n{{\n".format(i % 40, i)
        text += "\n".join(fields) + ("\n" if fields else "") + body + "}\n"
        with open(os.path.join(src, "C{0}.cs".format(i)), "w") as f:
            f.write(text)
    return ai_calls


def run(args, log):
    with open(log, "w") as f:
        result = subprocess.run(args, stdout=f, stderr=subprocess.STDOUT, cwd=REPO)
    if result.returncode != 0:
        sys.exit("build failed ({0}); see {1}".format(result.returncode, log))


def seconds(pattern, text):
    match = re.search(pattern, text, re.MULTILINE)
    return float(match.group(1)) if match else None


def parse(log):
    with open(log, encoding="utf-8", errors="replace") as f:
        text = f.read()
    # "     4321 ms  Csc                                  1 calls"
    csc_ms = seconds(r"^\s*(\d+(?:\.\d+)?) ms\s+Csc\s+\d+ calls", text)
    total_analyzers = seconds(r"Total analyzer execution time: ([\d.]+) seconds", text)
    total_generators = seconds(r"Total generator execution time: ([\d.]+) seconds", text)
    # Per-assembly lines follow each total: "   0.123    1   OpenVerify.Analyzers, Version=...".
    analyzer_section = text.split("Total analyzer execution time", 1)[-1].split("Total generator execution time", 1)[0]
    ours = seconds(r"^\s*([\d.]+)\s+\S+\s+OpenVerify\.Analyzers, Version", analyzer_section)
    ours_generator = None
    if "Total generator execution time" in text:
        generator_section = text.split("Total generator execution time", 1)[1]
        ours_generator = seconds(r"^\s*([\d.]+)\s+\S+\s+OpenVerify\.Analyzers, Version", generator_section)
    breakdown = re.findall(r"^\s*([<\d.]+)\s+\S+\s+(OpenVerify\.Analyzers\.\S+)", analyzer_section, re.MULTILINE)
    return {
        "breakdown": breakdown,
        "csc_s": csc_ms / 1000 if csc_ms is not None else None,
        "all_analyzers_s": total_analyzers,
        "ours_s": ours if ours is not None else 0.0,
        "all_generators_s": total_generators,
        "our_generator_s": ours_generator,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--out", default=os.path.join(REPO, "artifacts", "analyzer-benchmark"))
    args = parser.parse_args()

    out = os.path.abspath(args.out)
    ai_calls = write_project(out, args.files, args.seed)
    project = os.path.join(out, "Bench.csproj")
    print("wrote {0} files ({1} AI call sites) to {2}".format(args.files, ai_calls, out))

    # Restore, build the analyzers, and warm the compiler server once.
    run(["dotnet", "build", project, "-c", "Release", "-v:q", "-nologo"], os.path.join(out, "warmup.log"))

    rows = []
    for i in range(args.runs):
        log = os.path.join(out, "run{0}.log".format(i))
        run(["dotnet", "build", project, "-c", "Release", "--no-restore", "-t:Rebuild", "-p:BuildProjectReferences=false",
             "-p:ReportAnalyzer=true", "-v:d", "-clp:PerformanceSummary", "-nologo"], log)
        row = parse(log)
        rows.append(row)
        share = 100 * row["ours_s"] / row["csc_s"]
        print("run {0}: csc {1:.2f} s, all analyzers {2} s, OpenVerify analyzers {3:.3f} s = {4:.2f}% of csc; generators {5} s (ours {6})".format(
            i + 1, row["csc_s"], row["all_analyzers_s"], row["ours_s"], share, row["all_generators_s"], row["our_generator_s"]))
        for time, name in row["breakdown"]:
            print("    {0:>8} s  {1}".format(time, name))

    shares = [100 * r["ours_s"] / r["csc_s"] for r in rows]
    print("OpenVerify analyzers: median {0:.2f}% of csc time (min {1:.2f}%, max {2:.2f}%) over {3} runs".format(
        statistics.median(shares), min(shares), max(shares), len(shares)))


if __name__ == "__main__":
    main()
