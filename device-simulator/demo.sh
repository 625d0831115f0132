#!/usr/bin/env bash
# Runs the demo from built jars: the ACS on its embedded H2 store under ./data, plus a simulated
# fleet of gateways, mesh routers and set-top boxes that check in every minute, and a few USP (TR-369)
# agents of the same kinds connected over WebSocket. Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
DEVICES="${DEVICES:-30}"
USP_AGENTS="${USP_AGENTS:-3}"
ACS_JAR=acs-server/target/acs-server.jar
SIM_JAR=device-simulator/target/device-simulator.jar
[ -f "$ACS_JAR" ] && [ -f "$SIM_JAR" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }

java -jar "$ACS_JAR" --data-dir ./data &
acs_pid=$!
trap 'kill $acs_pid ${sim_pid:-} ${usp_pid:-} 2>/dev/null; wait 2>/dev/null' EXIT INT TERM
for _ in $(seq 1 60); do
  [ -s data/admin-token ] && (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null && break
  sleep 1
done

cat <<INFO

  HomeACS is running: CWMP on :7547, USP over WebSocket on ws://127.0.0.1:8081/usp,
  REST API on http://127.0.0.1:8080/api/v1
  Try, in another terminal:
    TOKEN=\$(cat data/admin-token)
    curl -s -H "Authorization: Bearer \$TOKEN" 'http://127.0.0.1:8080/api/v1/devices?limit=5'
    curl -s -H "Authorization: Bearer \$TOKEN" 'http://127.0.0.1:8080/api/v1/devices?kind=stb'
    curl -s -H "Authorization: Bearer \$TOKEN" 'http://127.0.0.1:8080/api/v1/devices?q=USP'   # the USP agents
    curl -s -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
      -d '{"type":"getParameterValues","parameterNames":["Device.DeviceInfo."],"connectionRequest":true,"waitSeconds":30}' \\
      http://127.0.0.1:8080/api/v1/devices/<id>/tasks
    # a TR-143 speed test of a gateway (the simulated line is 500/100 Mbit/s), then read the run:
    curl -s -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
      -d '{"type":"speedTest","testBytes":20000000}' http://127.0.0.1:8080/api/v1/devices/<id>/diagnostics
    curl -s -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:8080/api/v1/diagnostics/<run id>

INFO
java -jar "$SIM_JAR" --acs-url http://127.0.0.1:7547/ --devices "$DEVICES" --kind mixed --inform-interval 60 &
sim_pid=$!
java -jar "$SIM_JAR" run --protocol usp --mtp websocket --usp-url ws://127.0.0.1:8081/usp --devices "$USP_AGENTS" \
  --kind mixed --serial-prefix USP --inform-interval 60 &
usp_pid=$!
wait $sim_pid
