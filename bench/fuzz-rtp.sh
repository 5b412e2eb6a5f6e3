#!/usr/bin/env bash
# RTP/RTCP fuzz kit, full run: mutated RTP and RTCP packets at a live call's ports (from the
# caller's own address and from others), then checks that nothing was left behind and that a
# real call works. CI runs the same test with 10,000 packets. Usage:
#   bench/fuzz-rtp.sh [--packets 100000] [--seed 4733]
# Prints the test's "RtpFuzz:" summary line; exits non-zero if any check failed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

packets=100000
seed=4733
while [ $# -gt 0 ]; do
  case "$1" in
    --packets) packets=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

echo "nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
timeout $((packets / 100 + 900)) mvn -B -q ${MVN_OPTS:-} -pl system-tests -am test -Dtest=RtpFuzzTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dpopline.fuzz.rtp.packets="$packets" -Dpopline.fuzz.rtp.seed="$seed" \
  >"$log" 2>&1 || status=$?
grep -h "RtpFuzz:" "$log" system-tests/target/surefire-reports/*RtpFuzzTest*.xml 2>/dev/null | sort -u || true
if [ "$status" -ne 0 ]; then
  grep -E "Tests run:|FAIL|AssertionError" "$log" | head -20
  echo "fuzz-rtp: FAILED (exit $status)" >&2
fi
exit "$status"
