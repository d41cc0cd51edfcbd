#!/usr/bin/env bash
# ./vitrina loadtest report: how long an experiment's report takes to read with a million events
# behind it, and how far the counting of those events lags behind the intake.
#
#   loadtest/report.sh [--shoppers N] [--events N] [--connections C] [--batch B] [--requests N]
#                      [--budget S] [--readers R] [--seconds S] [--algorithm A] [--heap SIZE]
#
# Starts the service on a fresh data folder with its embedded PostgreSQL and a small generated demo
# store (1,000 items, 500 shoppers, a week; the demo runs its own 3,000-shopper experiment, awaited
# before anything is measured), then runs src/main/java/.../ReportBench.java against it:
#   a block (report-bench, algorithm --algorithm, default personal) and an experiment on it, a
#   holdout against the block, started through the admin API;
#   --shoppers (default 100,000) each ask for the block once (the exposure);
#   --events (default 1,000,000) events of theirs through POST /v1/events in batches of --batch
#   (default 500), --connections at a time (default 64): lists viewed with the block's token,
#   clicks, carts, and purchases of skewed value (a few orders thirty times the median);
#   the report asked every half second until it holds every shopper and order sent (the counting
#   caught up); then GET /v1/admin/experiments/{id}/report, ?method=fixed and ?cap=0.99, each
#   --requests times one after another (default 200 after 20 warm-ups, or as many as --budget
#   seconds allow, default 120, at least ten; p50 / p99 / max), then by --readers concurrent
#   readers for --seconds (default 4 for 10 s; req/s).
# Prints a markdown table and the report's headline numbers. The client shares the machine's
# cores with the service and its PostgreSQL. Logs: loadtest/target/report-run/.
# Needs JDK 21+ and Maven.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

heap=2g
bench=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --shoppers|--events|--connections|--batch|--requests|--budget|--readers|--seconds|--algorithm)
      [[ $# -ge 2 ]] || { echo "report.sh: $1 needs a value" >&2; exit 2; }
      bench+=("$1" "$2"); shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    -h|--help) sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "report.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "report.sh: $*" >&2; exit 1; }
[[ -n "${JAVA_HOME:-}" ]] || die "JAVA_HOME must name a JDK 21+ (./vitrina loadtest report sets it)"

echo "Building the service and the load-test tools…"
(cd "$root" && mvn -B -q -Dstyle.color=never -pl server,loadtest -am package -DskipTests)

jvm=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)
site_key=report-site-key
admin_key=report-admin-key
port=18183
out="$here/target/report-run"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

await() { # url, seconds
  for _ in $(seq 1 "$2"); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done
  die "$1 did not answer within $2 s"
}

rm -rf "$out"; mkdir -p "$out"
echo "Vitrina on a fresh store (1,000 items, 500 shoppers; embedded PostgreSQL in $out/data)…"
"$JAVA_HOME/bin/java" "${jvm[@]}" "-Xmx$heap" -XX:+ExitOnOutOfMemoryError -jar "$root/server/target/vitrina-server.jar" \
  --demo --demo-items 1000 --demo-visitors 500 --demo-days 7 \
  --data-dir "$out/data" --port "$port" --host 127.0.0.1 --site-key "$site_key" --admin-key "$admin_key" \
  --model-interval PT1H >"$out/server.log" 2>&1 &
pids+=($!)
await "http://127.0.0.1:$port/ready" 600
# The demo's own experiment simulates its shoppers through the API once the service listens.
for _ in $(seq 1 300); do grep -q "Demo experiment .* ran" "$out/server.log" && break; sleep 1; done
grep -q "Demo experiment .* ran" "$out/server.log" || die "the demo experiment did not finish within 300 s (see $out/server.log)"

echo
echo "$(nproc) cores, JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | sed 's/.*"\(.*\)".*/\1/'), -Xmx$heap;" \
  "service, PostgreSQL and client on the same machine"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$here/target/classes:$root/server/target/lib/*" io.vitrina.loadtest.ReportBench \
  --base "http://127.0.0.1:$port" --site-key "$site_key" --admin-key "$admin_key" ${bench[@]+"${bench[@]}"} \
  2> >(tee "$out/bench.log" >&2)
