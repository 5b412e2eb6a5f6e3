#!/usr/bin/env bash
# Memory per live call and CPU per call: for each N, holds N concurrent IVR callers (distinct known callers of
# a generated CRM, who go through the greeting, lookup and personalised prompt, let the menu time out and wait
# in the queue with music), and prints one row:
#   heap per live call: (heap after a full GC with N in) - (heap after a full GC before) / N  (jcmd GC.run)
#   CPU per call set-up: Popline's CPU ticks (/proc) from the first INVITE until all N are in and have
#                        heard their prompts (--settle s), less the idle rate, / N
#   CPU per held call:   ticks over --hold s with all N waiting (music on hold), per call and second.
#   bench/per-call.sh [--counts 100,1000,2000] [--rate 50] [--settle 25] [--hold 10] [--contacts N]
#                     [--warmup 2000] [--crm process|embedded] [--gc default|g1|parallel|zgc|shenandoah]
# Before the first N, --warmup callers (other numbers of the CRM) take the whole IVR path and press 2, so that
# the JIT has compiled it: measured cold, the first N's set-up cost twice what it does warm.
# JAVA=/path/to/bin/java runs it on that JDK. Bounded: each N's SIPp run ends after N/rate + settle + hold + 60 s.
set -euo pipefail
counts=100,1000,2000 rate=50 settle=25 hold=10 contacts=100000 crm_mode=process gc=default warmup=2000
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "option $1 needs a value" >&2; exit 2; }
  case "$1" in
    --counts) counts=$2 ;; --rate) rate=$2 ;; --settle) settle=$2 ;; --hold) hold=$2 ;;
    --contacts) contacts=$2 ;; --crm) crm_mode=$2 ;; --gc) gc=$2 ;; --warmup) warmup=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
max=$(tr ',' '\n' <<<"$counts" | sort -n | tail -1)
crm_seconds=$(( $(tr ',' '\n' <<<"$counts" | awk -v r="$rate" -v s="$settle" -v h="$hold" '{ t += $1 / r + s + h + 90 } END { print int(t) }') + warmup / rate + 120 ))
source "$(dirname "$0")/kit.sh"
cd "$kit_here"
POPLINE_JAVA_OPTS="$(gc_flags "$gc") ${POPLINE_JAVA_OPTS:-}"
crm_generate "$contacts" 1
crm_start "$crm_mode"
rtp_sink 7200
popline_start --set call.max-concurrent=$((max + 100)) --set queues.support.max-size=100000 --set queues.support.max-wait=1h
crm_ready
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
drain() { for _ in $(seq 120); do [ "$(health liveCalls)" = 0 ] && return; sleep 1; done; echo "calls still live" >&2; }

from=1
if [ "$warmup" -gt 0 ]; then
  injection "$tmp/warmup.csv" "$from" "$warmup"; from=$((from + warmup))
  run_sipp warmup bench/sipp/caller-press2.xml $((warmup / rate + 120)) "127.0.0.1:$sip" -p "$(free_port 19000 20000)" \
    -inf "$tmp/warmup.csv" -key rtpport "$sinkport" -key pts "0 101" -r "$rate" -l "$warmup" -m "$warmup" -d 14000 || true
  echo "warm-up: $warmup callers on the whole IVR path at $rate/s, not counted"
fi
echo "JDK $java_major, GC $gc; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%6s %10s %14s %14s %18s %20s\n' N live "heap/call KB" "RSS/call KB" "CPU/set-up ms" "CPU/held call ms/s"
for n in ${counts//,/ }; do
  drain
  idle0=$(ticks); sleep 5; idle=$(awk -v a="$idle0" -v b="$(ticks)" 'BEGIN { print (b - a) / 5 }')  # ticks/s idle
  base=$(heap_after_gc); rss0=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
  injection "$tmp/per-call-$n.csv" "$from" "$n"; from=$((from + n))
  ramp=$(( (n + rate - 1) / rate ))
  t0=$(ticks); s0=$(date +%s.%N)
  run_sipp "hold-$n" bench/sipp/caller-hangup.xml $((ramp + settle + hold + 60)) "127.0.0.1:$sip" \
    -p "$(free_port 19000 20000)" -inf "$tmp/per-call-$n.csv" -key rtpport "$sinkport" -key pts "0 101" -r "$rate" -l "$n" \
    -m "$n" -d $(( (ramp + settle + hold + 20) * 1000 )) &
  sipp_run=$!; pids+=("$sipp_run")
  for _ in $(seq $((ramp + 60))); do [ "$(health liveCalls)" -ge "$n" ] 2>/dev/null && break; sleep 1; done
  live=$(health liveCalls)
  sleep "$settle"
  t1=$(ticks); s1=$(date +%s.%N)
  sleep "$hold"
  t2=$(ticks); s2=$(date +%s.%N)
  used=$(heap_after_gc); rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
  awk -v n="$n" -v live="$live" -v base="$base" -v used="$used" -v rss0="$rss0" -v rss="$rss" -v hz="$hz" -v idle="$idle" \
      -v t0="$t0" -v t1="$t1" -v t2="$t2" -v s0="$s0" -v s1="$s1" -v s2="$s2" 'BEGIN {
    setup = ((t1 - t0) - idle * (s1 - s0)) / hz * 1000 / n
    held = ((t2 - t1) - idle * (s2 - s1)) / hz * 1000 / n / (s2 - s1)
    printf "%6d %10d %14.1f %14.1f %18.1f %20.3f\n", n, live, (used - base) / 1024 / n, (rss - rss0) / n, setup, held }'
  wait "$sipp_run" 2>/dev/null || true  # the callers hang up 20 s after the hold
done
echo "heap: after jcmd GC.run, from /metrics; set-up: from the first INVITE to ${settle} s after all were in; held: ${hold} s of music on hold"
echo "logs: $tmp"
