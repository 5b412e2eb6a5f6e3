#!/usr/bin/env bash
# SIPp load kit: starts Popline on its embedded defaults (CRM emulator, reference flow) with K extra
# agents, registers them to one SIPp process acting as all their phones, runs SIPp callers at rate R
# (at most C at once) for T seconds, and prints what happened. Bounded: the caller run stops after
# R*T calls or T+S+90 s (S: listen + talk), everything it started is stopped at the end. Loopback only.
#   bench/load.sh [--mix press1|press2|hangup] [--rate R] [--concurrent C] [--seconds T]
#                 [--agents K] [--talk S] [--listen S] [--sample N] [--warmup W]
#   press1: callers listen --listen s, press 1 (RFC 4733) and wait for an agent, who talks --talk s
#           and hangs up; press2: callers press 2 and Popline hangs up after the goodbye;
#   hangup: callers hang up after --listen s (call setup and teardown).
#   --sample N: N extra callers whose RTP goes to a receiver measuring Popline's send intervals;
#           they stay in the IVR for the whole run.
#   --warmup W: first W s of 1 s calls at rate R, at most 100/s (default 15 s, not counted), so that
#           the figures are those of a server whose code the JIT has compiled, as one running for days
#           is; a cold server cannot take a high rate, and the warm-up must not overload it.
#   Outcomes are read from the run's call detail records (its own cdr.folder under the temp dir).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

mix=press1 rate=10 concurrent=200 seconds=30 agents=10 talk=5 listen=1 sample=5 warmup=15
while [ $# -gt 0 ]; do
  case "$1" in
    --mix) mix=$2 ;; --rate) rate=$2 ;; --concurrent) concurrent=$2 ;; --seconds) seconds=$2 ;;
    --agents) agents=$2 ;; --talk) talk=$2 ;; --listen) listen=$2 ;; --sample) sample=$2 ;;
    --warmup) warmup=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
case "$mix" in press1|press2|hangup) ;; *) echo "--mix is press1, press2 or hangup" >&2; exit 2 ;; esac
for b in sipp java python3 curl; do command -v $b >/dev/null || { echo "missing $b" >&2; exit 2; }; done
[ -f app/target/popline.jar ] || mvn -B -q -DskipTests package

free_port() {  # a free UDP+TCP port in [lo, hi)
  local p; for _ in $(seq 100); do
    p=$(( $1 + RANDOM % ($2 - $1) ))
    ss -Hlun "sport = :$p" | grep -q . || ss -Hltn "sport = :$p" | grep -q . || { echo $p; return; }
  done; return 1
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/popline-load.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

sip=$(free_port 15000 16000); http=$(free_port 16000 17000); agentport=$(free_port 17000 18000)
samplerx=$(free_port 18000 19000)
sets=(${POPLINE_SETS:-} --set crm.emulator.port=0 --set cdr.folder="$tmp/cdr" --set sip.digest-algorithms=md5 --set rtp.timeout=10m --set call.max-concurrent=$((concurrent + sample + 100))
      --set queues.support.max-size=100000 --set queues.support.ring-timeout=10s --set queues.support.wrap-up=1s
      --set queues.support.max-wait=10m)
for i in $(seq 1 "$agents"); do
  sets+=(--set "agents.load$i.password=load-secret-$i" --set "agents.load$i.queues=support")
done
# A token of this run's own for the admin API (Popline would otherwise make var/admin-token).
POPLINE_ADMIN_TOKEN=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n'); export POPLINE_ADMIN_TOKEN
java ${POPLINE_JAVA_OPTS:-} -jar app/target/popline.jar --sip-port "$sip" --http-port "$http" \
  --rtp-ports 20000-39999 "${sets[@]}" > "$tmp/popline.log" 2>&1 &
server=$!; pids+=("$server")
for _ in $(seq 120); do grep -q "listening:" "$tmp/popline.log" && break; sleep 0.5; done
grep -q "listening:" "$tmp/popline.log" || { tail -20 "$tmp/popline.log"; exit 1; }
api() { curl -s --max-time 5 -H "Authorization: Bearer $POPLINE_ADMIN_TOKEN" "http://127.0.0.1:$http$1"; }

run_sipp() {  # name scenario args... (runs in $tmp/name, bounded)
  local name=$1 scenario=$2; shift 2
  mkdir -p "$tmp/$name"
  (cd "$tmp/$name" && timeout -k 5 $((seconds + listen + talk + 120)) sipp -sf "$here/$scenario" -i 127.0.0.1 -mi 127.0.0.1 \
     -nostdin -trace_err -trace_stat -stf stat.csv -fd 1 "$@" > out.txt 2>&1)
}

if [ "$mix" = press1 ] && [ "$agents" -gt 0 ]; then
  run_sipp phones bench/sipp/agent-phone.xml -p "$agentport" -d $((talk * 1000)) -rtp_echo &
  pids+=($!)
  # One SIPp run per agent: SIPp 3.6 cannot take digest credentials from an injection file.
  for i in $(seq 1 "$agents"); do
    run_sipp register system-tests/src/test/resources/sipp/register.xml "127.0.0.1:$sip" -p "$(free_port 19000 20000)" \
      -au "load$i" -ap "load-secret-$i" -key user "load$i" -key contact "sip:load$i@127.0.0.1:$agentport" \
      -key expires 3600 -m 1 -timeout 10s || echo "agent load$i did not register" >&2
  done
  echo "agents registered: $(api /agents | grep -o '"state":"AVAILABLE"' | wc -l) of $agents"
fi
if [ "$warmup" -gt 0 ]; then
  warmrate=$(( rate < 100 ? rate : 100 ))
  run_sipp warmup system-tests/src/test/resources/sipp/call.xml "127.0.0.1:$sip" -p "$(free_port 19000 20000)" \
    -s ivr -key caller warmup -key rtpport 9 -key pts "0 101" -r "$warmrate" -l "$concurrent" -m $((warmrate * warmup)) \
    -d 1000 -timeout $((warmup + 60))s || true
  for _ in $(seq 60); do [ "$(api /health | sed -n 's/.*"liveCalls":\([0-9]*\).*/\1/p')" = 0 ] && break; sleep 1; done
  echo "warm-up: $(tail -1 "$tmp/warmup/stat.csv" | cut -d';' -f"$(head -1 "$tmp/warmup/stat.csv" | tr ';' '\n' | grep -nx 'SuccessfulCall(C)' | cut -d: -f1)") calls of 1 s at $warmrate/s, not counted"
fi
# The sample callers stay until the last callers have listened, so the sample covers the time
# callers arrive and, with --listen longer than --seconds, the time they are all in.
window=$((seconds + listen + 3))
if [ "$sample" -gt 0 ]; then
  split=$(awk -v now="$(date +%s.%N)" -v t="$seconds" 'BEGIN { printf "%.3f", now + 2 + t }')
  python3 bench/rtp-intervals.py "$samplerx" "$((window + 2))" --split-at "$split" --verbose > "$tmp/rtp.txt" 2> "$tmp/rtp-late.txt" &
  receiver=$!; pids+=("$receiver")
  run_sipp sample system-tests/src/test/resources/sipp/call.xml "127.0.0.1:$sip" -p "$(free_port 19000 20000)" \
    -s ivr -key caller sampler -key rtpport "$samplerx" -key pts "0 101" -m "$sample" -r "$sample" \
    -d $((window * 1000)) &
  pids+=($!)
  sleep 2
fi

case "$mix" in
  press1) scenario=bench/sipp/caller-press1.xml ;;
  press2) scenario=bench/sipp/caller-press2.xml ;;
  hangup) scenario=system-tests/src/test/resources/sipp/call.xml ;;
esac
calls=$((rate * seconds))
cpu0=$(awk '{print $14 + $15}' "/proc/$server/stat")
start=$(date +%s.%N)
( peak=0; while kill -0 "$server" 2>/dev/null; do
    n=$(api /health | sed -n 's/.*"liveCalls":\([0-9]*\).*/\1/p'); [ -n "$n" ] && [ "$n" -gt "$peak" ] && peak=$n
    echo "$peak" > "$tmp/peak"; sleep 1; done ) &
pids+=($!)
run_sipp callers "$scenario" "127.0.0.1:$sip" -p "$(free_port 19000 20000)" -s ivr -key caller +14155550100 \
  -key rtpport 9 -key pts "0 101" -r "$rate" -l "$concurrent" -m "$calls" -d $((listen * 1000)) \
  -trace_rtt -rtt_freq 1 -timeout $((seconds + listen + talk + 90))s || true
end=$(date +%s.%N)
cpu1=$(awk '{print $14 + $15}' "/proc/$server/stat")
[ -n "${receiver:-}" ] && wait "$receiver" 2>/dev/null || true

last=$(tail -1 "$tmp/callers/stat.csv")
col() { head -1 "$tmp/callers/stat.csv" | tr ';' '\n' | grep -nx "$1" | cut -d: -f1; }
field() { echo "$last" | cut -d';' -f"$(col "$1")"; }
created=$(field "TotalCallCreated"); ok=$(field "SuccessfulCall(C)"); failed=$(field "FailedCall(C)")
elapsed=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
hz=$(getconf CLK_TCK)
cpu=$(awk -v a="$cpu0" -v b="$cpu1" -v hz="$hz" -v t="$elapsed" -v n="$(nproc)" 'BEGIN { printf "%.0f", 100 * (b - a) / hz / t / n }')
rtt=$(cat "$tmp"/callers/*_rtt.csv 2>/dev/null | awk -F';' '$0 !~ /Date/ { print $2 }' | sort -n)
pct() { echo "$rtt" | awk -v p="$1" '{ v[NR] = $1 } END { if (NR) { i = int(p * NR); if (i < 1) i = 1; printf "%.1f", v[i] } else printf "n/a" }'; }
heap=$(jcmd "$server" GC.heap_info 2>/dev/null | grep -oE 'used [0-9]+[KMG]|[0-9]+[KMG] used' | head -1 | grep -oE '[0-9]+[KMG]') || true  # G1: "used 72474K", Shenandoah: "181M used"

echo "machine: $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg); SIPp on the same machine"
echo "mix $mix: rate $rate/s, at most $concurrent at once, $seconds s, $agents agents (talk ${talk}s), listen ${listen}s"
echo "calls attempted $created, completed $ok, failed $failed; the run took ${elapsed}s (calls set up at $rate/s for ${seconds}s, then drained): $(awk -v c="$ok" -v t="$elapsed" 'BEGIN { printf "%.1f", c / t }') completed calls/s over the run"
echo "peak concurrent calls in Popline $(cat "$tmp/peak" 2>/dev/null || echo n/a)"
echo "INVITE to 200 OK: p50 $(pct 0.5) ms, p99 $(pct 0.99) ms"
[ "$sample" -gt 0 ] && cat "$tmp/rtp.txt" 2>/dev/null
echo "server CPU ${cpu}% of the machine, heap used ${heap:-n/a}"
# A server that fell behind is still tearing calls down when SIPp is done: wait for that (bounded),
# so that what is left over afterwards is a leak, not a backlog.
leftover() { echo "$health" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
drained=0
for drained in $(seq 0 60); do
  health=$(api /health)
  [ "$(leftover liveCalls)" = 0 ] && [ "$(leftover reservedAgents)" = 0 ] && [ "$(leftover agentLegs)" = 0 ] && break
  sleep 1
done
echo "left over ${drained} s after the run: $(leftover liveCalls) calls, $(leftover openRtpPorts) RTP ports, $(leftover reservedAgents) reserved agents, $(leftover agentLegs) agent legs, $(leftover waitingCallers) waiting callers"
echo "outcomes (call detail records of the measured callers):"
cat "$tmp"/cdr/*.jsonl 2>/dev/null | python3 -c '
import json, sys, collections
outcomes = collections.Counter()
for line in sys.stdin:
    try:
        record = json.loads(line)
    except ValueError:
        continue
    if record.get("ani") == "+14155550100":
        outcomes[(record["endedBy"], record["reason"], "agent" if record.get("agent") else "no agent")] += 1
print("\n".join(f"  {n:6d}  ended by {by}: {why} ({agent})" for (by, why, agent), n in outcomes.most_common()) or "  none")'
echo "logs and SIPp output: $tmp"
# Exit status for scripts: 1 if a call failed or anything was left over.
[ "${failed:-1}" = 0 ] && [ "$(leftover liveCalls)" = 0 ] && [ "$(leftover openRtpPorts)" = 0 ] \
  && [ "$(leftover reservedAgents)" = 0 ] && [ "$(leftover agentLegs)" = 0 ]
