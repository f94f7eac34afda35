#!/usr/bin/env bash
# The project's one helper: set-up, build, run, test. See README.md.
#
#   ./dev.sh start [ARGS…]   build a release cstoq and start it (the REPL, or ARGS as for cstoq)
#   ./dev.sh test            run the whole test suite (what .ci/run runs)
#   ./dev.sh install [DIR]   put the release cstoq and its man page under DIR (default /usr/local)
#
# Each installs what it needs from Debian's packages first (with sudo when not root).
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages each command needs: libedit for line editing, tmux to drive the REPL in tests.
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

release_build() {
    need_packages libedit-dev
    swift build -c release --product cstoq --static-swift-stdlib >&2
}

case "${1:-start}" in
    start)
        shift || true
        release_build
        exec "$(swift build -c release --show-bin-path)/cstoq" "$@"
        ;;
    test)
        need_packages libedit-dev tmux
        swift build --build-tests
        swift test --skip-build
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
    *)
        echo "usage: ./dev.sh start [ARGS…] | test | install [DIR]" >&2
        exit 2
        ;;
esac
