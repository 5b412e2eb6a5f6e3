#!/usr/bin/env bash
# Writes a generated CRM for the embedded emulator: contacts with numbers in mixed countries and
# notations, a few sharing a line, one to five cases each; deterministic for a seed. Usage:
#   bench/crm-generate.sh --contacts 100000 --out /tmp/crm-100k.json [--seed 1] [--callers callers.csv]
# then: ./popline --set crm.emulator.seed=/tmp/crm-100k.json
# (--callers also writes a SIPp injection file: one own E.164 number per contact, as the load kit uses.)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
[ -f app/target/popline.jar ] || mvn -B -q ${MVN_OPTS:-} -DskipTests package
exec java -cp app/target/popline.jar org.popline.crm.emulator.generate.CrmGenerator "$@"
