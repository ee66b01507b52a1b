#!/usr/bin/env bash
# Installs what building and testing agentdesk needs, skipping whatever is already there.
# Safe to run again and again. Tools go to $AGENTDESK_TOOLS (outside the clone, so that fresh
# clones on the same machine reuse them); system packages come from Debian.
#
# Source it (`. scripts/setup.sh`) to get the tools on PATH in your shell.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

AGENTDESK_TOOLS="${AGENTDESK_TOOLS:-$HOME/.cache/agentdesk-tools}"
TRUNK_VERSION=0.21.14          # trunk 0.22+ needs a newer rustc than the pinned 1.95
BINARYEN_VERSION=132           # npm binaryen; Debian's binaryen 108 breaks wasm-bindgen output
export PATH="$AGENTDESK_TOOLS/bin:$AGENTDESK_TOOLS/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

step() { local start=$SECONDS; echo "setup: $1"; shift; "$@"; echo "setup:   done in $((SECONDS - start)) s"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq
  # RUNLEVEL=1: a package with a service (rabbitmq-server) is installed, not started.
  as_root env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# 1. Chromium and its driver, for the browser and end-to-end tests; RabbitMQ (STOMP and
#    web-STOMP plugins included), the real broker of the Finesse connector's tests.
missing_packages=()
command -v chromium >/dev/null || missing_packages+=(chromium)
command -v chromedriver >/dev/null || missing_packages+=(chromium-driver)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing_packages+=(rabbitmq-server)
if ((${#missing_packages[@]})); then
  step "apt-get install ${missing_packages[*]}" apt_install "${missing_packages[@]}"
fi

# 2. The pinned toolchain and its wasm32 target (rust-toolchain.toml; rustup does not
#    auto-install here because RUSTUP_AUTO_INSTALL=0).
toolchain=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup toolchain list | grep -q "^$toolchain"; then
  step "rustup toolchain install $toolchain" rustup toolchain install "$toolchain" --profile minimal -c clippy -c rustfmt
fi
if ! rustup +"$toolchain" target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown" rustup +"$toolchain" target add wasm32-unknown-unknown
fi

# 3. Trunk, built from source (about 10 minutes on 2 cores, once).
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "cargo install trunk $TRUNK_VERSION" cargo install --quiet --locked --root "$AGENTDESK_TOOLS" trunk --version "$TRUNK_VERSION"
fi

# 4. wasm-bindgen-cli at exactly the wasm-bindgen version of Cargo.lock. Its own lockfile pins
#    a crate the registry here lacks, so it installs without --locked.
wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wasm_bindgen_version" ]; then
  step "cargo install wasm-bindgen-cli $wasm_bindgen_version" cargo install --quiet --root "$AGENTDESK_TOOLS" wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

# 5. wasm-opt from npm (seconds, instead of 15 minutes of C++).
if [[ "$(wasm-opt --version 2>/dev/null)" != *"version_$BINARYEN_VERSION"* ]]; then
  step "npm install binaryen@$BINARYEN_VERSION" npm install --silent --no-audit --no-fund --prefix "$AGENTDESK_TOOLS" "binaryen@$BINARYEN_VERSION"
fi

# 6. The end-to-end tests' npm packages (playwright-core drives the system Chromium), from the lockfile.
# A copy of the lockfile in node_modules records what was installed from.
if ! cmp -s e2e/package-lock.json e2e/node_modules/.installed-from-lock 2>/dev/null; then
  step "npm ci (e2e)" npm ci --silent --no-audit --no-fund --prefix e2e
  cp e2e/package-lock.json e2e/node_modules/.installed-from-lock
fi

# 7. Crates, so that Trunk's offline builds find them.
step "cargo fetch" cargo fetch --locked --quiet

echo "setup: ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | head -1), $(chromium --version 2>/dev/null | head -1)"
