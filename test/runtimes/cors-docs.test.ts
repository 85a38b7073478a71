import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORS } from './api.js';

/**
 * docs/runtimes.md tells API operators which headers a browser needs; the runtime matrix's API
 * (api.ts) allows and exposes exactly those, and Chromium passes the scenario through it. So
 * the table and the tested lists must say the same.
 */
const guide = await readFile(join(import.meta.dirname, '..', '..', 'docs', 'runtimes.md'), 'utf8');

/** The backticked names in the second cell of the table row whose first cell is `header`. */
function documented(header: string): string[] {
  const row = guide.split('\n').find((line) => line.startsWith(`| \`${header}\` |`));
  expect(row, `docs/runtimes.md has no row for ${header}`).toBeDefined();
  return [...row!.split('|')[2]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

describe('docs/runtimes.md, the CORS table', () => {
  it.each([
    ['Access-Control-Allow-Headers', CORS.allowHeaders],
    ['Access-Control-Allow-Methods', CORS.allowMethods],
    ['Access-Control-Expose-Headers', CORS.exposeHeaders],
  ] as const)('names for %s exactly what the tested API sends', (header, tested) => {
    expect(documented(header)).toEqual([...tested]);
  });
});
