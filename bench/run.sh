#!/usr/bin/env bash
# The one benchmark command: builds what the benchmarks start (API, processor, local stack, bench),
# then runs every benchmark on loopback in a temporary directory and writes the tables to
# bench/results/<UTC timestamp>.md/.json and bench/results/latest.md/.json.
#   bench/run.sh            full run, under 10 minutes on 2 cores
#   bench/run.sh --quick    every benchmark, briefly: a smoke test of the command
#   bench/run.sh --profile  also a JFR profile of the API under the 64 KiB / c=16 load
#   bench/run.sh --only start,memory,disk,processor,e2e   some of the benchmarks
#   bench/run.sh --only large   a 1 GiB file with the upload command (presigned parts) vs raw S3 multipart
#   bench/run.sh --only capacity   the capacity model's tables for AWS (docs/scaling.md), computed in a second
#   bench/run.sh --only pipeline   the model's pipe formulas against the local pipe (docs/benchmarks.md)
#   bench/run.sh --only compare --base REV   this build against git revision REV (built here in a
#                                            temporary clone), start time and warm CPU side by side
set -euo pipefail
cd "$(dirname "$0")/.."

# the newest JDK >= 21 on this machine, the rule .ci/run follows; the children run on it too
best="" best_v=0
candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
command -v javac >/dev/null 2>&1 && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do [ -d "$d" ] && candidates+=("$d"); done
for home in "${candidates[@]}"; do
  [ -x "$home/bin/javac" ] || continue
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null || true)
  if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$home best_v=$v; fi
done
if [ -z "$best" ]; then
  echo "bench/run.sh: no JDK >= 21 found (looked at JAVA_HOME, PATH and /usr/lib/jvm)" >&2
  exit 1
fi
export JAVA_HOME=$best

echo "bench/run.sh: building with JDK $best_v at $JAVA_HOME" >&2
started=$(date +%s%N)
# only the modules the benchmarks start, without their tests (Pulumi and the contract tests are not needed)
./mvnw -B -q package -Dmaven.test.skip=true -pl bench,local -am
export FILEPIPE_BENCH_BUILD_SECONDS=$(( ($(date +%s%N) - started) / 1000000000 ))
echo "bench/run.sh: built in ${FILEPIPE_BENCH_BUILD_SECONDS} s" >&2

# --base REV, a git revision rather than a checkout: build it in a temporary clone and measure it there
args=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--base" ] && [ $# -ge 2 ] && [ ! -d "$2" ]; then
    commit=$(git rev-parse --verify "$2^{commit}")
    base=$(mktemp -d -t filepipe-base-XXXXXX)
    trap 'rm -rf "$base"' EXIT
    git clone -q --no-checkout . "$base"
    git -C "$base" checkout -q --detach "$commit"
    echo "bench/run.sh: building the base $2 ($commit) in $base" >&2
    (cd "$base" && ./mvnw -B -q package -Dmaven.test.skip=true -pl upload-api,stream-processor,local -am)
    args+=(--base "$base")
    shift 2
  else
    args+=("$1")
    shift
  fi
done
"$JAVA_HOME/bin/java" -jar bench/target/filepipe-bench.jar "${args[@]}"
