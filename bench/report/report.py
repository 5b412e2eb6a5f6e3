#!/usr/bin/env python3
"""Writes RUN/report.html for one load-kit run: one self-contained page (inline SVG, no scripts, nothing
fetched) with calls per second and live calls over time, INVITE-to-200 percentiles per second, the RTP
send-interval histogram, Popline's CPU and heap over time, and the run's table.
Reads what bench/load.sh leaves in the run folder: summary.tsv (the table), callers/stat.csv (SIPp's
per-second statistics), callers/*_rtt.csv (SIPp's response times), samples.tsv (epoch, CPU ticks, live
calls, heap bytes, GC seconds each second), rtp-histogram.json (bench/rtp-intervals.py). A missing
input leaves its chart saying so. Usage: report.py RUN"""
import glob, html, json, math, os, sys

run = sys.argv[1]
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 760, 260, 64, 64, 24, 36
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"]


def path(name):
    return os.path.join(run, name)


def nice_max(value):
    if value <= 0:
        return 1
    step = 10 ** math.floor(math.log10(value))
    for m in (1, 2, 2.5, 5, 10):
        if value <= m * step:
            return m * step
    return 10 * step


def fmt(value):
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.2g}"


def chart(title, x_label, left, right=None, left_label="", right_label="", bars=False, log_y=False):
    """A chart of series [(name, [(x, y)])] against a left axis and optionally a right one."""
    points = [p for _, s in left + (right or []) for p in s]
    if not points:
        return f"<h2>{html.escape(title)}</h2><p class=missing>no data for this run</p>"
    x_max = nice_max(max(x for x, _ in points))
    x_min = min(0, min(x for x, _ in points))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def sx(x):
        return LEFT + (x - x_min) / (x_max - x_min or 1) * plot_w

    def axis(series):
        top = nice_max(max((y for _, s in series for _, y in s), default=1))
        if log_y:
            top_log = math.ceil(math.log10(max(top, 10)))
            return top, lambda y: TOP + plot_h - (math.log10(max(y, 1)) / top_log) * plot_h, \
                [10 ** k for k in range(top_log + 1)]
        return top, lambda y: TOP + plot_h - y / top * plot_h, [top * k / 4 for k in range(5)]

    out = [f'<h2>{html.escape(title)}</h2><svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}"'
           f' viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
           f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#fafafa" stroke="#ccc"/>']
    for k in range(6):
        x = x_min + (x_max - x_min) * k / 5
        out.append(f'<text x="{sx(x):.1f}" y="{HEIGHT - BOTTOM + 14}" text-anchor="middle">{fmt(x)}</text>')
    out.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 4}" text-anchor="middle">{html.escape(x_label)}</text>')
    colour = iter(COLOURS)
    legend = []
    for side, series, label in (("left", left, left_label), ("right", right or [], right_label)):
        if not series:
            continue
        _, sy, ticks = axis(series)
        tx = LEFT - 6 if side == "left" else WIDTH - RIGHT + 6
        anchor = "end" if side == "left" else "start"
        for t in ticks:
            out.append(f'<text x="{tx}" y="{sy(t) + 4:.1f}" text-anchor="{anchor}">{fmt(t)}</text>')
            if side == "left":
                out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{sy(t):.1f}" y2="{sy(t):.1f}" stroke="#e4e4e4"/>')
        lx = 14 if side == "left" else WIDTH - 14
        out.append(f'<text transform="translate({lx},{TOP + plot_h / 2}) rotate(-90)" text-anchor="middle">'
                   f'{html.escape(label)}</text>')
        for name, s in series:
            c = next(colour)
            legend.append((name, c))
            if bars:
                width = max(plot_w / max(len(s), 1) * 0.8, 1)
                for x, y in s:
                    out.append(f'<rect x="{sx(x) - width / 2:.1f}" y="{sy(y):.1f}" width="{width:.1f}"'
                               f' height="{max(TOP + plot_h - sy(y), 0):.1f}" fill="{c}" fill-opacity="0.6"/>')
            else:
                d = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in sorted(s))
                out.append(f'<polyline fill="none" stroke="{c}" stroke-width="1.5" points="{d}"/>')
    for i, (name, c) in enumerate(legend):
        out.append(f'<rect x="{LEFT + 8 + i * 170}" y="{TOP + 6}" width="10" height="10" fill="{c}"/>'
                   f'<text x="{LEFT + 22 + i * 170}" y="{TOP + 15}">{html.escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def read_stat(file):
    """SIPp's -trace_stat rows as dicts; its CurrentTime ends with the epoch seconds."""
    if not os.path.exists(file):
        return []
    with open(file) as f:
        lines = [l.rstrip("\n").split(";") for l in f if l.strip()]
    header = lines[0]
    rows = []
    for values in lines[1:]:
        row = dict(zip(header, values))
        row["epoch"] = float(row["CurrentTime"].split()[-1])
        rows.append(row)
    return rows


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))]


def read_rtt():
    """Response times by second: SIPp's -trace_rtt rows are 'date_ms;response_time_ms;rtd_no'."""
    by_second = {}
    for file in glob.glob(path("callers/*_rtt.csv")):
        with open(file) as f:
            for line in f:
                parts = line.strip().split(";")
                if len(parts) < 2 or not parts[0].replace(".", "").isdigit():
                    continue
                by_second.setdefault(int(float(parts[0]) / 1000), []).append(float(parts[1]))
    return by_second


def read_samples():
    if not os.path.exists(path("samples.tsv")):
        return []
    with open(path("samples.tsv")) as f:
        return [[float(v) for v in line.split()] for line in f if len(line.split()) == 5]


def table():
    if not os.path.exists(path("summary.tsv")):
        return "<p class=missing>no summary</p>"
    rows = []
    with open(path("summary.tsv")) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("\t")
            rows.append(f"<tr><th>{html.escape(key)}</th><td>{html.escape(value)}</td></tr>")
    return "<table>" + "\n".join(rows) + "</table>"


stats = read_stat(path("callers/stat.csv"))
rtt = read_rtt()
samples = read_samples()
# SIPp stamps response times from its own start (the measured callers' start), the rest with epoch seconds.
starts = [r["epoch"] - float(r.get("ElapsedTime(C)", "0").split(":")[-1] or 0) for r in stats[:1]] + [s[0] for s in samples[:1]]
t0 = min(starts) if starts else 0

created, sipp_live, popline_live = [], [], []
for previous, row in zip(stats, stats[1:]):
    dt = row["epoch"] - previous["epoch"]
    if dt > 0:
        created.append((row["epoch"] - t0, (int(row["TotalCallCreated"]) - int(previous["TotalCallCreated"])) / dt))
for row in stats:
    sipp_live.append((row["epoch"] - t0, int(row["CurrentCall"])))
popline_live = [(s[0] - t0, s[2]) for s in samples]

percentiles = {name: [] for name in ("p50", "p90", "p99")}
for second in sorted(rtt):
    for name, p in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99)):
        percentiles[name].append((second - t0 if second > 1e9 else second, percentile(rtt[second], p)))

hz = os.sysconf("SC_CLK_TCK")
cores = os.cpu_count() or 1
cpu, heap, gc = [], [], []
for previous, s in zip(samples, samples[1:]):
    dt = s[0] - previous[0]
    if dt > 0:
        cpu.append((s[0] - t0, 100 * (s[1] - previous[1]) / hz / dt / cores))
        gc.append((s[0] - t0, 1000 * (s[4] - previous[4]) / dt))
heap = [(s[0] - t0, s[3] / 1048576) for s in samples]

histogram = []
if os.path.exists(path("rtp-histogram.json")):
    with open(path("rtp-histogram.json")) as f:
        data = json.load(f)
    for name, counts in zip(data["phases"], data["counts"]):
        if counts:
            histogram.append((name, [(b * data["binMs"], n) for b, n in counts]))

title = "Popline load run"
if os.path.exists(path("summary.tsv")):
    with open(path("summary.tsv")) as f:
        first = dict(l.rstrip("\n").split("\t", 1) for l in f if "\t" in l)
    title = f"Popline load run: {first.get('mix', '?')}, {first.get('rate', '')}"
page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body {{ font-family: sans-serif; margin: 2em; max-width: 800px }} h2 {{ font-size: 1.05em; margin-top: 1.6em }}
table {{ border-collapse: collapse }} th, td {{ text-align: left; padding: 3px 10px; border-bottom: 1px solid #ddd }}
th {{ font-weight: normal; color: #555 }} .missing {{ color: #999 }}</style></head><body>
<h1>{html.escape(title)}</h1>
<p>{html.escape(run)}</p>
{table()}
{chart("Calls per second and live calls", "seconds since the measured callers started",
       [("calls started per second (SIPp)", created)], [("live in Popline", popline_live), ("live in SIPp", sipp_live)],
       "calls/s", "live calls")}
{chart("INVITE to 200 OK, per second", "seconds", [(n, v) for n, v in percentiles.items()], None, "ms")}
{chart("RTP send intervals of the sample callers (log scale)", "interval (ms), 20 is on time", histogram, None,
       "intervals", bars=True, log_y=True)}
{chart("Popline CPU and heap", "seconds", [(f"CPU % of {cores} cores", cpu), ("GC pause ms per s", gc)],
       [("heap used MB", heap)], "% / ms per s", "MB")}
</body></html>
"""
with open(path("report.html"), "w") as out:
    out.write(page)
