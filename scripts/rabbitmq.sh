#!/usr/bin/env bash
# A throwaway RabbitMQ (Debian's rabbitmq-server, installed by scripts/setup.sh) for the tests:
# its STOMP and web-STOMP plugins on free local ports, everything in a temporary folder (no
# system service), the demo users (same login and password as on the gateway) and the
# connector's own user `agentdesk` / `connector`.
#
#   eval "$(scripts/rabbitmq.sh start)"   # sets RABBITMQ_DIR, RABBITMQ_NODE, RABBITMQ_STOMP_PORT,
#                                         # RABBITMQ_WEB_STOMP_PORT (web-STOMP path: /ws)
#   scripts/rabbitmq.sh stop "$RABBITMQ_DIR"
set -euo pipefail
RABBIT_BIN=/usr/lib/rabbitmq/bin

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

rabbit_env() {
  local dir=$1
  export HOME="$dir" RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" \
    RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
    RABBITMQ_PID_FILE="$dir/rabbitmq.pid" RABBITMQ_NODENAME="$(cat "$dir/node")" \
    RABBITMQ_DIST_PORT="$(cat "$dir/dist_port")"
}

start() {
  local dir amqp stomp web dist
  dir=$(mktemp -d /tmp/agentdesk-rabbitmq.XXXXXX)
  amqp=$(free_port); stomp=$(free_port); web=$(free_port); dist=$(free_port)
  echo "agentdesk-$$@localhost" > "$dir/node"
  echo "$dist" > "$dir/dist_port"
  cat > "$dir/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$amqp
stomp.listeners.tcp.1 = 127.0.0.1:$stomp
web_stomp.tcp.port = $web
web_stomp.tcp.ip = 127.0.0.1
loopback_users = none
load_definitions = $dir/definitions.json
EOF
  # The users with RabbitMQ's salted SHA-256 hashes, loaded at boot: no rabbitmqctl per user
  # (each call boots an Erlang VM: seconds, minutes on a busy machine).
  node -e '
const { createHash, randomBytes } = require("node:crypto");
const users = ["oxe70120:0120", "oxe70121:0121", "oxe70122:0122", "oxe70123:0123",
  "oxe70130:0130", "oxe70140:0140", "agentdesk:connector"].map((u) => u.split(":"));
const hash = (password) => {
  const salt = randomBytes(4);
  const digest = createHash("sha256").update(Buffer.concat([salt, Buffer.from(password)])).digest();
  return Buffer.concat([salt, digest]).toString("base64");
};
require("node:fs").writeFileSync(process.argv[1], JSON.stringify({
  vhosts: [{ name: "/" }],
  users: users.map(([name, password]) => ({ name, password_hash: hash(password),
    hashing_algorithm: "rabbit_password_hashing_sha256", tags: "" })),
  permissions: users.map(([user]) => ({ user, vhost: "/", configure: ".*", write: ".*", read: ".*" })),
}));' "$dir/definitions.json"
  echo "[rabbitmq_stomp,rabbitmq_web_stomp]." > "$dir/enabled_plugins"
  rabbit_env "$dir"
  "$RABBIT_BIN/rabbitmq-server" > "$dir/server.out" 2>&1 &
  echo $! > "$dir/server.shell.pid"
  # `await_startup` gives up at once while the node is not registered yet: ask again.
  local deadline=$((SECONDS + 180))
  until "$RABBIT_BIN/rabbitmqctl" -q await_startup > "$dir/await.out" 2>&1; do
    if ((SECONDS > deadline)) || ! kill -0 "$(cat "$dir/server.shell.pid")" 2>/dev/null; then
      echo "RabbitMQ did not start:" >&2
      tail -30 "$dir/server.out" "$dir/await.out" >&2
      stop "$dir"
      exit 1
    fi
    sleep 1
  done
  echo "export RABBITMQ_DIR=$dir RABBITMQ_NODE=$RABBITMQ_NODENAME RABBITMQ_STOMP_PORT=$stomp RABBITMQ_WEB_STOMP_PORT=$web"
}

stop() {
  local dir=$1
  [ -n "$dir" ] && [ -f "$dir/node" ] || return 0
  rabbit_env "$dir"
  timeout 60 "$RABBIT_BIN/rabbitmqctl" -q stop > /dev/null 2>&1 || kill "$(cat "$dir/server.shell.pid")" 2>/dev/null || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
