#!/usr/bin/env node
/**
 * The `opsmerge` executable: runs the CLI on the process's arguments and streams. In the
 * published package, bin/opsmerge.mjs imports the compiled form of this file
 * (dist/cli/main.js); in the repo, run it with tsx: `npx tsx cli/main.ts whoami`.
 */
import { run } from './run.js';

// `opsmerge agents list --ndjson | head -1`: the reader went away; that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
