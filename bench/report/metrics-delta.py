#!/usr/bin/env python3
"""What a run added to Popline's /metrics: reads two saved scrapes (before, after) in the Prometheus text
format and prints key=value lines: prompt first-frame p50/p99 from popline_prompt_first_frame_seconds
(n/a while Popline has no such metric), prompts synthesised (TTS cache misses), CRM requests and errors,
GC pause seconds, and bytes allocated on the heap: the young generation's growth between collections
(jvm_memory_pool_allocated_bytes_total of the pools named Eden or Young Generation, which the GC's own
notifications feed: every thread counted, however short its life; objects G1 puts straight into the old
generation, the humongous ones, not). Usage: metrics-delta.py BEFORE AFTER"""
import re, sys

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)')


def read(path):
    samples = {}
    with open(path) as text:
        for line in text:
            match = SAMPLE.match(line)
            if match and not line.startswith("#"):
                samples[(match.group(1), match.group(2) or "")] = float(match.group(3))
    return samples


def total(samples, name, labels=lambda text: True):
    """The sum of a metric's samples whose label text {...} passes labels; None if it has none."""
    values = [v for (n, text), v in samples.items() if n == name and labels(text)]
    return sum(values) if values else None


def delta(before, after, name, labels=lambda text: True):
    b, a = total(before, name, labels), total(after, name, labels)
    return None if a is None else a - (b or 0)


def is_pause(text):
    """ZGC's "Cycles" and G1's "Concurrent GC" beans count the collectors' concurrent work, not pauses."""
    return not re.search(r"Cycles|Concurrent", text)


def is_young_pool(text):
    return re.search(r'pool="[^"]*(Eden|Young Generation)[^"]*"', text) is not None


def quantile(before, after, name, q):
    """The q-quantile of a histogram's observations between two scrapes, interpolated within its bucket."""
    buckets = {}
    for (n, labels), v in after.items():
        if n == name + "_bucket":
            le = re.search(r'le="([^"]+)"', labels).group(1)
            bound = float("inf") if le == "+Inf" else float(le)
            buckets[bound] = buckets.get(bound, 0) + v - before.get((n, labels), 0)
    if not buckets:
        return None
    bounds = sorted(buckets)
    count = buckets[bounds[-1]]
    if count <= 0:
        return None
    rank, lower, below = q * count, 0.0, 0.0
    for bound in bounds:
        if buckets[bound] >= rank:
            if bound == float("inf"):
                return lower
            return lower + (bound - lower) * (rank - below) / max(buckets[bound] - below, 1e-9)
        lower, below = bound, buckets[bound]
    return lower


before, after = read(sys.argv[1]), read(sys.argv[2])
for q, key in ((0.5, "first_frame_p50_ms"), (0.99, "first_frame_p99_ms")):
    value = quantile(before, after, "popline_prompt_first_frame_seconds", q)
    print(f"{key}={'n/a' if value is None else f'{value * 1000:.1f}'}")
for key, name in (("prompts_synthesised", "popline_tts_cache_misses_total"),
                  ("crm_lookups", "popline_crm_request_duration_seconds_count"),
                  ("crm_errors", "popline_crm_request_errors_total")):
    value = delta(before, after, name)
    print(f"{key}={'n/a' if value is None else f'{value:.0f}'}")
paused = delta(before, after, "jvm_gc_collection_seconds_sum", is_pause)
print(f"gc_pause_seconds={'n/a' if paused is None else f'{paused:.3f}'}")
allocated = delta(before, after, "jvm_memory_pool_allocated_bytes_total", is_young_pool)
print(f"allocated_bytes={'n/a' if allocated is None else f'{allocated:.0f}'}")
