#!/usr/bin/env bash
# Builds the widget's consoles, one release Trunk build per entry point, so that an agent
# downloads the code of their backend only (issue 16, docs/size.md "Entry points"):
#   dist        the O2G agent console, at /         (--features o2g)
#   dist-xuc    the XuC agent console, at /xuc/     (--features xuc)
#   dist-finesse the Finesse agent console, at /finesse/ (--features finesse)
#   dist-embed  the embed console, at /embed        (--features o2g,embed: the host bridge)
# The gateway serves the first with --dist and the others with --console ID=DIR
# (scripts/run.sh, e2e/harness.mjs). A new backend adds a line here.
# Usage: scripts/build-consoles.sh [dist|dist-xuc|dist-embed ...]   (default: all)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

declare -A features=([dist]=o2g [dist-xuc]=xuc [dist-finesse]=finesse [dist-embed]=o2g,embed)
declare -A public_url=([dist]=/ [dist-xuc]=/xuc/ [dist-finesse]=/finesse/ [dist-embed]=/embed/)
order=(dist dist-xuc dist-finesse dist-embed)

wanted=("$@")
((${#wanted[@]})) || wanted=("${order[@]}")
for dist in "${wanted[@]}"; do
  if [ -z "${features[$dist]:-}" ]; then
    echo "build-consoles: unknown console $dist (one of: ${order[*]})" >&2
    exit 2
  fi
  echo "build-consoles: $dist (features ${features[$dist]}, at ${public_url[$dist]})"
  trunk build --release --locked --no-default-features --features "${features[$dist]}" \
    --dist "$dist" --public-url "${public_url[$dist]}"
done
