#!/usr/bin/env python3
"""Caller lookups through Popline's admin API (GET /crm/lookup), P keep-alive connections at once.

    lookup-client.py PORT NUMBERS_FILE PARALLEL     (the admin token in POPLINE_ADMIN_TOKEN)

Prints how many lookups were answered, how fast, their latency, and how many did not find the caller.
"""
import http.client
import os
import sys
import threading
import time
import urllib.parse

port, numbers_file, parallel = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
token = os.environ["POPLINE_ADMIN_TOKEN"]
numbers = [line.strip() for line in open(numbers_file) if line.strip()]
latencies, not_found, lock = [], [0], threading.Lock()


def lookups(share):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for number in share:
        started = time.perf_counter()
        connection.request("GET", "/crm/lookup?ani=" + urllib.parse.quote(number),
                           headers={"Authorization": "Bearer " + token})
        answer = connection.getresponse().read()
        with lock:
            latencies.append(time.perf_counter() - started)
            if b'"result":"found"' not in answer:
                not_found[0] += 1


threads = [threading.Thread(target=lookups, args=(numbers[i::parallel],)) for i in range(parallel)]
started = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - started
latencies.sort()
print("%d lookups in %.1f s (%.0f/s), latency p50 %.1f ms p99 %.1f ms, %d not found" % (
    len(latencies), elapsed, len(latencies) / elapsed, latencies[len(latencies) // 2] * 1000,
    latencies[int(len(latencies) * 0.99)] * 1000, not_found[0]))
