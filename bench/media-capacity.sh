#!/usr/bin/env bash
# Media capacity benchmark: N concurrent outbound RTP streams from one MediaEngine to a
# receiver JVM on 127.0.0.1, one table row per N. Not a unit test; takes about
# (seconds + warm-up + ~5) per N. Usage:
#   bench/media-capacity.sh [--counts 100,500,1000,2000,4000] [--seconds 15] [--warmup 3] [--ports 20000-29999]
#                           [--clock-threads N]
# Extra JVM flags for the sender (e.g. a JFR recording) go in BENCH_JAVA_OPTS.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

counts=100,500,1000,2000,4000
seconds=15
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --counts) counts=${args[i + 1]} ;;
    --seconds) seconds=${args[i + 1]} ;;
  esac
done

# The sender holds two sockets per stream (RTP and RTCP), the receiver one.
max=$(tr ',' '\n' <<<"$counts" | sort -n | tail -1)
need=$((2 * max + 512))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
  ulimit -n "$need" 2>/dev/null || { echo "need ulimit -n >= $need (hard limit $(ulimit -Hn))" >&2; exit 1; }
fi

mvn -B -q ${MVN_OPTS:-} -pl media test-compile
cpfile=media/target/bench.classpath
mvn -B -q ${MVN_OPTS:-} -pl media dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="media/target/test-classes:media/target/classes:$(cat "$cpfile")"

echo "nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg), ulimit -n $(ulimit -n)"
n=$(tr ',' '\n' <<<"$counts" | wc -l)
exec timeout $((n * (seconds * 4 + 90))) java -Xms512m -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$cp" \
  org.popline.media.bench.MediaCapacityBench "$@"
