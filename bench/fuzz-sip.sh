#!/usr/bin/env bash
# SIP fuzz kit: starts Popline (popline.jar) on free loopback ports, makes one real call, sends N
# mutated SIP messages over UDP and TCP (system-tests' SipFuzzer: seeded, so a run can be repeated;
# bit flips, cut messages, repeated headers, oversized values, odd Via transports...), waits for
# Popline's timeouts to run, and prints: what /health shows (live calls, open RTP ports), the heap
# after a full GC before and after, the log lines written during the run, popline_sip_unparsable_total,
# whether a real call still works, and what SIPVicious' svmap, svwar and svcrack get. Bounded: the
# fuzzer stops after N messages or 30 minutes, every wait has a limit, everything it started is
# stopped at the end. Loopback only.
#   bench/fuzz-sip.sh [--count N] [--seed S] [--rate R]     (defaults: 100000, 3261, 2000 per second)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

count=100000 seed=3261 rate=2000
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2 ;; --seed) seed=$2 ;; --rate) rate=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
for b in sipp java jcmd curl svmap svwar svcrack; do command -v $b >/dev/null || { echo "missing $b" >&2; exit 2; }; done
[ -f app/target/popline.jar ] || mvn -B -q -DskipTests package
[ -f system-tests/target/test-classes/org/popline/sip/fuzz/SipFuzzer.class ] || mvn -B -q -pl system-tests -am test-compile

free_port() {  # a free UDP+TCP port in [lo, hi)
  local p; for _ in $(seq 100); do
    p=$(( $1 + RANDOM % ($2 - $1) ))
    ss -Hlun "sport = :$p" | grep -q . || ss -Hltn "sport = :$p" | grep -q . || { echo $p; return; }
  done; return 1
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/popline-fuzz.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

sip=$(free_port 15000 16000); http=$(free_port 16000 17000); rtp=$(( $(free_port 30000 39000) / 2 * 2 ))
java -jar app/target/popline.jar --sip-port "$sip" --http-port "$http" --rtp-ports "$rtp-$((rtp + 199))" \
  --set crm.emulator.port=0 --set desk.port=0 --set cdr.folder="$tmp/cdr" --set call.flow=greeting \
  --set sip.no-ack-timeout=5s --set rtp.timeout=5s --set call.max-duration=60s \
  --set sip.digest-algorithms=md5 > "$tmp/popline.log" 2>&1 &
server=$!; pids+=("$server")
for _ in $(seq 120); do grep -q "listening:" "$tmp/popline.log" && break; sleep 0.5; done
grep -q "listening:" "$tmp/popline.log" || { tail -20 "$tmp/popline.log"; exit 1; }
health() { curl -s --max-time 5 "http://127.0.0.1:$http/health"; }
heap_mb() {  # used heap after a full GC, in MB
  jcmd "$server" GC.run >/dev/null
  jcmd "$server" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | awk '{ printf "%d", $2 / 1024 }'
}
real_call() {
  timeout 60 sipp "127.0.0.1:$sip" -sf system-tests/src/test/resources/sipp/call.xml -s ivr -i 127.0.0.1 \
    -p "$(free_port 17000 18000)" -m 1 -d 1000 -key caller sipp -key rtpport 9 -key pts 0 \
    -timeout 30s -timeout_error -nostdin > "$tmp/call.out" 2>&1 && echo works || echo FAILED
}

echo "nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg); Popline on SIP $sip, log $tmp/popline.log"
echo "real call before: $(real_call)"
sleep 2
before=$(heap_mb)
lines_before=$(wc -l < "$tmp/popline.log")
timeout 1900 java -cp system-tests/target/test-classes org.popline.sip.fuzz.SipFuzzer "$sip" "$count" "$seed" "$rate"
lines_after=$(wc -l < "$tmp/popline.log")
for _ in $(seq 240); do
  h=$(health); grep -q '"liveCalls":0' <<<"$h" && grep -q '"openRtpPorts":0' <<<"$h" && break; sleep 0.5
done
echo "health once calls have timed out: $(health)"
# The stack keeps each request's transaction until its timers run out (32 s).
sleep 40
after=$(heap_mb)
echo "heap after full GC: ${before} MB before, ${after} MB after"
sed -n "$((lines_before + 1)),${lines_after}p" "$tmp/popline.log" > "$tmp/during.log"
echo "log during the run: $((lines_after - lines_before)) lines, $(grep -c ' ERROR ' "$tmp/during.log" || true) ERROR," \
  "$(grep -c ' WARN ' "$tmp/during.log" || true) WARN, longest $(awk '{ if (length > m) m = length } END { print m + 0 }' "$tmp/during.log") characters"
echo "$(curl -s --max-time 5 "http://127.0.0.1:$http/metrics" | grep '^popline_sip_unparsable_total')"
echo "real call after: $(real_call)"

echo "--- SIPVicious"
printf '%s\n' 100 200 agent1 agent2 ivr popline admin 1000 > "$tmp/extensions.txt"
printf '%s\n' 123456 password secret agent1 admin 1234 letmein changeme popline lab > "$tmp/passwords.txt"
echo "svmap:"; timeout 60 svmap -p "$sip" 127.0.0.1 2>&1 | grep -v '^$' | tail -5 || true
echo "svwar (INVITE):"; timeout 120 svwar -p "$sip" -m INVITE -d "$tmp/extensions.txt" 127.0.0.1 2>&1 | grep -v '^$' | tail -8 || true
echo "svwar (REGISTER):"; timeout 120 svwar -p "$sip" -m REGISTER -d "$tmp/extensions.txt" 127.0.0.1 2>&1 | grep -v '^$' | tail -8 || true
echo "svcrack (agent1):"; timeout 120 svcrack -p "$sip" -u agent1 -d "$tmp/passwords.txt" 127.0.0.1 2>&1 | grep -v '^$' | tail -5 || true
echo "lockouts: $(curl -s --max-time 5 "http://127.0.0.1:$http/registrations" | grep -o '"lockouts":.*' | cut -c1-200)"
echo "health at the end: $(health)"
