#!/usr/bin/env bash
# Stops what cluster/up.sh started, by the PIDs in its run folder's pid files: Kamailio first
# (no new calls), then the nodes, then Redis. Waits up to 20 s for each, then kills it.
#
#   cluster/down.sh [--dir RUN_DIR]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
run="$(dirname "$here")/var/cluster"
if [ "${1:-}" = "--dir" ]; then run=$2; fi
stop() {
  local pidfile=$1 pid i
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "$(basename "$pidfile" .pid) ($pid) was not running"
  else
    kill "$pid"
    for i in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "stopped $(basename "$pidfile" .pid) ($pid)"
  fi
  rm -f "$pidfile"
}
stop "$run/kamailio.pid"
for pidfile in "$run"/node-*.pid; do
  [ -e "$pidfile" ] && stop "$pidfile"
done
stop "$run/redis.pid"
