#!/usr/bin/env bash
# Kamailio's CPU in front of a Popline cluster: starts the cluster kit (cluster/up.sh) with the
# greeting flow, sends SIPp calls through the proxy at --rate calls/s for --seconds (each call
# stays --hold ms), then prints the calls' outcome, how they spread over the nodes, and the CPU
# Kamailio's processes used (all of them, summed; 100% = one core). Stops the kit afterwards.
#
#   bench/cluster-proxy.sh [--nodes 2] [--rate 100] [--seconds 10] [--hold 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
nodes=2 rate=100 seconds=10 hold=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --hold) hold=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
run=$(mktemp -d /tmp/popline-cluster-bench.XXXXXX)
trap 'cluster/down.sh --dir "$run" >/dev/null' EXIT
out=$(cluster/up.sh --nodes "$nodes" --dir "$run" --set call.flow=greeting --set call.after-greeting=silence)
echo "$out"
proxy=$(awk '$1 == "proxy" {print $2}' <<<"$out")
kamailio_ticks() {
  local main pid total=0
  main=$(cat "$run/kamailio.pid")
  for pid in $main $(pgrep -P "$main"); do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") ))
  done
  echo "$total"
}
hz=$(getconf CLK_TCK)
scenario="$PWD/system-tests/src/test/resources/sipp/call-via-proxy.xml"
calls=$(( rate * seconds ))
before=$(kamailio_ticks)
start=$(date +%s.%N)
(cd "$run" && timeout $(( seconds + 120 )) sipp "$proxy" -sf "$scenario" \
    -i 127.0.0.1 -s ivr -m "$calls" -r "$rate" -l $(( rate * (hold / 1000 + 5) )) -d "$hold" \
    -key caller sipp -key rtpport 9 -key pts "0 8 101" -timeout $(( seconds + 60 ))s -timeout_error \
    -nostdin -trace_stat -fd 1 >sipp.out 2>&1) || true
end=$(date +%s.%N)
after=$(kamailio_ticks)
elapsed=$(echo "$end - $start" | bc -l)
grep -E "Successful call|Failed call" "$run/sipp.out" | tail -2
for f in "$run"/node-*.log; do
  printf '%s: %s calls ended\n' "$(basename "$f" .log)" "$(grep -c 'call ended' "$f")"
done
printf 'Kamailio CPU: %.1f s over %.1f s = %.0f%% of one core at %s calls/s offered\n' \
    "$(echo "($after - $before) / $hz" | bc -l)" "$elapsed" \
    "$(echo "100 * ($after - $before) / $hz / $elapsed" | bc -l)" "$rate"
