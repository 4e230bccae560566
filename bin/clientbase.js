#!/usr/bin/env node
// In a checkout the CLI runs its TypeScript source (Node 24 strips the types). An installed package
// ships the compiled lib/ instead (built when packed), because Node refuses to strip types in files
// under node_modules.
import { existsSync } from 'node:fs';

const source = new URL('../functions/src/cli/main.ts', import.meta.url);
const built = new URL('../lib/functions/src/cli/main.js', import.meta.url);
const { main } = await import((existsSync(source) ? source : built).href);
await main(process.argv.slice(2));
