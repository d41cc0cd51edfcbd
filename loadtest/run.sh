#!/usr/bin/env bash
# Runs the Gatling load tests against an already running Vitrina service.
#
#   loadtest/run.sh [read|write|all] [extra -D options for Maven/Gatling...]
#
#   read   RecommendationsSimulation (GET /v1/recommendations/...)
#   write  EventsSimulation          (POST /v1/events)
#   all    both, one after the other (default)
#
# Environment: VITRINA_BASE_URL (default http://127.0.0.1:8080), VITRINA_SITE_KEY
# (default demo-site-key), JAVA_HOME, MVN.
# Examples:
#   loadtest/run.sh read -Dvitrina.rps=1000 -Dvitrina.durationSeconds=60
#   loadtest/run.sh read -Dvitrina.mode=closed -Dvitrina.users=64
#   VITRINA_BASE_URL=http://127.0.0.1:9090 loadtest/run.sh write -Dvitrina.batchSize=50
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

what="${1:-all}"
case "$what" in
  read) sims=(RecommendationsSimulation) ;;
  write) sims=(EventsSimulation) ;;
  all) sims=(RecommendationsSimulation EventsSimulation) ;;
  -h|--help|help) usage; exit 0 ;;
  *) echo "run.sh: unknown target '$what' (expected read, write or all)" >&2; usage >&2; exit 2 ;;
esac
if [[ $# -gt 0 ]]; then shift; fi

# --- find a JDK 21+ -------------------------------------------------------------------------
# Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing.
jdk_version() {
  local home="$1" v=""
  [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 0
  if [[ -f "$home/release" ]]; then
    v="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")"
  fi
  if [[ -z "$v" ]]; then
    v="$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n1)"
  fi
  v="${v#1.}"          # 1.8.0_x -> 8.0_x
  v="${v%%[.+_-]*}"    # 21.0.5 -> 21
  [[ "$v" =~ ^[0-9]+$ ]] && echo "$v"
  return 0
}

java_home=""
if [[ -n "${JAVA_HOME:-}" ]]; then
  v="$(jdk_version "$JAVA_HOME")"
  if [[ -n "$v" && "$v" -ge 21 ]]; then
    java_home="$JAVA_HOME"
  else
    echo "run.sh: JAVA_HOME=$JAVA_HOME is not a JDK 21+ (version: ${v:-unknown}); looking in /usr/lib/jvm" >&2
  fi
fi
if [[ -z "$java_home" ]]; then
  best=0
  for d in /usr/lib/jvm/*; do
    [[ -d "$d" && ! -L "$d" ]] || continue
    v="$(jdk_version "$d")"
    if [[ -n "$v" && "$v" -ge 21 && "$v" -gt "$best" ]]; then
      best="$v"
      java_home="$d"
    fi
  done
fi
if [[ -z "$java_home" ]]; then
  echo "run.sh: no JDK 21 or newer found (checked JAVA_HOME and /usr/lib/jvm/*)." >&2
  echo "        Install one (e.g. Temurin 21/25) or point JAVA_HOME at it." >&2
  exit 1
fi
export JAVA_HOME="$java_home"
export PATH="$JAVA_HOME/bin:$PATH"

mvn_cmd="${MVN:-mvn}"
if ! command -v "$mvn_cmd" >/dev/null 2>&1; then
  echo "run.sh: Maven ('$mvn_cmd') not found on PATH; install it or set MVN=/path/to/mvn" >&2
  exit 1
fi

# --- target -------------------------------------------------------------------------------
base_url="${VITRINA_BASE_URL:-http://127.0.0.1:8080}"
site_key="${VITRINA_SITE_KEY:-demo-site-key}"

if command -v curl >/dev/null 2>&1; then
  # Any HTTP answer (even 404) means something listens; a connection error means nothing does.
  if ! curl -s -o /dev/null --max-time 5 "$base_url/"; then
    echo "run.sh: nothing answers at $base_url - start the Vitrina service first" >&2
    echo "        (or set VITRINA_BASE_URL)." >&2
    exit 1
  fi
fi

echo "run.sh: JDK $(jdk_version "$JAVA_HOME") at $JAVA_HOME; target $base_url; simulations: ${sims[*]}"

# --- run ----------------------------------------------------------------------------------
status=0
reports=()
log="$(mktemp "${TMPDIR:-/tmp}/vitrina-loadtest.XXXXXX")"
trap 'rm -f "$log"' EXIT

for sim in "${sims[@]}"; do
  echo
  echo "=== $sim ==="
  rc=0
  # -f loadtest/pom.xml builds only this module (its parent is resolved from ../pom.xml), so a
  # half-edited server module cannot break a load test run. gatling:test compiles first.
  "$mvn_cmd" -B -f "$here/pom.xml" gatling:test \
    -Dgatling.simulationClass="io.vitrina.loadtest.$sim" \
    -Dvitrina.baseUrl="$base_url" \
    -Dvitrina.siteKey="$site_key" \
    "$@" 2>&1 | tee "$log" || rc=$?
  report="$(sed -n 's/.*please open the following file: file:\/\/\(.*index\.html\).*/\1/p' "$log" | tail -n1)"
  if [[ -z "$report" ]]; then
    # Fall back to the newest run directory of this simulation.
    lower="$(echo "$sim" | tr '[:upper:]' '[:lower:]')"
    dir="$(ls -1dt "$here/target/gatling/$lower"-* 2>/dev/null | head -n1 || true)"
    [[ -n "$dir" && -f "$dir/index.html" ]] && report="$dir/index.html"
  fi
  if [[ $rc -ne 0 ]]; then
    status=$rc
    reports+=("$sim: FAILED (exit $rc)${report:+ - report: $report}")
  else
    reports+=("$sim: OK - report: ${report:-<not found under $here/target/gatling>}")
  fi
done

echo
echo "=== Summary ==="
printf '%s\n' "${reports[@]}"
exit "$status"
