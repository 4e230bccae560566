#!/usr/bin/env bash
# Runs a command with Node 24 first on the PATH (installing it from the npm registry into .node/ if
# the machine's Node is older), so `npm start` and `npm test` work on a machine with an older Node.
. "$(dirname "$0")/../.ci/ensure-node.sh" || exit 1
exec "$@"
