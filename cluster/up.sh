#!/usr/bin/env bash
# Starts a Popline cluster on this machine's loopback: one Redis, one Kamailio in front, N Popline
# nodes on 127.0.0.2 .. 127.0.0.(N+1), one after the other. Prints one line "proxy ADDRESS:PORT",
# then one line per node "node NAME SIP_ADDRESS:PORT http HTTP_PORT", and leaves them running;
# cluster/down.sh stops them (by the PIDs in the run folder's pid files).
#
#   cluster/up.sh [--nodes N] [--dir RUN_DIR] [--set KEY=VALUE]...
#
# --set is passed to every node (e.g. --set call.flow=greeting). Logs: RUN_DIR/*.log.
# Needs: redis-server, kamailio (Debian packages), Java 17, and app/target/popline.jar (built
# with `mvn -B -q -DskipTests package` when missing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
nodes=2
run="$repo/var/cluster"
sets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --dir) run=$2; shift 2 ;;
    --set) sets+=(--set "$2"); shift 2 ;;
    *) echo "unknown argument: $1 (use --nodes N, --dir RUN_DIR, --set KEY=VALUE)" >&2; exit 2 ;;
  esac
done
case "$nodes" in ''|*[!0-9]*) echo "--nodes needs a number, got '$nodes'" >&2; exit 2 ;; esac
if [ "$nodes" -lt 1 ] || [ "$nodes" -gt 20 ]; then echo "--nodes must be 1 to 20" >&2; exit 2; fi
for tool in redis-server redis-cli kamailio java curl ss; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install redis-server kamailio curl iproute2)" >&2; exit 1; }
done
mkdir -p "$run"
run=$(cd "$run" && pwd)
if ls "$run"/*.pid >/dev/null 2>&1; then
  echo "$run holds pid files of a running cluster: run cluster/down.sh --dir $run first" >&2
  exit 1
fi
jar="$repo/app/target/popline.jar"
if [ ! -f "$jar" ]; then
  (cd "$repo" && mvn -B -q -DskipTests package) >&2
fi

# A port free for both TCP and UDP on every address, from a random start; bounded tries.
taken=$(ss -Htanu | awk '{print $5}' | sed 's/.*://' | sort -u)
picked=""
free_port() {
  local port tries=0
  while [ $tries -lt 200 ]; do
    port=$(( 20000 + RANDOM % 30000 ))
    if ! grep -qx "$port" <<<"$taken" && ! grep -qw "$port" <<<"$picked"; then
      picked="$picked $port"
      echo "$port"
      return 0
    fi
    tries=$((tries + 1))
  done
  echo "no free port found" >&2
  return 1
}

# Waits up to $2 seconds for command $1 to succeed; stops everything started so far on failure.
wait_for() {
  local what=$1 seconds=$2 check=$3 i=0
  while ! eval "$check" >/dev/null 2>&1; do
    i=$((i + 1))
    if [ $i -gt $((seconds * 5)) ]; then
      echo "$what did not come up within ${seconds}s; see $run" >&2
      "$here/down.sh" --dir "$run" >&2 || true
      exit 1
    fi
    sleep 0.2
  done
}

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$run/redis.log" 2>&1 &
echo $! >"$run/redis.pid"
wait_for "Redis" 20 "redis-cli -h 127.0.0.1 -p $redis_port ping | grep -q PONG"

proxy_port=$(free_port)
: >"$run/dispatcher.list"
declare -a lines
for i in $(seq 1 "$nodes"); do
  address="127.0.0.$((i + 1))"
  name="node-$i"
  sip=$(free_port)
  http=$(free_port)
  desk=$(free_port)
  rtp=$(( 20000 + (i - 1) * 1000 ))
  mkdir -p "$run/$name"
  # shellcheck disable=SC2086
  java ${POPLINE_JAVA_OPTS:--Xms64m -Xmx384m} -jar "$jar" --conf "$repo/conf" --bind "$address" \
      --set sip.port="$sip" --set http.port="$http" --set desk.port="$desk" --set crm.emulator.port=0 \
      --set rtp.ports="$rtp-$((rtp + 999))" --set node.name="$name" --set cdr.folder="$run/$name/cdr" \
      --set http.token-file="$run/$name/admin-token" \
      --set cluster.redis="redis://127.0.0.1:$redis_port" "${sets[@]}" >"$run/$name.log" 2>&1 &
  echo $! >"$run/$name.pid"
  # one after the other: nodes started together from one conf folder race on its lab certificate
  wait_for "$name" 120 "curl -sf -m 2 http://127.0.0.1:$http/health | grep -q '\"node\":\"$name\"'"
  echo "1 sip:$address:$sip 0 0 duid=$name;weight=50" >>"$run/dispatcher.list"
  lines+=("node $name $address:$sip http $http")
done

sed -e "s|@PROXY_ADDR@|127.0.0.1|g; s|@PROXY_PORT@|$proxy_port|g; s|@RUN_DIR@|$run|g" \
    "$here/kit/kamailio.cfg.in" >"$run/kamailio.cfg"
kamailio -f "$run/kamailio.cfg" -DD -E -Y "$run" >"$run/kamailio.log" 2>&1 &
echo $! >"$run/kamailio.pid"
wait_for "Kamailio" 20 "ss -Hlun 'sport = :$proxy_port' | grep -q 127.0.0.1"

echo "proxy 127.0.0.1:$proxy_port"
printf '%s\n' "${lines[@]}"
