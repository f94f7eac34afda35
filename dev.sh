#!/usr/bin/env bash
# The project's one helper: set-up, build, run, test. See README.md.
#
#   ./dev.sh start [ARGS…]   build a release cstoq and start it (the REPL, or ARGS as for cstoq)
#   ./dev.sh test            run the whole test suite (what .ci/run runs)
#   ./dev.sh install [DIR]   put the release cstoq and its man page under DIR (default /usr/local)
#   ./dev.sh manual          regenerate the man page (Sources/cstoq/cstoq.1) from the command definition
#   ./dev.sh bench [ARGS…]   the benchmark against sqlite3, jq and DuckDB (README.md, Performance):
#                            cstoq-bench run ARGS; `bench scale …` and `bench generate …` also work
#   ./dev.sh fuzz [RUNS]     build the two libFuzzer targets and run each RUNS times (default 200000),
#                            reproducibly (README.md, Robustness); Tests/Fuzz/run.sh says more
#
# Each installs what it needs from Debian's packages first (with sudo when not root).
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages each command needs: libedit for line editing, tmux to drive the REPL in tests
# (and less, the default pager of `.pager on`),
# libsqlite3-dev to read SQLite files and sqlite3 to run the SQL that `explain sql` writes,
# libpq-dev for live PostgreSQL databases, postgresql for the tests against a private server.
need_packages() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "dev.sh: installing ${missing[*]}" >&2
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}

# Release builds link the Swift runtime in (start-up) and use the toolchain's
# lld, which also keeps the static Foundation's mktemp link warning away.
release_flags=(-c release --static-swift-stdlib -Xswiftc -use-ld=lld)

release_build() {
    need_packages libedit-dev libsqlite3-dev libpq-dev
    swift build "${release_flags[@]}" --product cstoq >&2
}

case "${1:-start}" in
    start)
        shift || true
        release_build
        exec "$(swift build -c release --show-bin-path)/cstoq" "$@"
        ;;
    test)
        need_packages libedit-dev tmux less sqlite3 libsqlite3-dev libpq-dev postgresql
        swift build --build-tests
        swift test --skip-build
        # The benchmark is not a test, but it must keep working: one small, quick run (debug build).
        ./dev.sh bench --records 2000 --repeat 1 --quick
        ;;
    install)
        prefix="${2:-/usr/local}"
        release_build
        bin="$(swift build -c release --show-bin-path)/cstoq"
        install -d "$prefix/bin" "$prefix/share/man/man1"
        install -m 0755 "$bin" "$prefix/bin/cstoq"
        [ -f Sources/cstoq/cstoq.1 ] && install -m 0644 Sources/cstoq/cstoq.1 "$prefix/share/man/man1/cstoq.1"
        echo "installed $prefix/bin/cstoq"
        ;;
    bench)
        shift || true
        need_packages libedit-dev libsqlite3-dev libpq-dev sqlite3 jq postgresql
        # CSTOQ_BENCH_SCRATCH: another build folder, to leave .build alone while it is in use.
        scratch="${CSTOQ_BENCH_SCRATCH:-.build}"
        # DuckDB's Python package, in a virtual environment of the build folder (not the system Python's).
        python="$scratch/venv/bin/python3"
        if [[ " $* " != *" --quick "* ]] && command -v python3 >/dev/null && ! "$python" -c 'import duckdb' 2>/dev/null; then
            echo "dev.sh: installing the duckdb Python package into $scratch/venv" >&2
            { python3 -m venv "$scratch/venv" && timeout 600 "$python" -m pip install --quiet --disable-pip-version-check duckdb; } >&2 \
                || echo "dev.sh: could not install duckdb; the benchmark runs without it" >&2
        fi
        [ -x "$python" ] || python=python3
        command=run
        case "${1:-}" in run | scale | generate) command="$1"; shift ;; esac
        if [[ " $* " == *" --quick "* ]]; then
            # The smoke run of ./dev.sh test: the debug build it has just made is enough.
            swift build --scratch-path "$scratch" --product cstoq >&2
            swift build --scratch-path "$scratch" --product cstoq-bench >&2
            bin="$(swift build --scratch-path "$scratch" --show-bin-path)"
            note="debug build"
        else
            # Both products, release, with the Swift runtime linked in as users get it.
            swift build "${release_flags[@]}" --scratch-path "$scratch" >&2
            bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"
            note="release build, static Swift stdlib"
        fi
        case "$command" in
            run) exec "$bin/cstoq-bench" run --cstoq "$bin/cstoq" --python "$python" --data-dir "$scratch/bench-data" --build-note "$note" --postgres-cluster Tests/DifferentialTests/postgres-cluster.sh "$@" ;;
            scale) exec "$bin/cstoq-bench" scale --cstoq "$bin/cstoq" --data-dir "$scratch/bench-data" "$@" ;;
            generate) exec "$bin/cstoq-bench" generate "$@" ;;
        esac
        ;;
    manual)
        need_packages libedit-dev libsqlite3-dev libpq-dev
        # swift-argument-parser's plugin builds the tool and writes the page.
        swift package --allow-writing-to-package-directory generate-manual --authors "cstoq engineers" >&2
        cp .build/plugins/GenerateManual/outputs/cstoq/cstoq.1 Sources/cstoq/cstoq.1
        echo "wrote Sources/cstoq/cstoq.1"
        ;;
    fuzz)
        shift || true
        need_packages libedit-dev libsqlite3-dev libpq-dev
        exec Tests/Fuzz/run.sh "$@"
        ;;
    *)
        echo "usage: ./dev.sh start [ARGS…] | test | install [DIR] | manual | bench [run|scale|generate] [ARGS…] | fuzz [RUNS]" >&2
        exit 2
        ;;
esac
