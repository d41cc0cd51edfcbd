#!/usr/bin/env bash
# ./vitrina loadtest cluster: one node against two nodes behind HAProxy on this machine, and how long
# an event acknowledged by one node takes to change the other's answer.
#
#   loadtest/cluster.sh [--items N] [--visitors N] [--seconds S] [--connections C] [--heap SIZE]
#                       [--delay-events N]
#
# Node A starts on a copy of the same generated demo store as ratio.sh (loadtest/target/ratio-data-
# <items>-<visitors>, generated once when missing) with its embedded PostgreSQL; node B is a second
# process on that PostgreSQL (--pg-url), with its own data folder; HAProxy (Debian's, round robin,
# health check on /ready) goes in front. Measured with wrk, one after the other:
#   node A alone, directly; node A alone behind HAProxy; A and B behind HAProxy:
#   personal (random known visitors) and POST /v1/events in batches of 20;
# then --delay-events times (default 300): a view by a new visitor posted to A and, from A's 202,
# B's recently_viewed for that visitor asked until it shows the item (PeerDelay.java), and the same
# from B to A.
# Prints a markdown table. Everything runs on this machine's cores: on a small machine two nodes
# share the cores one node had, so the table says what one more process costs or gains here, not
# what a second machine would add. Run it alone (no builds or tests beside it).
# Needs wrk and haproxy (installed from Debian's packages when missing and running as root), JDK 21+,
# Maven.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

items=100000; visitors=55000; seconds=15; connections=64; heap=2g; delay_events=300
while [[ $# -gt 0 ]]; do
  case "$1" in
    --items) items="$2"; shift 2 ;;
    --visitors) visitors="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --delay-events) delay_events="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "cluster.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "cluster.sh: $*" >&2; exit 1; }
[[ -n "${JAVA_HOME:-}" ]] || die "JAVA_HOME must name a JDK 21+ (./vitrina loadtest cluster sets it)"
install_missing() { # command package
  command -v "$1" >/dev/null || [[ -x "/usr/sbin/$1" ]] && return
  [[ "$(id -u)" = 0 ]] || die "$1 is needed: run 'sudo apt-get install -y $2' once"
  echo "Installing $2…"
  (apt-get install -y -qq "$2" >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null)) || die "could not install $2"
}
install_missing wrk wrk
install_missing haproxy haproxy
haproxy_bin="${VITRINA_HAPROXY:-$(command -v haproxy || echo /usr/sbin/haproxy)}"

echo "Building the service and the load-test tools…"
(cd "$root" && mvn -B -q -Dstyle.color=never -pl server,loadtest -am package -DskipTests)

jvm=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED "-Xmx$heap")
site_key=ratio-site-key
admin_key=ratio-admin-key
port_a=18180; port_b=18182; port_lb1=18190; port_lb2=18191
out="$here/target/cluster-run"
pids=()
# Last started, first stopped: node B and HAProxy go before node A, whose PostgreSQL B uses.
cleanup() {
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true; wait "${pids[i]}" 2>/dev/null || true
  done
}
trap cleanup EXIT

await() { # url, seconds
  for _ in $(seq 1 "$2"); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done
  die "$1 did not answer within $2 s"
}

# node data-dir port log [server options]: starts a node in the background, its pid into pids
start_node() {
  local dir="$1" port="$2" log="$3"; shift 3
  "$JAVA_HOME/bin/java" "${jvm[@]}" -XX:+ExitOnOutOfMemoryError -jar "$root/server/target/vitrina-server.jar" \
    --data-dir "$dir" --port "$port" --host 127.0.0.1 --site-key "$site_key" --admin-key "$admin_key" \
    --model-interval PT1H "$@" >"$log" 2>&1 &
  pids+=($!)
}

# After its first model a node rewrites every shopper's document in the profile index (the factor
# vectors moved): ~30 s of background work for 55,000 shoppers that would be measured as well.
settle() { sleep 45; }

await_model() { # port log
  for _ in $(seq 1 600); do
    curl -sf -H "X-Admin-Key: $admin_key" "http://127.0.0.1:$1/v1/admin/models/current" | grep -q '"built_at":"' && break
    sleep 1
  done
  for _ in $(seq 1 300); do grep -q "Factor model trained" "$2" && return 0; sleep 1; done
  die "no model on port $1 (see $2)"
}

# haproxy port config-name node-port...: round robin over the nodes, checked on /ready
start_haproxy() {
  local port="$1" name="$2"; shift 2
  {
    printf 'global\n  maxconn 4096\ndefaults\n  mode http\n  timeout connect 2s\n  timeout client 60s\n'
    printf '  timeout server 60s\n  timeout check 5s\n  retries 3\n  option redispatch 1\n'
    printf 'frontend shop\n  bind 127.0.0.1:%s\n  default_backend nodes\n' "$port"
    printf 'backend nodes\n  balance roundrobin\n  option httpchk GET /ready\n  default-server inter 1s fall 2 rise 1\n'
    for node in "$@"; do printf '  server n%s 127.0.0.1:%s check\n' "$node" "$node"; done
  } >"$out/$name.cfg"
  "$haproxy_bin" -db -f "$out/$name.cfg" >"$out/$name.log" 2>&1 &
  pids+=($!)
  await "http://127.0.0.1:$port/ready" 30
}

declare -A rps p50 p99
measure() { # name connections path port [events per batch: POST /v1/events instead]
  local name="$1" conns="$2" path="$3" result
  result=$(PATH_TEMPLATE="$path" VISITORS="$visitors" ITEMS="$items" SITE_KEY="$site_key" BATCH="${5:-0}" \
    wrk -t1 -c"$conns" -d"${seconds}s" --latency -s "$here/wrk/ratio.lua" "http://127.0.0.1:$4" 2>&1)
  rps[$name]=$(awk '/^Requests\/sec:/ {print $2}' <<<"$result")
  p50[$name]=$(awk '$1 == "50%" {print $2}' <<<"$result")
  p99[$name]=$(awk '$1 == "99%" {print $2}' <<<"$result")
  local errors; errors=$(grep -E "Non-2xx|Socket errors" <<<"$result" || true)
  printf '  %-22s %10s req/s  p50 %-9s p99 %-9s %s\n' "$name" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" "$errors"
}

measure_both() { # prefix port
  measure "$1_warmup" "$connections" "/v1/recommendations/personal?visitor={visitor}" "$2" >/dev/null
  measure "$1_personal" "$connections" "/v1/recommendations/personal?visitor={visitor}" "$2"
  measure "$1_events" 32 "/v1/events" "$2" 20
}

pristine="$here/target/ratio-data-$items-$visitors"
mkdir -p "$out"
if [[ ! -d "$pristine" ]]; then
  echo "Generating the demo store ($items items, $visitors shoppers) into $pristine…"
  start_node "$pristine" "$port_a" "$out/generate.log" --demo --demo-items "$items" --demo-visitors "$visitors" --demo-days 7
  await "http://127.0.0.1:$port_a/ready" 900
  kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true; pids=()
fi
rm -rf "$out/a" "$out/b"; cp -a "$pristine" "$out/a"; mkdir -p "$out/b"

echo "Node A: $items items, $visitors shoppers, embedded PostgreSQL…"
start_node "$out/a" "$port_a" "$out/node-a.log"
await "http://127.0.0.1:$port_a/ready" 900
await_model "$port_a" "$out/node-a.log"
settle
pg_port=$(sed -n 's/.*Embedded PostgreSQL started on port \([0-9]*\).*/\1/p' "$out/node-a.log" | head -1)
[[ -n "$pg_port" ]] || die "node A's PostgreSQL port is not in $out/node-a.log"
echo "One node, directly:"
measure_both one "$port_a"
start_haproxy "$port_lb1" haproxy-one "$port_a"
echo "One node behind HAProxy:"
measure_both one_lb "$port_lb1"

echo "Node B on node A's PostgreSQL (port $pg_port)…"
start_node "$out/b" "$port_b" "$out/node-b.log" --pg-url "postgresql://postgres@127.0.0.1:$pg_port/postgres"
await "http://127.0.0.1:$port_b/ready" 900
await_model "$port_b" "$out/node-b.log"
settle
start_haproxy "$port_lb2" haproxy-two "$port_a" "$port_b"
echo "Two nodes behind HAProxy:"
measure_both two_lb "$port_lb2"

echo "Event on one node → answer of the other ($delay_events events each way)…"
peer_delay() { "$JAVA_HOME/bin/java" -cp "$here/target/classes" io.vitrina.loadtest.PeerDelay "$@"; }
a_to_b=$(peer_delay "http://127.0.0.1:$port_a" "http://127.0.0.1:$port_b" "$site_key" "$delay_events")
b_to_a=$(peer_delay "http://127.0.0.1:$port_b" "http://127.0.0.1:$port_a" "$site_key" "$delay_events")
read -r ab_n ab_p50 ab_p90 ab_p99 ab_max ab_timeouts <<<"$a_to_b"
read -r ba_n ba_p50 ba_p90 ba_p99 ba_max ba_timeouts <<<"$b_to_a"

echo
echo "$items items, $visitors shoppers; JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | sed 's/.*"\(.*\)".*/\1/'), ${jvm[*]} per node;" \
  "$("$haproxy_bin" -v | head -1 | cut -d' ' -f1-3); wrk -t1, ${seconds}s per row, $(nproc) cores for everything (nodes, PostgreSQL, HAProxy, wrk)"
echo
echo "| setup | personal req/s | personal p50 / p99 | events/s (batches of 20) | events p50 / p99 |"
echo "| --- | ---: | --- | ---: | --- |"
row() { # prefix label
  local events; events=$(awk -v a="${rps[$1_events]}" 'BEGIN { printf "%.0f", a * 20 }')
  echo "| $2 | ${rps[$1_personal]} | ${p50[$1_personal]} / ${p99[$1_personal]} | $events | ${p50[$1_events]} / ${p99[$1_events]} |"
}
row one "one node, directly"
row one_lb "one node behind HAProxy"
row two_lb "two nodes behind HAProxy"
echo
echo "| event acknowledged by one node → the other's recently_viewed shows it | events | p50 | p90 | p99 | max | not seen within 5 s |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
echo "| node A → node B | $ab_n | $ab_p50 ms | $ab_p90 ms | $ab_p99 ms | $ab_max ms | $ab_timeouts |"
echo "| node B → node A | $ba_n | $ba_p50 ms | $ba_p90 ms | $ba_p99 ms | $ba_max ms | $ba_timeouts |"
