/**
 * Curl reproductions: any text survives the shell quoting byte for byte, and the run's key (and
 * the other keys it made) are never printed — the shell reads them from variables.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellQuote, toCurl } from '../../conformance/http/curl.js';
import type { WireRequest } from '../../conformance/http/wire.js';

const KEY = 'om_test_CurlTestKey00000000000000000000';

describe('curl lines', () => {
  it('quote any text so that the shell passes it on unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\0')), (text) => {
        expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(text)}`], { encoding: 'utf8' })).toBe(text);
      }),
      { numRuns: 60, seed: 17 },
    );
  });

  it('name the key as $OPSMERGE_API_KEY, and other keys by their variable, never by value', () => {
    const request: WireRequest = { method: 'POST', url: "http://127.0.0.1:9/v1/tickets?q=it's", headers: { 'Content-Type': 'application/json' }, credential: { kind: 'key', key: KEY }, body: '{"subject":"$HOME `id`"}' };
    const line = toCurl(request);
    expect(line).toBe(`curl -sS -i -X POST 'http://127.0.0.1:9/v1/tickets?q=it'\\''s' -H 'Content-Type: application/json' -H "Authorization: Bearer $OPSMERGE_API_KEY" --data-raw '{"subject":"$HOME \`id\`"}'`);
    expect(line).not.toContain(KEY);
    expect(toCurl({ ...request, credential: { kind: 'other-key', key: KEY, variable: 'OPSMERGE_REVOKED_KEY' } })).toContain('"Authorization: Bearer $OPSMERGE_REVOKED_KEY"');
    expect(toCurl({ ...request, credential: { kind: 'none' } })).not.toContain('Authorization');
  });

  it('are one line, whatever the body holds', () => {
    const line = toCurl({ method: 'POST', url: 'http://127.0.0.1:9/v1/x', headers: {}, credential: { kind: 'none' }, body: JSON.stringify({ text: 'a\nb\r\nc' }) });
    expect(line.split('\n')).toHaveLength(1);
  });
});
