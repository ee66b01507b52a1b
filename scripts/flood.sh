#!/usr/bin/env bash
# The stalled-body flood (issue 17, defect 1): the gateway binary on loopback, 500 connections
# each sending most of a 2 MiB body then stalling, five rounds; prints the gateway's RSS idle,
# during and after, and fails if either is more than 100 MB above idle. Debug build (the one
# the test script builds anyway); FLOOD_CONNECTIONS and FLOOD_ROUNDS change the load.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec cargo bench --locked --quiet -p gateway --bench flood --profile dev "$@"
