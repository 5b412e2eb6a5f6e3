#!/usr/bin/env bash
# ACD operations per second on Redis on this machine: starts its own redis-server (free port, no
# persistence), loads a large contact center's shared state, then N nodes (threads, one
# connection each) run enqueue + match + answered + call-ended cycles for S seconds.
#
#   bench/acd-redis.sh [--seconds 10] [--nodes 8] [--agents 2000] [--waiting 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
props=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds|--nodes|--agents|--waiting) props+=("-Dbench.${1#--}=$2"); shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
mvn -B -q -pl cluster -am test -Dtest=AcdRedisBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -DtrimStackTrace=false "${props[@]}" 2>&1 | grep -E "loaded [0-9]+ waiting|[0-9]+ nodes, [0-9]+ s:|ERROR|FAIL" || true
