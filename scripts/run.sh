#!/usr/bin/env bash
# Runs the demo: builds the widget (release) and starts the gateway with its simulated
# contact centre, serving the widget at the printed URL (default http://127.0.0.1:8080) and the
# demo pages (landing page, demo CRM embedding the widget, embed API page) on a second origin
# (default http://127.0.0.1:8081, set AGENTDESK_DEMO_ADDR to move it).
# Gateway options may follow, e.g. `scripts/run.sh --addr 0.0.0.0:9000`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
scripts/build-consoles.sh
node scripts/size-report.mjs o2g=dist xuc=dist-xuc embed=dist-embed
cargo build --locked --release -p gateway
echo
echo "Demo users (login / password):"
node -e 'for (const u of require("./crates/gateway/scenarios/default.json").users) console.log(`  oxe${u.number} / ${u.secretCode}   ${u.firstName} ${u.lastName} (${u.role})`)'
echo
# The demo site is its own origin, as a CRM would be: the CRM embeds the widget cross-origin.
export AGENTDESK_DEMO_ADDR="${AGENTDESK_DEMO_ADDR:-127.0.0.1:8081}"
echo "Agent console: the gateway's URL below. Demo CRM, embed API and landing page: the demo URL."
echo
exec target/release/gateway --dist dist --console xuc=dist-xuc --console finesse=dist-finesse --console embed=dist-embed "$@"
