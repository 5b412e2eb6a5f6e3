#!/usr/bin/env bash
# Caller lookups against the generated CRM, without calls: the emulator in a process of its own, Popline,
# and R rounds of N lookups of distinct known callers through Popline's admin API (P keep-alive connections
# at once, bench/lookup-client.py). Prints per round the lookups per second, their latency, and the CPU the
# emulator and Popline spent per lookup (from /proc; the first rounds include the JIT's warm-up), after the
# two processes' CPU over 10 idle seconds. Bounded: R*N lookups; everything it started is stopped at the end.
#   bench/crm-lookups.sh [--lookups N (2000)] [--parallel P (8)] [--rounds R (4)] [--contacts C (100000)]
set -euo pipefail
lookups=2000 parallel=8 rounds=4 contacts=100000
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "option $1 needs a value" >&2; exit 2; }
  case "$1" in
    --lookups) lookups=$2 ;; --parallel) parallel=$2 ;; --rounds) rounds=$2 ;; --contacts) contacts=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
crm_seconds=$((rounds * 120 + 60))
source "$(dirname "$0")/kit.sh"
cd "$kit_here"
crm_generate "$contacts" 1
known=$(($(wc -l < "$crm_callers") - 1))
[ $((lookups * rounds)) -le "$known" ] || { echo "$((lookups * rounds)) lookups but $known known callers" >&2; exit 2; }
crm_start process
popline_start
crm_ready
hz=$(getconf CLK_TCK)
idle_crm=$(cpu_ticks "$crm_java") idle_popline=$(cpu_ticks "$server")
sleep 10
echo "idle 10 s: the emulator $(( ($(cpu_ticks "$crm_java") - idle_crm) * 1000 / hz )) ms of CPU, Popline $(( ($(cpu_ticks "$server") - idle_popline) * 1000 / hz )) ms"
for round in $(seq 1 "$rounds"); do
  injection "$tmp/round.csv" $(( (round - 1) * lookups + 2 )) "$lookups"
  tail -n +2 "$tmp/round.csv" | tr -d ';' > "$tmp/numbers"
  c0=$(cpu_ticks "$crm_java") p0=$(cpu_ticks "$server")
  printf 'round %d: ' "$round"
  python3 bench/lookup-client.py "$http" "$tmp/numbers" "$parallel" | tr -d '\n'
  awk -v c="$(( $(cpu_ticks "$crm_java") - c0 ))" -v p="$(( $(cpu_ticks "$server") - p0 ))" -v hz="$hz" -v n="$lookups" \
    'BEGIN { printf "; CPU per lookup: emulator %.2f ms, Popline %.2f ms\n", c * 1000 / hz / n, p * 1000 / hz / n }'
done
