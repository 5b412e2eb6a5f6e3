#!/usr/bin/env python3
"""Where a load run's CPU went, down to the function, the kernel's included, from a perf recording.

  perf-summary.py PERF_DATA [--groups N] [--symbols N]

PERF_DATA is `perf record -e cpu-clock -g -p PID` of the Popline JVM over the measured window; the JIT's
code is named from /tmp/perf-PID.map (`jcmd PID Compiler.perfmap`, written after the window so that it
holds what the JIT compiled in it). JFR sees Java code only; this also sees the system calls (sendto of
every RTP packet, futexes) and the JVM's own native code. Per thread group (thread names with their
numbers taken out): its share of the samples, how they split between the JIT's code, the interpreter,
native code and the kernel, the system calls and faults the kernel time went to, and the hottest functions.
"""
import collections, re, subprocess, sys

args = sys.argv[1:]
if not args or args[0].startswith("-"):
    print(__doc__, file=sys.stderr)
    sys.exit(2)
data = args[0]
groups_shown = int(args[args.index("--groups") + 1]) if "--groups" in args else 8
symbols_shown = int(args[args.index("--symbols") + 1]) if "--symbols" in args else 6

script = subprocess.run(["perf", "script", "-i", data, "-F", "comm,ip,sym,dso"], capture_output=True, text=True,
                        timeout=600)
if script.returncode != 0:
    sys.exit(f"perf script failed: {script.stderr.strip()}")

FRAME = re.compile(r"^\s*[0-9a-f]+\s+(.*?)\s+\(([^)]*)\)\s*$")
SYSCALL = re.compile(r"__(?:x64|ia32)_sys_(\w+)")


def group_of(comm):
    return re.sub(r"\d+", "#", comm).strip()


def kind_of(dso, symbol):
    if dso == "[kernel.kallsyms]":
        return "kernel"
    if dso.startswith("/tmp/perf-"):
        return "interpreter" if symbol.startswith("Interpreter") else "JIT"
    return "native"


def kernel_entry(frames):
    """What brought the thread into the kernel: the system call, a page fault or an interrupt."""
    for symbol, dso in frames:
        if dso != "[kernel.kallsyms]":
            break
        m = SYSCALL.search(symbol)
        if m:
            return m.group(1)
        if "page_fault" in symbol:
            return "page fault"
        if symbol.startswith(("asm_sysvec", "asm_common_interrupt")):
            return "interrupt"
    return "other"


samples = []
frames = None
for line in script.stdout.splitlines():
    if not line.strip():
        continue
    m = FRAME.match(line)
    if m:
        if frames is not None:
            frames[1].append((m.group(1), m.group(2)))
        continue
    frames = (group_of(line.split()[0]) if line.split() else "?", [])
    samples.append(frames)

total = len(samples)
if total == 0:
    sys.exit("no samples in " + data)
by_group = collections.defaultdict(list)
for group, stack in samples:
    by_group[group].append(stack)

print(f"perf: {total} samples of the process; per thread group, its share, then where its samples were")
for group, stacks in sorted(by_group.items(), key=lambda kv: -len(kv[1]))[:groups_shown]:
    kinds, entries, leaves = collections.Counter(), collections.Counter(), collections.Counter()
    for stack in stacks:
        if not stack:
            kinds["unknown"] += 1
            continue
        symbol, dso = stack[0]
        kind = kind_of(dso, symbol)
        kinds[kind] += 1
        if kind == "kernel":
            entries[kernel_entry(stack)] += 1
        leaves[symbol if kind != "kernel" else "[k] " + symbol] += 1
    n = len(stacks)
    split = ", ".join(f"{k} {100 * v / n:.0f} %" for k, v in kinds.most_common())
    print(f"  {group}: {100 * n / total:.1f} % ({split})")
    if entries:
        kernel = sum(entries.values())
        print("    kernel time in: " + ", ".join(f"{k} {100 * v / kernel:.0f} %" for k, v in entries.most_common(5)))
    for symbol, v in leaves.most_common(symbols_shown):
        print(f"    {100 * v / n:5.1f} %  {symbol[:110]}")
