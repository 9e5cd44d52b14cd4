#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to PublicAPI.Unshipped.txt of the
# project it belongs to, and drops removed ones (RS0017). Run after a deliberate public API change, then review the diff:
#   build/tools/update-public-api.sh src/OpenVerify/OpenVerify.csproj
set -euo pipefail
proj=${1:?usage: update-public-api.sh PROJECT.csproj}
for round in 1 2 3; do
  out=$(dotnet build "$proj" -nologo -v q 2>&1 || true)
  added=$(grep -E 'error RS0016' <<<"$out" | sed -n "s/.*: error RS0016: Symbol '\(.*\)' is not part of the declared public API.*\[\(.*\.csproj\)\]/\2\t\1/p" | sort -u || true)
  removed=$(grep -E 'error RS0017' <<<"$out" | sed -n "s/.*: error RS0017: Symbol '\(.*\)' is part of the declared API, but is either not public or could not be found.*\[\(.*\.csproj\)\]/\2\t\1/p" | sort -u || true)
  [ -z "$added$removed" ] && { grep -E ' error ' <<<"$out" | head -20 || true; echo "public API files up to date"; exit 0; }
  while IFS=$'\t' read -r p sym; do
    [ -n "$p" ] || continue
    f="$(dirname "$p")/PublicAPI.Unshipped.txt"; printf '%s\n' "$sym" >> "$f"
  done <<<"$added"
  while IFS=$'\t' read -r p sym; do
    [ -n "$p" ] || continue
    for f in "$(dirname "$p")"/PublicAPI.*.txt; do grep -vxF -- "$sym" "$f" > "$f.tmp" || true; mv "$f.tmp" "$f"; done
  done <<<"$removed"
  for f in $(printf '%s\n' "$added" "$removed" | cut -f1 | sort -u); do
    for t in "$(dirname "$f")"/PublicAPI.*.txt; do { echo '#nullable enable'; { grep -v '^#nullable enable$' "$t" || true; } | LC_ALL=C sort -u; } > "$t.tmp"; mv "$t.tmp" "$t"; done
  done
done
