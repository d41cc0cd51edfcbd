#!/usr/bin/env bash
# ./vitrina loadtest ratio: Vitrina's request rates as a share of a plain Vert.x hello-world's,
# measured one after the other on this machine with the same client (wrk), so the numbers travel.
#
#   loadtest/ratio.sh [--items N] [--visitors N] [--seconds S] [--connections C] [--heap SIZE]
#                     [--item-skew S]
#
# Starts a hello-world (loadtest/src/main/java/.../HelloWorld.java) and measures it; stops it;
# starts the service with its embedded PostgreSQL and a generated demo store of --items items and
# --visitors shoppers (a week of traffic; generated once into loadtest/target/ratio-data-<items>-
# <visitors>, and each run starts from a copy), waits for the first model, and measures each route:
#   personal and personal_embedding (random known visitors), popular, similar, also_viewed,
#   also_bought (item pages drawn by a power law of exponent --item-skew, default 1, as a
#   storefront's item views are), the same item blocks for uniformly random items (nearly every
#   answer computed cold), personal on one connection (latency alone), POST /v1/events in
#   batches of 20, and GET /v1/decide (the demo's campaign and two slots, random known visitors on
#   item pages).
# Prints a markdown table: req/s, share of hello-world, p50 / p99 latency.
# Needs wrk (installed from Debian's packages when missing and running as root), JDK 21+, Maven.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

items=100000; visitors=55000; seconds=15; connections=64; heap=2g; skew=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --items) items="$2"; shift 2 ;;
    --visitors) visitors="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --item-skew) skew="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "ratio.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "ratio.sh: $*" >&2; exit 1; }
[[ -n "${JAVA_HOME:-}" ]] || die "JAVA_HOME must name a JDK 21+ (./vitrina loadtest ratio sets it)"
if ! command -v wrk >/dev/null; then
  [[ "$(id -u)" = 0 ]] || die "wrk is needed: run 'sudo apt-get install -y wrk' once"
  echo "Installing wrk…"
  (apt-get install -y -qq wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)) || die "could not install wrk"
fi

echo "Building the service and the hello-world…"
(cd "$root" && mvn -B -q -Dstyle.color=never -pl server,loadtest -am package -DskipTests)

jvm=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED "-Xmx$heap")
loops=$(nproc)
site_key=ratio-site-key
admin_key=ratio-admin-key
hello_port=18181
port=18180
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

await() { # url, seconds
  for _ in $(seq 1 "$2"); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done
  die "$1 did not answer within $2 s"
}

declare -A rps p50 p99
# measure name connections path-template port [events per batch: POST /v1/events instead]
# (ITEM_SKEW from the environment: 0 draws items uniformly)
measure() {
  local name="$1" conns="$2" path="$3" out
  out=$(PATH_TEMPLATE="$path" VISITORS="$visitors" ITEMS="$items" SITE_KEY="$site_key" BATCH="${5:-0}" \
    ITEM_SKEW="${ITEM_SKEW:-$skew}" \
    wrk -t1 -c"$conns" -d"${seconds}s" --latency -s "$here/wrk/ratio.lua" "http://127.0.0.1:$4" 2>&1)
  rps[$name]=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50[$name]=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99[$name]=$(awk '$1 == "99%" {print $2}' <<<"$out")
  local errors; errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)
  printf '  %-22s %10s req/s  p50 %-9s p99 %-9s %s\n' "$name" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" "$errors"
}

echo "Hello-world ($loops event loops)…"
"$JAVA_HOME/bin/java" "${jvm[@]}" -cp "$here/target/classes:$root/server/target/lib/*" io.vitrina.loadtest.HelloWorld "$hello_port" "$loops" >/dev/null &
pids+=($!)
await "http://127.0.0.1:$hello_port/" 30
measure warmup "$connections" "/" "$hello_port" >/dev/null
measure hello "$connections" "/" "$hello_port"
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true; pids=()

pristine="$here/target/ratio-data-$items-$visitors"
data="$here/target/ratio-run"
# No scheduled build: the cluster's schedule dates from when the store was generated, and an
# hourly one would land in whichever rows it meets. A start builds the model the store last
# announced, and the run builds one more, alone, after the rows.
start_service() { # data dir
  "$JAVA_HOME/bin/java" "${jvm[@]}" -jar "$root/server/target/vitrina-server.jar" --demo --demo-items "$items" --demo-visitors "$visitors" --demo-days 7 \
    --data-dir "$1" --port "$port" --host 127.0.0.1 --site-key "$site_key" --admin-key "$admin_key" \
    --model-interval P3650D >"$here/target/ratio-server.log" 2>&1 &
  pids+=($!)
}
if [[ ! -d "$pristine" ]]; then
  # Generated once and kept: every run starts from a copy, so the events a run posts do not grow
  # the next run's store.
  echo "Generating the demo store ($items items, $visitors shoppers) into $pristine…"
  start_service "$pristine"
  await "http://127.0.0.1:$port/ready" 900
  kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true; pids=()
fi
rm -rf "$data"; cp -a "$pristine" "$data"
echo "Vitrina with $items items and $visitors shoppers…"
start_service "$data"
await "http://127.0.0.1:$port/ready" 900
for _ in $(seq 1 600); do
  curl -sf -H "X-Admin-Key: $admin_key" "http://127.0.0.1:$port/v1/admin/models/current" | grep -q '"built_at":"' && break
  sleep 1
done
# The factor model (personal_embedding) trains right after the indicators; measure once it serves.
for _ in $(seq 1 300); do grep -q "Factor model trained" "$here/target/ratio-server.log" && break; sleep 1; done
# The demo's first trigger scan fires the messages of a week of carts and views at once (tens of
# thousands, each with its items): a one-off burst that would land in the first rows. Measure after.
for _ in $(seq 1 300); do grep -q "Trigger scan:" "$here/target/ratio-server.log" && break; sleep 1; done
# Item pages read content neighbours made in the background after the model (a query per item).
for _ in $(seq 1 600); do grep -q "Content neighbours made" "$here/target/ratio-server.log" && break; sleep 1; done
model=$(curl -sf -H "X-Admin-Key: $admin_key" "http://127.0.0.1:$port/v1/admin/models/current")
echo "  model: $model"
build=$(grep -o 'Model [0-9]* *built in .* from' "$here/target/ratio-server.log" | head -1 | sed 's/ from$//')
echo "  ${build:-model build time not found in the log}"
# The JIT takes longer than one row to settle on the request path (personal measured 3.5k, 8k,
# then 10k req/s in three rows of the same build): two rows of warm-up. Not on item pages: their
# answers would be cached before the rows that measure them cold.
measure warmup "$connections" "/v1/recommendations/personal?visitor={visitor}" "$port" >/dev/null
measure warmup "$connections" "/v1/recommendations/personal?visitor={visitor}" "$port" >/dev/null
measure personal "$connections" "/v1/recommendations/personal?visitor={visitor}" "$port"
measure personal_embedding "$connections" "/v1/recommendations/personal_embedding?visitor={visitor}" "$port"
measure popular "$connections" "/v1/recommendations/popular" "$port"
measure similar "$connections" "/v1/recommendations/similar?item={item}" "$port"
measure also_viewed "$connections" "/v1/recommendations/also_viewed?item={item}" "$port"
measure also_bought "$connections" "/v1/recommendations/also_bought?item={item}" "$port"
for block in similar also_viewed also_bought; do
  ITEM_SKEW=0 measure "${block}_cold" "$connections" "/v1/recommendations/$block?item={item}" "$port"
done
# A build at start shares the cores with loading the catalog index and replaying the profiles; the
# scheduled builds after it do not. One more, alone, before the rows that post events (they would
# grow its log), and its content neighbours made before the next row.
curl -sf -X POST -H "X-Admin-Key: $admin_key" "http://127.0.0.1:$port/v1/admin/models/rebuild" >/dev/null || true
rebuild=$(grep -o 'Model [0-9]* *built in .* from' "$here/target/ratio-server.log" | sed -n 2p | sed 's/ from$//')
echo "  ${rebuild:-the time of the build alone not found in the log}"
for _ in $(seq 1 600); do [[ $(grep -c "Content neighbours made" "$here/target/ratio-server.log") -ge 2 ]] && break; sleep 1; done
measure personal_c1 1 "/v1/recommendations/personal?visitor={visitor}" "$port"
measure events_x20 32 "/v1/events" "$port" 20
measure decide "$connections" "/v1/decide?visitor={visitor}&url=/demo/item/{item}&device=desktop&slots=home-hero,cart-sidebar" "$port"

hello=${rps[hello]}
echo
echo "$items items, $visitors shoppers; $(grep -o '"interactions":[0-9]*' <<<"$model" | cut -d: -f2) interactions in the model;" \
  "JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | sed 's/.*"\(.*\)".*/\1/'), ${jvm[*]}; wrk -t1, ${seconds}s per row, $(nproc) cores;" \
  "at start: ${build:-}; alone: ${rebuild:-}"
echo
echo "| route | connections | req/s | share of hello-world | p50 / p99 |"
echo "| --- | ---: | ---: | ---: | --- |"
row() { # name label connections
  local share; share=$(awk -v a="${rps[$1]}" -v b="$hello" 'BEGIN { printf "%.1f%%", 100 * a / b }')
  echo "| $2 | $3 | ${rps[$1]} | $share | ${p50[$1]} / ${p99[$1]} |"
}
row hello "Vert.x hello-world" "$connections"
row personal "personal, known visitors" "$connections"
row personal_embedding "personal_embedding, known visitors" "$connections"
row popular popular "$connections"
for block in similar also_viewed also_bought; do
  row "$block" "$block?item=, item pages by power law $skew" "$connections"
done
for block in similar also_viewed also_bought; do
  row "${block}_cold" "$block?item=, uniformly random items" "$connections"
done
row personal_c1 "personal, one connection" 1
events=$(awk -v a="${rps[events_x20]}" 'BEGIN { printf "%.0f", a * 20 }')
row decide "decide, the demo's campaign and 2 slots" "$connections"
echo "| events, batches of 20 (= $events events/s) | 32 | ${rps[events_x20]} | $(awk -v a="${rps[events_x20]}" -v b="$hello" 'BEGIN { printf "%.1f%%", 100 * a / b }') | ${p50[events_x20]} / ${p99[events_x20]} |"
