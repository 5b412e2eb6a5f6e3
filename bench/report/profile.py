#!/usr/bin/env python3
"""Where a load run's CPU, allocation and pauses went.

  profile.py threads PID OUT.json
      snapshot of every thread of PID: name and CPU ticks, user (utime) and kernel (stime), from /proc.
  profile.py summary --before A.json --after B.json --calls N --seconds S [--jfr FILE --jfr-tool PATH]
      per thread group (thread names with their numbers taken out): CPU seconds, the kernel's part of them
      (system calls: sends, receives, futexes), share of the process, CPU per call; and, from a JFR
      recording of the same window: bytes allocated per call (the JVM's own per-thread allocation
      counters, first and last sample), the classes and sites that allocate most, GC pauses and safepoints.
"""
import json, os, re, subprocess, sys
from collections import defaultdict

HZ = os.sysconf("SC_CLK_TCK")


def snapshot(pid, out):
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        threads[tid] = {"name": name, "user": int(fields[11]), "system": int(fields[12])}
    with open(out, "w") as f:
        json.dump(threads, f)


def group_of(name):
    # "pool-3-thread-12", "RtpClock-1", "C2 CompilerThre" -> one group per kind of thread
    return re.sub(r"\d+", "#", name).strip()


def thread_cpu(before, after):
    a, b = json.load(open(before)), json.load(open(after))
    groups = defaultdict(lambda: [0, 0, 0])
    for tid, t in b.items():
        earlier = a.get(tid, {"user": 0, "system": 0})
        system = t["system"] - earlier["system"]
        g = groups[group_of(t["name"])]
        g[0] += t["user"] - earlier["user"] + system
        g[1] += 1
        g[2] += system
    return groups


def jfr(tool, *args):
    return subprocess.run([tool, *args], capture_output=True, text=True, timeout=600).stdout


def allocated_bytes(tool, recording):
    """Sum over threads of the growth of jdk.ThreadAllocationStatistics.allocated within the recording."""
    text = jfr(tool, "print", "--events", "jdk.ThreadAllocationStatistics", recording)
    first, last = {}, {}
    for block in text.split("jdk.ThreadAllocationStatistics {")[1:]:
        m_alloc = re.search(r"allocated = ([\d.,]+) (bytes|kB|MB|GB)", block)
        m_tid = re.search(r"javaThreadId = (\d+)", block)
        if not m_alloc or not m_tid:
            continue
        scale = {"bytes": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}[m_alloc.group(2)]
        value = float(m_alloc.group(1).replace(",", "")) * scale
        tid = m_tid.group(1)
        first.setdefault(tid, value)
        last[tid] = value
    return sum(last[t] - first[t] for t in last)


def table(text, rows):
    lines = [l for l in text.splitlines() if l.strip()]
    return "\n".join("    " + l for l in lines[:rows])


def summary(args):
    calls = int(args["--calls"])
    seconds = float(args["--seconds"])
    groups = thread_cpu(args["--before"], args["--after"])
    total = sum(g[0] for g in groups.values()) / HZ
    print(f"CPU of the process over {seconds:.1f} s: {total:.1f} s ({100 * total / seconds:.0f} % of one core), "
          f"{1000 * total / max(calls, 1):.2f} ms per call ({calls} calls)")
    print(f"  {'thread group':32} {'threads':>7} {'CPU s':>7} {'kernel':>6} {'share':>6} {'ms/call':>8}")
    for name, (ticks, count, system) in sorted(groups.items(), key=lambda kv: -kv[1][0])[:16]:
        if ticks == 0:
            continue
        s = ticks / HZ
        print(f"  {name[:32]:32} {count:7d} {s:7.2f} {100 * system / ticks:5.0f}% {100 * s / max(total, 1e-9):5.1f}%"
              f" {1000 * s / max(calls, 1):8.3f}")
    recording, tool = args.get("--jfr"), args.get("--jfr-tool")
    if not recording or not tool or not os.path.exists(recording):
        return
    allocated = allocated_bytes(tool, recording)
    print(f"allocated in the window: {allocated / 1e9:.2f} GB, {allocated / max(calls, 1) / 1024:.0f} KB per call "
          f"(JFR jdk.ThreadAllocationStatistics: each thread from its first sample to its last; "
          f"the kit's heap-side line above also counts what threads did outside them)")
    for view, rows, title in (("allocation-by-class", 14, "allocation by class (JFR samples)"),
                              ("allocation-by-site", 14, "allocation by site"),
                              ("hot-methods", 18, "hot methods (JFR execution samples)"),
                              ("gc-pauses", 12, "GC pauses"),
                              ("safepoints", 10, "safepoints")):
        print(f"{title}:")
        print(table(jfr(tool, "view", "--width", "150", view, recording), rows))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "threads":
        snapshot(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 2 and sys.argv[1] == "summary":
        rest = sys.argv[2:]
        summary(dict(zip(rest[::2], rest[1::2])))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


main()
