#!/usr/bin/env python3
"""Receives RTP on a UDP port for a bounded time and prints the send-interval deviation
|interval - 20 ms| over every stream it hears (by SSRC). Intervals are taken from the kernel's
arrival timestamps (SO_TIMESTAMPNS): on loopback a packet arrives as it is sent, so this
script's own scheduling delays do not count against the sender.
Usage: rtp-intervals.py PORT SECONDS [--split-at EPOCH] [--verbose [--late-ms MS]] [--histogram FILE]
  --split-at: report intervals before and after this time (seconds since the epoch) apart,
              e.g. while callers arrive and once they are all in.
  --verbose:  print every interval off by more than --late-ms (default 10) ms to stderr, with its time,
              to be matched against the JVM's safepoint log.
  --histogram: write the intervals' histogram (0.5 ms bins, per phase) as JSON to FILE, for the run's report."""
import collections, json, socket, struct, sys, time

SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # Linux's value; Python 3.11 does not name it
port, seconds = int(sys.argv[1]), float(sys.argv[2])
split_at = float(sys.argv[sys.argv.index("--split-at") + 1]) if "--split-at" in sys.argv else None
verbose = "--verbose" in sys.argv
late_ms = float(sys.argv[sys.argv.index("--late-ms") + 1]) if "--late-ms" in sys.argv else 10.0
histogram_file = sys.argv[sys.argv.index("--histogram") + 1] if "--histogram" in sys.argv else None
HISTOGRAM_BIN_MS = 0.5
histogram = (collections.Counter(), collections.Counter())

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
sock.bind(("127.0.0.1", port))
sock.settimeout(0.5)
last, phases, streams, packets = {}, ([], []), set(), 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    try:
        data, ancillary, _, _ = sock.recvmsg(2048, 64)
    except socket.timeout:
        continue
    stamps = [d for level, kind, d in ancillary if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS]
    if not stamps:
        sys.exit("the kernel gave no arrival timestamp (SO_TIMESTAMPNS)")
    seconds_part, nanos = struct.unpack("qq", stamps[0][:16])
    now = seconds_part + nanos / 1e9
    if len(data) < 12 or (data[1] & 0x7F) > 34:
        continue  # not audio (telephone-event or RTCP-looking)
    packets += 1
    ssrc = struct.unpack("!I", data[8:12])[0]
    streams.add(ssrc)
    if ssrc in last:
        deviation = abs((now - last[ssrc]) * 1000 - 20)
        phase = 1 if split_at is not None and now >= split_at else 0
        phases[phase].append(deviation)
        histogram[phase][int((now - last[ssrc]) * 1000 / HISTOGRAM_BIN_MS)] += 1
        if deviation > late_ms and verbose:
            print(f"{now:.3f} ssrc {ssrc:08x} seq {struct.unpack('!H', data[2:4])[0]} interval {(now - last[ssrc]) * 1000:.1f} ms",
                  file=sys.stderr)
    last[ssrc] = now


def summary(deviations):
    if not deviations:
        return "no intervals"
    deviations.sort()
    def pct(p):
        return deviations[min(len(deviations) - 1, int(p * len(deviations)))]
    late = sum(1 for d in deviations if d > 10)
    return (f"{len(deviations)} intervals, |interval-20ms| p50 {pct(0.5):.2f} ms, p90 {pct(0.9):.2f} ms,"
            f" p99 {pct(0.99):.2f} ms, p99.9 {pct(0.999):.2f} ms, max {deviations[-1]:.2f} ms; {late} off by more than 10 ms")


print(f"rtp sample: {len(streams)} streams, {packets} packets")
if split_at is None:
    print(f"  {summary(phases[0])}")
else:
    print(f"  while calls were being set up: {summary(phases[0])}")
    print(f"  after the last call was set up: {summary(phases[1])}")
if histogram_file:
    with open(histogram_file, "w") as out:
        json.dump({"binMs": HISTOGRAM_BIN_MS, "phases": ["while calls were being set up", "after the last call was set up"],
                   "counts": [sorted(h.items()) for h in histogram]}, out)
