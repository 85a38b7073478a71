// Plain JavaScript on purpose: no loader (tsx) may run in the process being timed.
// Usage: node import-probe.mjs <specifier> [createClient | createCoreClient | openapi-fetch]   (the second: also create a client)
// Prints { ms } — or { ms, error } when creating the client failed (the import itself must work).
const [specifier, construct] = process.argv.slice(2);
const options = { apiKey: 'om_test_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a', baseUrl: 'http://127.0.0.1:9', logLevel: 'off' };
const started = performance.now();
const mod = await import(specifier);
let error;
try {
  if (construct === 'createClient' || construct === 'createCoreClient') {
    if (typeof mod[construct] !== 'function') throw new Error(`${specifier} has no export ${construct}`);
    mod[construct](options);
  }
  if (construct === 'openapi-fetch') mod.default({ baseUrl: options.baseUrl });
} catch (err) {
  error = `${err?.name ?? 'Error'}: ${err?.message ?? String(err)}`.replaceAll(options.apiKey, '[key]');
}
process.stdout.write(JSON.stringify(error === undefined ? { ms: performance.now() - started } : { ms: performance.now() - started, error }));
