# What the load kit's scripts share (sourced by bench/load.sh and bench/per-call.sh): the JDK, a generated
# CRM and its emulator in a process of its own, Popline started on free loopback ports, SIPp runs, and the
# per-second sampler of Popline's CPU, heap and live calls. Every process started here is stopped on exit,
# by its PID. Bounded: each wait has a limit.
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java   the JDK for Popline and the emulator (its jcmd beside it)
#   POPLINE_BENCH_CACHE (default /tmp/popline-bench)   where generated CRMs are kept between runs
kit_here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
java_bin=$(readlink -f "$(command -v "${JAVA:-java}")") || { echo "no java at ${JAVA:-java}" >&2; exit 2; }
jdk_bin=$(dirname "$java_bin")
java_major=$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
for b in sipp python3 curl keytool; do command -v $b >/dev/null || { echo "missing $b" >&2; exit 2; }; done
for b in jcmd; do [ -x "$jdk_bin/$b" ] || { echo "missing $jdk_bin/$b (the JDK's own, to attach to its JVM)" >&2; exit 2; }; done
[ -f "$kit_here/app/target/popline.jar" ] || (cd "$kit_here" && mvn -B -q -DskipTests package)

# JVM flags for a collector name: g1, zgc (generational: the only ZGC from JDK 24, a flag on 21-23,
# not there on 17), shenandoah, or default (the JVM's choice: G1 on a server-class machine).
gc_flags() {
  case "$1" in
    default) ;;
    g1) echo "-XX:+UseG1GC" ;;
    parallel) echo "-XX:+UseParallelGC" ;;
    shenandoah) echo "-XX:+UseShenandoahGC" ;;
    zgc)
      if [ "$java_major" -ge 24 ]; then echo "-XX:+UseZGC"
      elif [ "$java_major" -ge 21 ]; then echo "-XX:+UseZGC -XX:+ZGenerational"
      else echo "note: JDK $java_major has no generational ZGC; using single-generation ZGC" >&2; echo "-XX:+UseZGC"; fi ;;
    *) echo "--gc is default, g1, parallel, zgc or shenandoah" >&2; return 2 ;;
  esac
}

free_port() {  # a free UDP+TCP port in [lo, hi)
  local p; for _ in $(seq 100); do
    p=$(( $1 + RANDOM % ($2 - $1) ))
    ss -Hlun "sport = :$p" | grep -q . || ss -Hltn "sport = :$p" | grep -q . || { echo $p; return; }
  done; return 1
}

# rtp_sink SECONDS: a port the callers' SDP names for their audio, held open and never read (bench/rtp-sink.py);
# sets sinkport.
rtp_sink() {
  sinkport=$(free_port 14000 15000)
  python3 "$kit_here/bench/rtp-sink.py" "$sinkport" "$1" & pids+=($!)
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/popline-load.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# crm_generate N SEED: sets crm_seed (emulator seed) and crm_callers (SIPp injection file, one own number
# per contact, E.164), generating them once per N and SEED.
crm_generate() {
  local cache=${POPLINE_BENCH_CACHE:-/tmp/popline-bench}
  mkdir -p "$cache"
  crm_seed="$cache/crm-$1-seed$2.json" crm_callers="$cache/callers-$1-seed$2.csv"
  if [ ! -s "$crm_seed" ] || [ ! -s "$crm_callers" ]; then
    echo "generating a CRM of $1 contacts (seed $2) into $cache ..."
    "$java_bin" -cp "$kit_here/app/target/popline.jar" org.popline.crm.emulator.generate.CrmGenerator \
      --contacts "$1" --seed "$2" --out "$crm_seed.part" --callers "$crm_callers.part"
    mv "$crm_callers.part" "$crm_callers"; mv "$crm_seed.part" "$crm_seed"
  fi
}

# crm_start process|embedded: the generated CRM's emulator in a JVM of its own (its CPU and heap apart from
# Popline's) or inside Popline; sets crm_sets (Popline's --set options), crm_java_opts and crm_java (the
# emulator JVM's PID, empty when embedded).
crm_start() {
  crm_sets=() crm_java_opts="" crm_java=""
  if [ "$1" = embedded ]; then
    crm_sets=(--set crm.emulator.port=0 --set "crm.emulator.seed=$crm_seed"); return
  fi
  POPLINE_CRM_SECRET=$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n'); export POPLINE_CRM_SECRET
  timeout -k 5 $((${crm_seconds:-3600} + 600)) "$java_bin" ${CRM_JAVA_OPTS:--Xmx1500m} -cp "$kit_here/app/target/popline.jar" \
    org.popline.crm.emulator.DataverseEmulatorMain --port 0 --seed "$crm_seed" --tls-dir "$tmp/crm-tls" \
    --tenant popline-lab --client-id popline --client-secret-env POPLINE_CRM_SECRET > "$tmp/crm.log" 2>&1 &
  crm_pid=$!; pids+=("$crm_pid")
  for _ in $(seq 300); do grep -q '^  forms' "$tmp/crm.log" && break; kill -0 "$crm_pid" 2>/dev/null || break; sleep 1; done
  grep -q '^  forms' "$tmp/crm.log" || { echo "the CRM emulator did not start:" >&2; tail -20 "$tmp/crm.log" >&2; exit 1; }
  crm_java=$(pgrep -P "$crm_pid" java | head -1)
  local root; root=$(sed -n 's|^Dataverse emulator at \(https://[^/]*\)/.*|\1|p' "$tmp/crm.log")
  keytool -importcert -noprompt -alias crm -file "$tmp/crm-tls/dataverse-emulator.pem" -storetype PKCS12 \
    -keystore "$tmp/crm-trust.p12" -storepass popline-lab >/dev/null
  crm_sets=(--set crm.mode=dataverse --set "crm.org-url=$root" --set "crm.login-url=$root" --set crm.tenant=popline-lab
            --set crm.client-id=popline --set crm.secret-env=POPLINE_CRM_SECRET)
  crm_java_opts="-Djavax.net.ssl.trustStore=$tmp/crm-trust.p12 -Djavax.net.ssl.trustStorePassword=popline-lab -Djavax.net.ssl.trustStoreType=PKCS12"
  echo "CRM: emulator process $crm_pid at $root, $(($(wc -l < "$crm_callers") - 1)) known callers"
}

# popline_start [--set k=v ...]: Popline on free ports with its own CDR folder and admin token; sets server,
# sip, http. POPLINE_SETS and POPLINE_JAVA_OPTS add settings and JVM flags.
popline_start() {
  sip=$(free_port 15000 16000); http=$(free_port 16000 17000); desk=$(free_port 17000 18000)
  POPLINE_ADMIN_TOKEN=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n'); export POPLINE_ADMIN_TOKEN
  "$java_bin" ${crm_java_opts:-} ${POPLINE_JAVA_OPTS:-} -jar "$kit_here/app/target/popline.jar" --sip-port "$sip" --http-port "$http" \
    --rtp-ports 20000-39999 ${POPLINE_SETS:-} "${crm_sets[@]}" --set cdr.folder="$tmp/cdr" --set desk.port="$desk" --set sip.digest-algorithms=md5 \
    --set rtp.timeout=10m "$@" > "$tmp/popline.log" 2>&1 &
  server=$!; pids+=("$server")
  for _ in $(seq 120); do grep -q "listening:" "$tmp/popline.log" && break; kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
  grep -q "listening:" "$tmp/popline.log" || { tail -20 "$tmp/popline.log" >&2; exit 1; }
  echo "Popline $server on JDK $java_major ($java_bin) ${POPLINE_JAVA_OPTS:-}"
}
# crm_ready: waits (at most 90 s) until Popline's lookup finds a known caller, so the first measured
# callers do not pay for the token and a cold emulator; on a loaded machine that can take tens of seconds.
crm_ready() {
  local number; number=$(tail -1 "$crm_callers" | tr -d ';') answer=""
  for _ in $(seq 30); do
    answer=$(api "/crm/lookup?ani=$(echo "$number" | sed 's/+/%2B/')")
    echo "$answer" | grep -q '"result":"found"' && { echo "CRM ready: $number found"; return; }
    sleep 3
  done
  echo "CRM not ready after 90 s (last answer: $answer); lookups of the first callers may fail" >&2
}
# cpu_ticks PID: the CPU (user + system) the process has used, in clock ticks (getconf CLK_TCK a second).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
api() { curl -s --max-time 5 -H "Authorization: Bearer $POPLINE_ADMIN_TOKEN" "http://127.0.0.1:$http$1"; }
health() { api /health | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }

# run_sipp name scenario limit-seconds args...: one SIPp run in $tmp/name, per-second statistics in stat.csv.
# sipp_cpu name: the CPU seconds that run used.
sipp_cpu() { awk 'END { for (i = 1; i <= 2; i++) { split($i, t, "m"); s += t[1] * 60 + t[2] }; printf "%.1f", s }' "$tmp/$1/cpu.txt" 2>/dev/null; }
run_sipp() {
  local name=$1 scenario=$2 limit=$3; shift 3
  mkdir -p "$tmp/$name"
  # `times` after it: the CPU SIPp used (user and system seconds of the subshell's children), in cpu.txt.
  (cd "$tmp/$name" && timeout -k 5 "$limit" sipp -sf "$kit_here/$scenario" -i 127.0.0.1 -mi 127.0.0.1 \
     -nostdin -trace_err -trace_stat -stf stat.csv -fd 1 "$@" > out.txt 2>&1; rc=$?; times > cpu.txt; exit $rc)
}
# injection FILE FROM COUNT: COUNT callers from line FROM (1-based, after the SEQUENTIAL line) of the CRM's callers.
injection() {
  awk -v from="$2" -v count="$3" 'NR == 1 { print; next } NR - 1 >= from && NR - 1 < from + count' "$crm_callers" > "$1"
}

# metric NAME [FILE]: the sum of a metric's samples in /metrics (or in a saved copy of it).
metric() {
  local text; if [ -n "${2:-}" ]; then text=$(cat "$2"); else text=$(api /metrics); fi
  echo "$text" | awk -v n="$1" '$1 == n || index($1, n "{") == 1 { s += $NF; f = 1 } END { if (f) printf "%.0f\n", s }'
}

# sampler_start SECONDS: every second, to $tmp/samples.tsv: epoch, Popline's live calls, its CPU ticks
# (utime+stime from /proc), heap used (bytes) and the seconds its collector has paused so far, from
# /metrics (the JVM's own figures, which jstat's are not for ZGC; without the collectors that count
# concurrent work, ZGC's "Cycles" and G1's "Concurrent GC").
sampler_start() {
  ( for _ in $(seq "$1"); do kill -0 "$server" 2>/dev/null || break
      local m; m=$(api /metrics)
      echo "$(date +%s.%N) $(awk '{print $14 + $15}' "/proc/$server/stat") $(echo "$m" | awk '
        $1 == "popline_calls_active" { live = $2 }
        index($1, "jvm_memory_used_bytes{area=\"heap\"") == 1 { heap = $2 }
        index($1, "jvm_gc_collection_seconds_sum") == 1 && $1 !~ /Cycles|Concurrent/ { gc += $2 }
        END { printf "%d %.0f %.4f", live, heap, gc }')"
      sleep 1
    done > "$tmp/samples.tsv" ) &
  sampler=$!; pids+=("$sampler")
}

# heap_after_gc: bytes of heap in use after a full collection (jcmd GC.run waits for it, with any collector).
heap_after_gc() {
  "$jdk_bin/jcmd" "$server" GC.run >/dev/null
  api /metrics | awk 'index($1, "jvm_memory_used_bytes{area=\"heap\"") == 1 { printf "%.0f\n", $2 }'
}

# damon_note: a warning when the kernel's DAMON memory monitor runs on this machine. Every ~0.55 s its
# sampling pass slows the media clock threads 2-3x for about 15 ms (perf sched, README), which shows as
# bursts of late RTP frames that come from the machine, not from Popline.
damon_note() {
  grep -qsx on /sys/kernel/mm/damon/admin/kdamonds/*/state \
    && echo "; the kernel's DAMON memory monitor runs here (kdamond): expect bursts of late RTP frames every ~0.5 s"
  return 0
}
