#!/usr/bin/env bash
# A private PostgreSQL server for the differential test, in a temporary folder,
# on a Unix socket only (no TCP port is opened).
#
#   postgres-cluster.sh start WATCHED_PID   initdb, start; prints "socket=DIR port=N"
#   postgres-cluster.sh stop DIR            stop the server and remove its folder
#   postgres-cluster.sh restart DIR PORT    stop the server and start it again
#
# Every user but one is trusted on the socket; cstoq_password must give its
# password (SCRAM), for the tests of a wrong one.
#
# A watchdog stops the server and removes the folder when WATCHED_PID (the
# test process) ends, however it ends: a failing or crashing test leaves
# nothing running. As root, the server runs as the user postgres (initdb
# refuses root).
set -euo pipefail

bin_dir() {
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    [ -n "$d" ] && [ -x "$d/initdb" ] || { echo "postgres-cluster.sh: no PostgreSQL server found (Debian's postgresql package)" >&2; exit 1; }
    echo "$d"
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$1" in
    start)
        watched="$2"
        bin="$(bin_dir)"
        dir="$(mktemp -d "${TMPDIR:-/tmp}/cstoq-postgres.XXXXXX")"
        [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
        # A port number names the socket file; no TCP listener (listen_addresses='').
        port=$(( 20000 + RANDOM % 20000 ))
        if ! as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
            cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1
        fi
        printf 'local all cstoq_password scram-sha-256\nlocal all all trust\n' > "$dir/data/pg_hba.conf"
        if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
                -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null; then
            cat "$dir/server.log" >&2; rm -rf "$dir"; exit 1
        fi
        # The watchdog: in its own session, so it outlives this script, not the test.
        setsid bash -c '
            while kill -0 "$1" 2>/dev/null && [ -d "$3/data" ]; do sleep 1; done
            if [ -d "$3/data" ]; then
                if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$2/pg_ctl" -D "$3/data" -m immediate stop; else "$2/pg_ctl" -D "$3/data" -m immediate stop; fi
                rm -rf "$3"
            fi' watchdog "$watched" "$bin" "$dir" </dev/null >/dev/null 2>&1 &
        echo "socket=$dir port=$port"
        ;;
    restart)
        dir="$2"; port="$3"
        bin="$(bin_dir)"
        as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -m fast \
            -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c full_page_writes=off" restart >/dev/null
        ;;
    stop)
        dir="$2"
        bin="$(bin_dir)"
        [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$dir"
        ;;
    *)
        echo "usage: postgres-cluster.sh start WATCHED_PID | stop DIR" >&2
        exit 2
        ;;
esac
