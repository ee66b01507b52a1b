#!/usr/bin/env bash
# Runs every test: native (cti, gateway), browser components (headless Chromium through
# chromedriver), the release build with its size report, and end-to-end (gateway + widget in
# headless Chromium). Installs what is missing first. Stops at the first failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# Chromium leaves a ~90 MB profile in TMPDIR whenever a test kills it; keep them in one folder
# of this run and remove it at the end (with the throwaway RabbitMQ, once started).
test_tmp=$(mktemp -d "${TMPDIR:-/tmp}/agentdesk-test.XXXXXX")
export TMPDIR="$test_tmp"
cleanup() {
  [ -z "${RABBITMQ_DIR:-}" ] || scripts/rabbitmq.sh stop "$RABBITMQ_DIR" || true
  rm -rf "$test_tmp"
}
trap cleanup EXIT

started=$SECONDS
phase() { local start=$SECONDS; echo; echo "=== $1"; shift; "$@"; echo "=== ok in $((SECONDS - start)) s"; }

phase "format" cargo fmt --all -- --check
phase "lint (native)" cargo clippy --locked --quiet --workspace --exclude agentdesk --all-targets -- -D warnings
phase "lint (wasm32: widget and core)" cargo clippy --locked --quiet --target wasm32-unknown-unknown -p agentdesk -p cti --all-targets -- -D warnings
phase "lint (wasm32: widget with every backend)" cargo clippy --locked --quiet --target wasm32-unknown-unknown -p agentdesk --all-targets --all-features -- -D warnings
phase "native tests (cti, gateway)" cargo test --locked --workspace --exclude agentdesk
phase "browser component tests (headless Chromium)" cargo test --locked -p agentdesk --target wasm32-unknown-unknown
phase "browser tests with the XuC driver" cargo test --locked -p agentdesk --target wasm32-unknown-unknown --features xuc --test sign_in
phase "lint (wasm32: each console alone)" bash -c "for f in o2g xuc finesse; do cargo clippy --locked --quiet --target wasm32-unknown-unknown -p agentdesk --no-default-features --features \$f -- -D warnings || exit 1; done"
if command -v cargo-fuzz >/dev/null && rustup toolchain list | grep -q nightly; then
  phase "fuzz decode_event (60 s)" bash -c "cd crates/cti/fuzz && cargo +nightly fuzz run decode_event -- -max_total_time=60"
else
  echo "(cargo-fuzz or nightly missing: the native tests replayed the fuzz corpus instead)"
fi
phase "release builds: the O2G, XuC, Finesse and embed consoles" scripts/build-consoles.sh
# Prints only (sizes are benchmarks, not tests): each console against its budget, beside
# Amazon Connect Streams and Twilio Flex from npm (fetched once into the tools folder).
phase "size report" node scripts/size-report.mjs o2g=dist xuc=dist-xuc finesse=dist-finesse embed=dist-embed --compare
phase "gateway binary" cargo build --locked --quiet -p gateway
phase "stalled-body flood (loopback, RSS at most +100 MB)" scripts/flood.sh
# A throwaway RabbitMQ for the connector's tests through a real broker (e2e/rabbitmq.test.mjs).
rabbitmq_start() { local env; env=$(scripts/rabbitmq.sh start); eval "$env"; }
phase "RabbitMQ (STOMP, web-STOMP) on free ports" rabbitmq_start
export RABBITMQ_STOMP_PORT RABBITMQ_WEB_STOMP_PORT
phase "end-to-end (headless Chromium; STOMP clients, RabbitMQ)" node --test --test-concurrency=1 e2e/
echo
echo "all tests passed in $((SECONDS - started)) s"
