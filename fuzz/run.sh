#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers that read untrusted bytes (fuzz/README.md).
#
#   fuzz/run.sh TARGET SECONDS       fuzz one target (fuzz/run.sh list names them)
#   fuzz/run.sh all SECONDS          fuzz every target in turn, SECONDS each
#
# Builds fuzz/OpenVerify.Fuzz (Release) into artifacts/fuzz/bin, instruments OpenVerify.dll, OpenVerify.Analyzers.dll, OpenVerify.Cli.dll and OpenVerify.Extensions.AI.dll
# with SharpFuzz 2.3.0 (the local dotnet tool in dotnet-tools.json), runs afl-fuzz (Debian's afl++) from the seeds in
# fuzz/corpus/TARGET and the kept crashes in fuzz/regressions/TARGET with the dictionary fuzz/dict/TARGET.dict, and
# prints executions and findings per target.
# Findings land in artifacts/fuzz/findings/TARGET/default/{crashes,hangs}; replay one (uninstrumented) with
#   dotnet run --project fuzz/OpenVerify.Fuzz -c Release -- TARGET FILE
# Environment: FUZZ_NO_BUILD=1 reuses the instrumented build; FUZZ_TIMEOUT_MS (default 5000) is afl's hang limit.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out="$repo/artifacts/fuzz"
bin="$out/bin"
targets=(onnx envelope statement statementdiff mlnetstatement payload log logproof lockfile policy modelsig manifest npy pem checkpoint tiles chatstatement transcript modelzip moderationbody)

if [ "${1:-}" = "list" ]; then printf '%s\n' "${targets[@]}"; exit 0; fi
if [ $# -ne 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]]; then
  echo "usage: fuzz/run.sh TARGET|all SECONDS   (targets: ${targets[*]})" >&2
  exit 2
fi
target=$1 seconds=$2
if [ "$target" = "all" ]; then
  selected=("${targets[@]}")
elif [[ " ${targets[*]} " == *" $target "* ]]; then
  selected=("$target")
else
  echo "run.sh: unknown target '$target' (targets: ${targets[*]})" >&2
  exit 2
fi
command -v afl-fuzz >/dev/null || { echo "run.sh: afl-fuzz not found; install Debian's afl++ (apt-get install afl++)" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "${FUZZ_NO_BUILD:-}" != "1" ]; then
  rm -rf "$bin"
  dotnet build fuzz/OpenVerify.Fuzz -c Release -o "$bin" -nologo -v q
  dotnet tool restore >/dev/null
  # Only our assemblies are instrumented: coverage of the BCL and NuGet packages would drown ours.
  for assembly in OpenVerify.dll OpenVerify.Analyzers.dll OpenVerify.Cli.dll OpenVerify.Extensions.AI.dll; do
    dotnet sharpfuzz "$bin/$assembly"
  done
fi

# The machine's CPU governor, core binding and core-pattern settings are not ours to change.
export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
# The fuzzed program is the apphost that starts .NET; the instrumentation is in the managed assemblies.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1
status=0
summary=()
for t in "${selected[@]}"; do
  input="$out/input/$t" findings="$out/findings/$t"
  rm -rf "$input" "$findings"
  mkdir -p "$input" "$out/findings"
  cp fuzz/corpus/"$t"/* "$input"/
  if [ -d "fuzz/regressions/$t" ]; then cp fuzz/regressions/"$t"/* "$input"/; fi
  echo "run.sh: fuzzing $t for ${seconds}s (log: $findings.log)"
  dictionary=()
  if [ -f "fuzz/dict/$t.dict" ]; then dictionary=(-x "fuzz/dict/$t.dict"); fi
  afl-fuzz -i "$input" -o "$findings" "${dictionary[@]}" -t "${FUZZ_TIMEOUT_MS:-5000}" -V "$seconds" -- "$bin/OpenVerify.Fuzz" "$t" >"$findings.log" 2>&1 \
    || { echo "run.sh: afl-fuzz failed for $t; the end of its log:"; tail -n 30 "$findings.log"; status=1; continue; }
  stats="$findings/default/fuzzer_stats"
  value() { sed -n "s/^$1 *: *//p" "$stats"; }
  crashes=$(find "$findings/default/crashes" -type f -name 'id:*' | wc -l)
  hangs=$(find "$findings/default/hangs" -type f -name 'id:*' | wc -l)
  summary+=("$(printf '%-10s %8ss %12s %10s %8s %8s %8s %8s' "$t" "$(value run_time)" "$(value execs_done)" "$(value execs_per_sec)" \
    "$(value corpus_count)" "$(value edges_found)" "$crashes" "$hangs")")
  [ "$crashes" -eq 0 ] && [ "$hangs" -eq 0 ] || status=1
done

printf '%-10s %9s %12s %10s %8s %8s %8s %8s\n' target run_time execs exec/s corpus edges crashes hangs
printf '%s\n' "${summary[@]}"
exit $status
