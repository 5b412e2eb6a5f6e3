#!/usr/bin/env python3
"""The measured callers' call detail records: how their calls ended, and whether the CRM knew them.
Reads Popline's CDR files (JSON lines) on stdin; CALLERS is the SIPp injection file of the measured
callers (only their calls count). Prints the outcomes, then key=value lines for the run's table.
Usage: cat cdr/*.jsonl | cdr-summary.py CALLERS"""
import collections, json, sys

with open(sys.argv[1]) as callers:
    measured = {line.split(";")[0].strip() for line in callers if line.strip() and line.strip() != "SEQUENTIAL"}
outcomes, customers = collections.Counter(), set()
calls = recognised = heard_case = 0
for line in sys.stdin:
    try:
        record = json.loads(line)
    except ValueError:
        continue
    if record.get("ani") not in measured:
        continue
    calls += 1
    outcomes[(record["endedBy"], record["reason"], "agent" if record.get("agent") else "no agent")] += 1
    if record.get("customerId"):
        recognised += 1
        customers.add(record["customerId"])
    if "PlayCaseTitle" in (record.get("path") or []):
        heard_case += 1
print("\n".join(f"  {n:6d}  ended by {by}: {why} ({agent})" for (by, why, agent), n in outcomes.most_common()) or "  none")
print(f"cdr_calls={calls}")
print(f"recognised={recognised}")
print(f"distinct_customers={len(customers)}")
print(f"personalised_prompt_reached={heard_case}")
