#!/usr/bin/env bash
# Runs every Sensors test: installs what the tests need, starts the real servers they use, builds in Release
# with warnings as errors, runs each test project, prints one summary line and exits non-zero on any failure.
# Usage: bash tests/run-all.sh            (from anywhere; CI calls exactly this through .ci/run)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
results="$repo/tests/TestResults"
rm -rf "$results"; mkdir -p "$results"

# --- 1. System packages the tests need (Debian). One line per package; servers start in step 2. -------------
apt_packages=(
  mosquitto   # MQTT broker: gateway outbox/MQTT and analytics ingest tests (tests/Shared/Servers/MosquittoBroker.cs)
  influxdb    # influxd 1.x: analytics storage tests on the InfluxDB backend (tests/Shared/Servers/InfluxServer.cs)
  chromium    # Debian Chromium: therapist web UI tests through Playwright (ExecutablePath /usr/bin/chromium)
)
missing=()
for p in "${apt_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; fi
fi

# --- 2. Real servers on loopback. -----------------------------------------------------------------------------
# Each test class starts its own Mosquitto / influxd in a temp folder on a free loopback port
# (tests/Shared/Servers), because the broker-restart and power-loss tests must stop and start the server
# themselves. The Debian packages would start system-wide services where systemd runs; stop those so that
# nothing else listens or writes beside the tests.
for svc in mosquitto influxdb; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then systemctl stop "$svc" || true; else sudo systemctl stop "$svc" || true; fi
  fi
done
cleanup() { pkill -f "sensors-mosquitto-" 2>/dev/null || true; pkill -f "sensors-influxd-" 2>/dev/null || true; }
trap cleanup EXIT

# --- 3. Build everything (warnings are errors). ------------------------------------------------------------
echo "==> restore + build (Release)"
dotnet restore Sensors.sln --nologo -v q
dotnet build Sensors.sln -c Release --no-restore --nologo -v q -clp:ErrorsOnly

# --- 4. Run each test project; collect TRX results. ---------------------------------------------------------
status=0
for proj in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  echo "==> $name"
  if ! dotnet test "$proj" -c Release --no-build --nologo \
        --logger "trx;LogFileName=$name.trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true; then
    status=1
  fi
done

# --- 5. One summary line over all projects. ------------------------------------------------------------------
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
if [ "$passed" -eq 0 ]; then echo "no test passed: treating as failure"; status=1; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
