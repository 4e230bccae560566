#!/usr/bin/env bash
# Type-checks the three TypeScript projects with Node 24: functions, tests, benchmarks and the build
# script; the add-on's server side (Apps Script globals); the sidebar pages (browser globals).
set -euo pipefail
cd "$(dirname "$0")/.."
tsc=node_modules/.bin/tsc
bash scripts/node24.sh "$tsc" -p tsconfig.json --noEmit
bash scripts/node24.sh "$tsc" -p apps-script/tsconfig.json
bash scripts/node24.sh "$tsc" -p apps-script/src/sidebar/tsconfig.json
