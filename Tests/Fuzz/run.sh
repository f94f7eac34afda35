#!/usr/bin/env bash
# Builds the two libFuzzer targets and runs each for a fixed number of
# executions, from the committed seed corpus, with a fixed seed: the same
# command gives the same run. See README.md, Robustness.
#
#   Tests/Fuzz/run.sh [RUNS] [TARGET…]        RUNS per target (default 200000); TARGET: query, dataset
#
#   CSTOQ_FUZZ_TIME=SECONDS   run each target for that long instead (-max_total_time; not reproducible)
#   CSTOQ_FUZZ_JOBS=N         N fuzzing processes per target (-fork=N); with CSTOQ_FUZZ_TIME
#   CSTOQ_FUZZ_SEED=N         another libFuzzer seed (default 1)
#
# The targets are the library's sources compiled with swiftc, once, with
# -sanitize=fuzzer,address (coverage, libFuzzer's main, AddressSanitizer),
# plus Tests/Fuzz/FuzzSupport.swift and one entry file. Outputs stay in
# .build-fuzz/: the binaries, the logs, the corpus a run grew (run-TARGET;
# corpus-TARGET for timed runs, which each go on from the last) and crashes.
# A crash, a property failure or a timeout (10 s for one input) stops the
# run with status 1 and leaves the input in .build-fuzz/crashes/; replay it
# with .build-fuzz/query-fuzzer FILE, then add it to FuzzRegressionTests.swift.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs="${1:-200000}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(query dataset)
out=.build-fuzz
mkdir -p "$out/crashes"
# Swift's own crash backtracer and AddressSanitizer both want the crash; let ASan have it.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}"

build() {
    local target=$1 entry=$2
    local binary="$out/$target-fuzzer"
    # Rebuild only when a source is newer than the binary.
    if [ -x "$binary" ] && [ -z "$(find Sources/CSTOQ Sources/TextWidth Tests/Fuzz -name '*.swift' -newer "$binary" | head -1)" ]; then
        return
    fi
    echo "fuzz: building $binary" >&2
    # From a snapshot of the sources: swiftc stops when a file changes while it compiles.
    local snapshot="$out/src-$target"
    rm -rf "$snapshot"
    mkdir -p "$snapshot"
    cp -R Sources/CSTOQ "$snapshot/CSTOQ"
    # TextWidth, the library's one dependency, joins the same module here, so its import goes.
    cp -R Sources/TextWidth "$snapshot/CSTOQ/TextWidth"
    find "$snapshot/CSTOQ" -name '*.swift' -exec sed -i '/^\(@_exported \)\?import TextWidth$/d' {} +
    cp Tests/Fuzz/*.swift "$snapshot/"
    local sources
    sources=$(find "$snapshot/CSTOQ" -name '*.swift' | sort)
    # shellcheck disable=SC2086
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -use-ld=lld \
        -module-name CSTOQFuzz $sources "$snapshot/FuzzSupport.swift" "$snapshot/$entry" -o "$binary.new"
    mv "$binary.new" "$binary"
}

status=0
for target in "${targets[@]}"; do
    case "$target" in
        query) build query QueryFuzzer.swift; max_len=4096 ;;
        dataset) build dataset DatasetFuzzer.swift; max_len=65536 ;;
        *) echo "fuzz: unknown target '$target' (query, dataset)" >&2; exit 2 ;;
    esac
    # A counted run starts from the committed seeds alone, so it is the same run
    # every time; a timed run goes on from the corpus the timed runs before it grew.
    limits=(-runs="$runs")
    corpus="$out/run-$target"
    rm -rf "$corpus"
    if [ -n "${CSTOQ_FUZZ_TIME:-}" ]; then
        limits=(-max_total_time="$CSTOQ_FUZZ_TIME")
        [ -n "${CSTOQ_FUZZ_JOBS:-}" ] && limits+=(-fork="$CSTOQ_FUZZ_JOBS" -ignore_crashes=0)
        corpus="$out/corpus-$target"
    fi
    mkdir -p "$corpus"
    echo "fuzz: $target, ${limits[*]}" >&2
    log="$out/$target.log"
    # New inputs go to the working corpus; the committed seeds are only read.
    if "$out/$target-fuzzer" "$corpus" "Tests/Fuzz/Corpus/$target" \
        -dict="Tests/Fuzz/$target.dict" -seed="${CSTOQ_FUZZ_SEED:-1}" -max_len="$max_len" \
        -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 "${limits[@]}" \
        -artifact_prefix="$out/crashes/$target-" >"$log" 2>&1; then
        done_line=$(grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs)' "$log" | tail -1 || true)
        cov=$(grep -E '^#[0-9]+' "$log" | grep -o 'cov: [0-9]* ft: [0-9]*' | tail -1 || true)
        execs=$(grep -E '^stat::number_of_executed_units:' "$log" | awk '{print $2}' | tail -1 || true)
        # -fork runs print no final stats: the last progress line counts.
        [ -z "$execs" ] && execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
        echo "fuzz: $target: ${execs:-?} executions, $cov, no crash (${done_line:-see $log})"
    else
        status=1
        echo "fuzz: $target FAILED; the log is $log:" >&2
        grep -E 'ERROR|fuzz property failed|Fatal error|SUMMARY|Test unit written|timeout' "$log" | head -20 >&2
    fi
done
exit $status
