/**
 * docs/errors.md lists the API's error codes: the table must match the spec's `ErrorCode`
 * catalogue (generated/openapi.json), code for code and status for status.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

interface ErrorCodeSchema {
  enum: string[];
  'x-enumDescriptions': Record<string, string>;
}

describe('the error codes table of docs/errors.md', () => {
  it('lists every code of the spec, with its status, and no other', async () => {
    const spec = JSON.parse(await readFile(join(root, 'generated', 'openapi.json'), 'utf8')) as { components: { schemas: { ErrorCode: ErrorCodeSchema } } };
    const { enum: codes, 'x-enumDescriptions': descriptions } = spec.components.schemas.ErrorCode;
    const expected = codes.map((code) => `${code} ${/^(\d{3})/.exec(descriptions[code] ?? '')?.[1] ?? '?'}`);

    const guide = await readFile(join(root, 'docs', 'errors.md'), 'utf8');
    const rows = [...guide.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(rows).toEqual(expected);
  });
});
