#!/usr/bin/env node
// The `opsmerge` command of @opsmerge/cli: loads the compiled CLI (cli/main.ts → dist/main.js).
const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  console.error(`opsmerge needs Node.js 20 or newer; this is Node.js ${process.versions.node}.`);
  process.exit(1);
}
await import('../dist/main.js');
