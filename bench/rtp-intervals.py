#!/usr/bin/env python3
"""Receives RTP on a UDP port for a bounded time and prints the send-interval deviation
|interval - 20 ms| p50/p99/max over every stream it hears (by SSRC), measured at arrival.
Usage: rtp-intervals.py PORT SECONDS"""
import socket, struct, sys, time

port, seconds = int(sys.argv[1]), float(sys.argv[2])
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", port))
sock.settimeout(0.5)
last, deviations, packets = {}, [], 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    try:
        data, _ = sock.recvfrom(2048)
    except socket.timeout:
        continue
    now = time.monotonic()
    if len(data) < 12 or (data[1] & 0x7F) > 34:
        continue  # not audio (telephone-event or RTCP-looking)
    packets += 1
    ssrc = struct.unpack("!I", data[8:12])[0]
    if ssrc in last:
        deviations.append(abs((now - last[ssrc]) * 1000 - 20))
        if deviations[-1] > 10 and len(sys.argv) > 3:
            print(f"{now:.3f} ssrc {ssrc:08x} seq {struct.unpack('!H', data[2:4])[0]} interval {(now - last[ssrc]) * 1000:.1f} ms", file=sys.stderr)
    last[ssrc] = now
deviations.sort()
def pct(p):
    return deviations[min(len(deviations) - 1, int(p * len(deviations)))] if deviations else float("nan")
late = sum(1 for d in deviations if d > 10)
print(f"rtp sample: {late} intervals off by more than 10 ms; {len(last)} streams, {packets} packets, |interval-20ms| p50 {pct(0.5):.2f} ms,"
      f" p99 {pct(0.99):.2f} ms, max {deviations[-1] if deviations else float('nan'):.2f} ms")
