// Plain JavaScript on purpose: no loader (tsx) may run in the process being timed.
// Usage: node import-probe.mjs <specifier> [ours | openapi-fetch]   (the second: also create a client)
const [specifier, construct] = process.argv.slice(2);
const started = performance.now();
const mod = await import(specifier);
if (construct === 'ours') mod.createClient({ apiKey: 'om_test_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a', baseUrl: 'http://127.0.0.1:9', logLevel: 'off' });
if (construct === 'openapi-fetch') mod.default({ baseUrl: 'http://127.0.0.1:9' });
process.stdout.write(JSON.stringify({ ms: performance.now() - started }));
