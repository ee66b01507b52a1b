#!/usr/bin/env bash
# Runs every test: native (cti, gateway), browser components (headless Chromium through
# chromedriver), the release build with its size report, and end-to-end (gateway + widget in
# headless Chromium). Installs what is missing first. Stops at the first failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

started=$SECONDS
phase() { local start=$SECONDS; echo; echo "=== $1"; shift; "$@"; echo "=== ok in $((SECONDS - start)) s"; }

phase "format" cargo fmt --all -- --check
phase "lint (native)" cargo clippy --locked --quiet --workspace --exclude agentdesk --all-targets -- -D warnings
phase "lint (wasm32: widget and core)" cargo clippy --locked --quiet --target wasm32-unknown-unknown -p agentdesk -p cti --all-targets -- -D warnings
phase "lint (wasm32: widget with XuC)" cargo clippy --locked --quiet --target wasm32-unknown-unknown -p agentdesk --all-targets --features xuc -- -D warnings
phase "native tests (cti, gateway)" cargo test --locked --workspace --exclude agentdesk
phase "browser component tests (headless Chromium)" cargo test --locked -p agentdesk --target wasm32-unknown-unknown
phase "browser tests with the XuC driver" cargo test --locked -p agentdesk --target wasm32-unknown-unknown --features xuc --test sign_in
if command -v cargo-fuzz >/dev/null && rustup toolchain list | grep -q nightly; then
  phase "fuzz decode_event (60 s)" bash -c "cd crates/cti/fuzz && cargo +nightly fuzz run decode_event -- -max_total_time=60"
else
  echo "(cargo-fuzz or nightly missing: the native tests replayed the fuzz corpus instead)"
fi
phase "release build" trunk build --release --locked
phase "size report" node scripts/size-report.mjs dist
phase "release build with the XuC driver" trunk build --release --locked --features xuc --dist dist-xuc
phase "size report (with XuC)" node scripts/size-report.mjs dist-xuc
phase "gateway binary" cargo build --locked --quiet -p gateway
phase "stalled-body flood (loopback, RSS at most +100 MB)" scripts/flood.sh
phase "end-to-end (headless Chromium)" node --test --test-concurrency=1 e2e/
echo
echo "all tests passed in $((SECONDS - started)) s"
