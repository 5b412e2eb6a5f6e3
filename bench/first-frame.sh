#!/usr/bin/env bash
# Prints how long callers waited for a spoken prompt's first audio: p50/p99 of Popline's
# popline_prompt_first_frame_seconds (from asking for the prompt to its first RTP frame leaving the
# socket), for prompts still being synthesised (streamed) and those the cache held (cached), with
# the frames sent as silence because a synthesis fell behind. Percentiles are interpolated within
# the histogram's buckets, as Prometheus' histogram_quantile does.
#   bench/first-frame.sh --http PORT [--since FILE] [--save FILE]
#   --since FILE: count only what happened after the scrape saved in FILE (e.g. after a warm-up)
#   --save FILE:  keep this scrape, for a later --since
# The admin token comes from POPLINE_ADMIN_TOKEN, as bench/load.sh sets it.
set -euo pipefail
http="" since="" save=""
while [ $# -gt 0 ]; do
  case "$1" in
    --http) http=$2 ;; --since) since=$2 ;; --save) save=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
[ -n "$http" ] || { echo "usage: $0 --http PORT [--since FILE] [--save FILE]" >&2; exit 2; }
[ -n "${POPLINE_ADMIN_TOKEN:-}" ] || { echo "POPLINE_ADMIN_TOKEN is not set" >&2; exit 2; }
scrape=$(mktemp "${TMPDIR:-/tmp}/popline-metrics.XXXXXX")
trap 'rm -f "$scrape"' EXIT
curl -sf --max-time 5 -H "Authorization: Bearer $POPLINE_ADMIN_TOKEN" "http://127.0.0.1:$http/metrics" > "$scrape" \
  || { echo "cannot read http://127.0.0.1:$http/metrics" >&2; exit 1; }
[ -n "$save" ] && cp "$scrape" "$save"
python3 - "$scrape" "${since:-}" <<'PY'
import re, sys

SAMPLE = re.compile(r'^(popline_prompt_first_frame_seconds_bucket|popline_tts_stream_underruns_total)'
                    r'(?:\{synthesis="(\w+)",le="([^"]+)"\})? (\S+)$')

def read(path):
    buckets, underruns = {}, 0.0
    for line in open(path):
        m = SAMPLE.match(line.strip())
        if not m:
            continue
        if m.group(1) == "popline_tts_stream_underruns_total":
            underruns = float(m.group(4))
        else:
            buckets[(m.group(2), float(m.group(3).replace("Inf", "inf")))] = float(m.group(4))
    return buckets, underruns

now, underruns = read(sys.argv[1])
if sys.argv[2]:
    before, underruns_before = read(sys.argv[2])
    now = {k: v - before.get(k, 0.0) for k, v in now.items()}
    underruns -= underruns_before

def quantile(q, bounds):
    total = bounds[-1][1]
    rank, lower, below = q * total, 0.0, 0.0
    for bound, count in bounds:
        if count >= rank:
            if bound == float("inf"):
                return "> %.0f ms" % (lower * 1000)
            return "%.1f ms" % (1000 * (lower + (bound - lower) * (rank - below) / max(count - below, 1e-9)))
        lower, below = bound, count
    return "n/a"

if not now:
    sys.exit("no popline_prompt_first_frame_seconds in the scrape: is this a Popline with streamed prompts?")
for kind in ("streamed", "cached"):
    bounds = sorted((le, n) for (k, le), n in now.items() if k == kind)
    count = bounds[-1][1] if bounds else 0
    if count == 0:
        print(f"first frame of {kind} prompts: none")
        continue
    within = next((n for le, n in bounds if le == 0.05), 0)
    print(f"first frame of {kind} prompts: {count:.0f}, p50 {quantile(0.5, bounds)}, p99 {quantile(0.99, bounds)}, "
          f"{100 * within / count:.1f}% within 50 ms")
print(f"frames of streamed prompts sent as silence (underruns): {underruns:.0f}")
PY
