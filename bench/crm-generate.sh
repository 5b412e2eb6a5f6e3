#!/usr/bin/env bash
# Writes a generated CRM for the embedded emulator: contacts with numbers in mixed countries and
# notations, a few sharing a line, one to five cases each; deterministic for a seed. Usage:
#   bench/crm-generate.sh --contacts 100000 --out /tmp/crm-100k.json [--seed 1]
# then: ./popline --set crm.emulator.seed=/tmp/crm-100k.json
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
mvn -B -q ${MVN_OPTS:-} -pl crm-emulator compile dependency:build-classpath \
  -Dmdep.outputFile=target/generate.classpath >/dev/null
exec java -cp "crm-emulator/target/classes:$(cat crm-emulator/target/generate.classpath)" \
  org.popline.crm.emulator.generate.CrmGenerator "$@"
