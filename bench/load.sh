#!/usr/bin/env bash
# SIPp load kit: a generated CRM (--contacts, its emulator in a process of its own unless --crm embedded),
# Popline with K extra agents whose phones are one SIPp process, SIPp callers at rate R (at most C at once)
# for T seconds, each call from a different known number of the CRM; prints what happened and writes an
# HTML report of the run. Bounded: R*T calls, T+S+120 s for SIPp (S: listen + talk); everything it started
# is stopped at the end. Loopback only.
#   bench/load.sh [--mix short|ivr|agents] [--rate R] [--concurrent C] [--seconds T] [--agents K]
#                 [--talk S] [--listen S] [--sample N] [--warmup W] [--warmup-rate R] [--contacts N] [--crm-seed S]
#                 [--crm process|embedded] [--gc default|g1|parallel|zgc|shenandoah] [--profile on] [--perf on]
#   short:  callers hang up after --listen s (default 1: call setup and teardown, during the greeting);
#   ivr:    the whole IVR path: greeting, CRM lookup (two requests), the personalised prompt, the menu;
#           callers press 2 after --listen s (default 14, into the menu) and Popline hangs up after the goodbye;
#   agents: as ivr, but callers press 1 and wait for an agent, who talks --talk s and hangs up.
#   (press2, press1 and hangup are the old names of ivr, agents and short.)
#   --sample N: N extra callers whose RTP goes to a receiver measuring Popline's send intervals;
#           they stay in the IVR for the whole run.
#   --warmup W: first W s (default 60, not counted) of calls taking the measured callers' path at --warmup-rate
#           (1 s calls for short at R, at most 300/s; otherwise the ivr path, pressing 2 at 14 s, at R, at
#           most 50/s), from other numbers of the CRM than the measured callers', so that the figures are
#           those of a server whose code the JIT has compiled, as one running for days is.
#   JAVA=/path/to/bin/java runs Popline and the emulator on that JDK; --gc picks the collector for it
#   (zgc: generational where the JDK has it); POPLINE_JAVA_OPTS adds JVM flags, POPLINE_SETS settings.
#   Every run prints Popline's CPU per thread group (and the kernel's part of it) and per call over the
#   measured window (from /proc).
#   --profile on: adds a JFR recording of the window (default settings; starting JFR makes the JIT compile
#           much again, so read such a run for allocation, not latency) and prints bytes allocated per call,
#           the top allocating classes and sites, hot methods, GC pauses and safepoints
#           (bench/report/profile.py; the views need a JDK 21+ jfr tool, the Temurin 25 one where it is,
#           whatever JDK Popline runs on).
#   --perf on: samples Popline's threads with Linux perf (Debian linux-perf; root or perf_event_paranoid <= 1)
#           over the window, the kernel included, and prints per thread group where the samples were: the
#           JIT's code (named through `jcmd Compiler.perfmap`), native code, system calls, page faults
#           (bench/report/perf-summary.py). Sampling costs a few per cent of CPU.
#   Outcomes are read from the run's call detail records (its own cdr.folder under the run folder).
set -euo pipefail
mix=ivr rate=10 concurrent=200 seconds=30 agents=10 talk=5 listen= sample=5 warmup=60 warmrate=
contacts=100000 crm_seed_number=1 crm_mode=process gc=default profile=off perf=off
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "option $1 needs a value" >&2; exit 2; }
  case "$1" in
    --mix) mix=$2 ;; --rate) rate=$2 ;; --concurrent) concurrent=$2 ;; --seconds) seconds=$2 ;;
    --agents) agents=$2 ;; --talk) talk=$2 ;; --listen) listen=$2 ;; --sample) sample=$2 ;;
    --warmup) warmup=$2 ;; --warmup-rate) warmrate=$2 ;; --contacts) contacts=$2 ;; --crm-seed) crm_seed_number=$2 ;; --crm) crm_mode=$2 ;;
    --gc) gc=$2 ;; --profile) profile=$2 ;; --perf) perf=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
case "$mix" in hangup) mix=short ;; press2) mix=ivr ;; press1) mix=agents ;; esac
case "$mix" in
  short) scenario=bench/sipp/caller-hangup.xml; listen=${listen:-1} ;;
  ivr) scenario=bench/sipp/caller-press2.xml; listen=${listen:-14} ;;
  agents) scenario=bench/sipp/caller-press1.xml; listen=${listen:-14} ;;
  *) echo "--mix is short, ivr or agents" >&2; exit 2 ;;
esac
case "$crm_mode" in process|embedded) ;; *) echo "--crm is process or embedded" >&2; exit 2 ;; esac
if [ "$perf" = on ] && ! perf record -q -e cpu-clock -o /dev/null -- true >/dev/null 2>&1; then
  echo "--perf on needs Linux perf that may sample (apt-get install linux-perf; root or kernel.perf_event_paranoid <= 1)" >&2
  exit 2
fi
crm_seconds=$((warmup + seconds + listen + talk + 300))
source "$(dirname "$0")/kit.sh"
cd "$kit_here"
gc_opts=$(gc_flags "$gc")
POPLINE_JAVA_OPTS="$gc_opts ${POPLINE_JAVA_OPTS:-}"

crm_generate "$contacts" "$crm_seed_number"
known=$(($(wc -l < "$crm_callers") - 1))
calls=$((rate * seconds))
# 1 s calls warm up on 1 s calls; callers who stay longer (ivr, agents, short with --listen 60 to hold
# 1000 in the IVR) warm up on the ivr path, pressing 2 at 14 s, when the menu has been reached.
if [ "$mix" = short ] && [ "$listen" -le 2 ]; then warmcap=300 warmscenario=$scenario warmlisten=$listen
else warmcap=50 warmscenario=bench/sipp/caller-press2.xml warmlisten=$((listen < 14 ? listen : 14)); fi
warmrate=${warmrate:-$(( rate < warmcap ? rate : warmcap ))}
[ $((calls + warmrate * warmup)) -le "$known" ] || echo "note: $((calls + warmup * warmrate)) calls but $known known callers: numbers repeat, their prompts come from the cache" >&2
injection "$tmp/callers.csv" 1 "$calls"
injection "$tmp/warmup.csv" $((calls + 1)) $((warmrate * warmup))
printf 'SEQUENTIAL\nsampler;\n' > "$tmp/sampler.csv"
crm_start "$crm_mode"
rtp_sink $((warmup + seconds + listen + talk + 900))

agentport=$(free_port 17000 18000); samplerx=$(free_port 18000 19000)
sets=(--set call.max-concurrent=$((concurrent + sample + 100)) --set queues.support.max-size=100000
      --set queues.support.ring-timeout=10s --set queues.support.wrap-up=1s --set queues.support.max-wait=10m)
for i in $(seq 1 "$agents"); do
  sets+=(--set "agents.load$i.password=load-secret-$i" --set "agents.load$i.queues=support")
done
popline_start "${sets[@]}"
crm_ready
limit=$((seconds + listen + talk + 120))

if [ "$mix" = agents ] && [ "$agents" -gt 0 ]; then
  run_sipp phones bench/sipp/agent-phone.xml "$limit" -p "$agentport" -d $((talk * 1000)) -rtp_echo &
  pids+=($!)
  # One SIPp run per agent: SIPp 3.6 cannot take digest credentials from an injection file.
  for i in $(seq 1 "$agents"); do
    run_sipp register system-tests/src/test/resources/sipp/register.xml 30 "127.0.0.1:$sip" -p "$(free_port 19000 20000)" \
      -au "load$i" -ap "load-secret-$i" -key user "load$i" -key contact "sip:load$i@127.0.0.1:$agentport" \
      -key expires 3600 -m 1 -timeout 10s || echo "agent load$i did not register" >&2
  done
  echo "agents registered: $(api /agents | grep -o '"state":"AVAILABLE"' | wc -l) of $agents"
fi
# The warm-up callers take the measured callers' path, so that the code the JIT compiles is the code
# measured: warmed with 1 s calls only, the ivr runs spent 40 % of their CPU compiling.
if [ "$warmup" -gt 0 ]; then
  run_sipp warmup "$warmscenario" $((warmup + warmlisten + 90)) "127.0.0.1:$sip" -p "$(free_port 19000 20000)" \
    -inf "$tmp/warmup.csv" -key rtpport "$sinkport" -key pts "0 101" -r "$warmrate" -l "$concurrent" -m $((warmrate * warmup)) \
    -d $((warmlisten * 1000)) -timeout $((warmup + warmlisten + 60))s || true
  for _ in $(seq 60); do [ "$(health liveCalls)" = 0 ] && break; sleep 1; done
  echo "warm-up: $(tail -1 "$tmp/warmup/stat.csv" | cut -d';' -f"$(head -1 "$tmp/warmup/stat.csv" | tr ';' '\n' | grep -nx 'SuccessfulCall(C)' | cut -d: -f1)") calls of ${warmlisten} s ($(basename "$warmscenario")) at $warmrate/s, not counted"
fi
# The sample callers stay until the last callers have listened, so the sample covers the time
# callers arrive and, with --listen longer than --seconds, the time they are all in.
window=$((seconds + listen + 3))
if [ "$sample" -gt 0 ]; then
  split=$(awk -v now="$(date +%s.%N)" -v t="$seconds" 'BEGIN { printf "%.3f", now + 2 + t }')
  python3 bench/rtp-intervals.py "$samplerx" "$((window + 2))" --split-at "$split" --verbose --late-ms 2 \
    --histogram "$tmp/rtp-histogram.json" > "$tmp/rtp.txt" 2> "$tmp/rtp-late.txt" &
  receiver=$!; pids+=("$receiver")
  run_sipp sample bench/sipp/caller-hangup.xml "$limit" "127.0.0.1:$sip" -p "$(free_port 19000 20000)" \
    -inf "$tmp/sampler.csv" -key rtpport "$samplerx" -key pts "0 101" -m "$sample" -r "$sample" -d $((window * 1000)) &
  pids+=($!)
  sleep 2
fi

api /metrics > "$tmp/metrics-before.txt"
sampler_start "$limit"
python3 bench/report/profile.py threads "$server" "$tmp/threads-before.json"
[ "$profile" = on ] && "$jdk_bin/jcmd" "$server" JFR.start name=load settings=default filename="$tmp/load.jfr" >/dev/null
cpu0=$(cpu_ticks "$server")
[ -n "$crm_java" ] && crm_cpu0=$(cpu_ticks "$crm_java")
if [ "$perf" = on ]; then
  perf record -q -e cpu-clock -F 499 -g -p "$server" -o "$tmp/perf.data" > "$tmp/perf-record.txt" 2>&1 &
  perfrec=$!; pids+=("$perfrec")
fi
start=$(date +%s.%N)
run_sipp callers "$scenario" "$limit" "127.0.0.1:$sip" -p "$(free_port 19000 20000)" -inf "$tmp/callers.csv" \
  -key rtpport "$sinkport" -key pts "0 101" -r "$rate" -l "$concurrent" -m "$calls" -d $((listen * 1000)) \
  -trace_rtt -rtt_freq 1 -timeout $((seconds + listen + talk + 90))s || true
end=$(date +%s.%N)
cpu1=$(cpu_ticks "$server")
python3 bench/report/profile.py threads "$server" "$tmp/threads-after.json"
[ "$profile" = on ] && "$jdk_bin/jcmd" "$server" JFR.stop name=load >/dev/null
if [ "$perf" = on ]; then
  kill -INT "$perfrec"; wait "$perfrec" 2>/dev/null || true
  # Written now, so that it names what the JIT compiled during the window; perf reads it from /tmp by PID.
  "$jdk_bin/jcmd" "$server" Compiler.perfmap >/dev/null
fi
[ -n "${receiver:-}" ] && wait "$receiver" 2>/dev/null || true

last=$(tail -1 "$tmp/callers/stat.csv")
col() { head -1 "$tmp/callers/stat.csv" | tr ';' '\n' | grep -nx "$1" | cut -d: -f1; }
field() { echo "$last" | cut -d';' -f"$(col "$1")"; }
created=$(field "TotalCallCreated"); ok=$(field "SuccessfulCall(C)"); failed=$(field "FailedCall(C)")
retrans=$(field "Retransmissions(C)")
elapsed=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
hz=$(getconf CLK_TCK)
cpu=$(awk -v a="$cpu0" -v b="$cpu1" -v hz="$hz" -v t="$elapsed" -v n="$(nproc)" 'BEGIN { printf "%.0f", 100 * (b - a) / hz / t / n }')
rtt=$(cat "$tmp"/callers/*_rtt.csv 2>/dev/null | awk -F';' '$0 !~ /Date/ { print $2 }' | sort -n)
pct() { echo "$rtt" | awk -v p="$1" '{ v[NR] = $1 } END { if (NR) { i = int(p * NR); if (i < 1) i = 1; printf "%.1f", v[i] } else printf "n/a" }'; }
peak=$(awk 'BEGIN { p = 0 } $3 > p { p = $3 } END { print p }' "$tmp/samples.tsv")
heap=$(awk '$4 > p { p = $4 } END { printf "%.0f MB", p / 1048576 }' "$tmp/samples.tsv")
api /metrics > "$tmp/metrics-after.txt"
python3 bench/report/metrics-delta.py "$tmp/metrics-before.txt" "$tmp/metrics-after.txt" > "$tmp/metrics-delta.txt"
delta() { sed -n "s/^$1=//p" "$tmp/metrics-delta.txt"; }

echo "machine: $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg); SIPp on the same machine$(damon_note)"
echo "mix $mix: rate $rate/s, at most $concurrent at once, $seconds s, listen ${listen}s$([ "$mix" = agents ] && echo ", $agents agents (talk ${talk}s)"); JDK $java_major, GC $gc"
echo "calls attempted $created, completed $ok, failed $failed, SIPp retransmissions $retrans; the run took ${elapsed}s (calls set up at $rate/s for ${seconds}s, then drained): $(awk -v c="$ok" -v t="$elapsed" 'BEGIN { printf "%.1f", c / t }') completed calls/s over the run"
echo "peak concurrent calls in Popline $peak"
echo "INVITE to 200 OK: p50 $(pct 0.5) ms, p99 $(pct 0.99) ms"
echo "prompt first frame after the CRM's answer: p50 $(delta first_frame_p50_ms) ms, p99 $(delta first_frame_p99_ms) ms"
[ "$sample" -gt 0 ] && cat "$tmp/rtp.txt" 2>/dev/null
echo "server CPU ${cpu}% of the machine, heap used at most $heap, GC pauses $(delta gc_pause_seconds) s"
allocated=$(awk -v b="$(delta allocated_bytes)" -v c="$ok" 'BEGIN { if (b == "n/a" || b == "") print "n/a"; else printf "%.0f MB, %.0f KB per completed call", b / 1048576, b / 1024 / (c > 0 ? c : 1) }')
echo "allocated on the heap: $allocated (the young generation's growth between collections, give or take one young generation)"
crm_cpu=""
[ -n "$crm_java" ] && crm_cpu=$(awk -v a="$crm_cpu0" -v b="$(cpu_ticks "$crm_java")" -v hz="$hz" 'BEGIN { printf "%.1f", (b - a) / hz }')
echo "beside it over the run: SIPp callers used $(sipp_cpu callers) s of CPU$([ -n "$crm_cpu" ] && echo ", the CRM emulator $crm_cpu s"), of $(awk -v t="$elapsed" -v n="$(nproc)" 'BEGIN { printf "%.1f", t * n }') s the machine had"
# A server that fell behind is still tearing calls down when SIPp is done: wait for that (bounded),
# so that what is left over afterwards is a leak, not a backlog.
leftover() { echo "$health_now" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
drained=0
for drained in $(seq 0 60); do
  health_now=$(api /health)
  [ "$(leftover liveCalls)" = 0 ] && [ "$(leftover reservedAgents)" = 0 ] && [ "$(leftover agentLegs)" = 0 ] && break
  sleep 1
done
echo "left over ${drained} s after the run: $(leftover liveCalls) calls, $(leftover openRtpPorts) RTP ports, $(leftover reservedAgents) reserved agents, $(leftover agentLegs) agent legs, $(leftover waitingCallers) waiting callers"
echo "outcomes (call detail records of the measured callers):"
cat "$tmp"/cdr/*.jsonl 2>/dev/null | python3 bench/report/cdr-summary.py "$tmp/callers.csv" > "$tmp/cdr-summary.txt" || true
grep -v '=' "$tmp/cdr-summary.txt" || true
cdr() { sed -n "s/^$1=//p" "$tmp/cdr-summary.txt"; }
echo "callers: $(cdr cdr_calls) records of $(($(wc -l < "$tmp/callers.csv") - 1)) different known numbers; the CRM found $(cdr recognised) ($(cdr distinct_customers) distinct customers), $(cdr personalised_prompt_reached) reached their personalised prompt; $(delta prompts_synthesised) prompts synthesised, $(delta crm_lookups) CRM lookups ($(delta crm_errors) failed)"

jfr_tool="$jdk_bin/jfr"
[ "$java_major" -ge 21 ] || jfr_tool=$(ls /usr/lib/jvm/*/bin/jfr 2>/dev/null | while read -r j; do
  v=$("$(dirname "$j")/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ "${v:-0}" -ge 21 ] && echo "$j"; done | head -1)
python3 bench/report/profile.py summary --before "$tmp/threads-before.json" --after "$tmp/threads-after.json" \
  --calls "$ok" --seconds "$elapsed" --jfr "$tmp/load.jfr" --jfr-tool "${jfr_tool:-none}" | tee "$tmp/profile.txt"
if [ "$perf" = on ]; then
  python3 bench/report/perf-summary.py "$tmp/perf.data" | tee "$tmp/perf.txt"
  mv "/tmp/perf-$server.map" "$tmp/" 2>/dev/null || true
fi

cat > "$tmp/summary.tsv" <<EOF
mix	$mix
JDK, GC	$java_major, $gc ${POPLINE_JAVA_OPTS:-}
CRM	$contacts contacts ($crm_mode)
rate	$rate/s for $seconds s, listen $listen s
calls attempted	$created
completed	$ok
failed	$failed
retransmissions	$retrans
peak live calls	$peak
INVITE→200 p50 / p99	$(pct 0.5) / $(pct 0.99) ms
first frame p50 / p99	$(delta first_frame_p50_ms) / $(delta first_frame_p99_ms) ms
callers recognised	$(cdr recognised) of $(cdr cdr_calls) ($(cdr distinct_customers) distinct)
prompts synthesised	$(delta prompts_synthesised)
Popline CPU	${cpu} % of $(nproc) cores
heap at most	$heap
GC pauses	$(delta gc_pause_seconds) s
allocated	$allocated
RTP sample	$(sed -n '2,3p' "$tmp/rtp.txt" 2>/dev/null | sed 's/^ *//' | paste -sd'|' | sed 's/|/; /')
left over	$(leftover liveCalls) calls, $(leftover openRtpPorts) RTP ports
EOF
python3 bench/report/report.py "$tmp" && echo "report: $tmp/report.html"
echo "logs and SIPp output: $tmp"
# Exit status for scripts: 1 if a call failed or anything was left over.
[ "${failed:-1}" = 0 ] && [ "$(leftover liveCalls)" = 0 ] && [ "$(leftover openRtpPorts)" = 0 ] \
  && [ "$(leftover reservedAgents)" = 0 ] && [ "$(leftover agentLegs)" = 0 ]
