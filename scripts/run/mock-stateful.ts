/**
 * `npm run mock:stateful [-- FLAGS]`: `opsmerge mock --stateful FLAGS` from the repository's
 * sources — the stateful MSW mock over real HTTP on 127.0.0.1 (Node ≥ 22.12). It prints the
 * base URL, the ready test key, the OAuth test clients, the control token and `export` lines.
 * Flags: `opsmerge mock --help` (--port, --seed, --plan, --daily-quota, --rate-limit, --clock,
 * --now, --scenario, --oauth-…, --control-token, --environment, --host).
 */
import { run } from '../../cli/run.js';

process.exitCode = await run(['mock', '--stateful', ...process.argv.slice(2)], { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
