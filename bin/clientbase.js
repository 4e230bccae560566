#!/usr/bin/env node
// The CLI is TypeScript run by Node 24's type stripping; an installed build (lib/) is preferred.
import { existsSync } from 'node:fs';
const built = new URL('../lib/functions/src/cli/main.js', import.meta.url);
await import(existsSync(built) ? built.href : new URL('../functions/src/cli/main.ts', import.meta.url).href);
