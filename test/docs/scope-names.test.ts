/**
 * The docs, the README and the SDK's TSDoc name only real scopes (the spec's closed `Scope`
 * enum), so nobody copies a scope such as `tickets:write` that the API refuses. The table that
 * maps the older products' scopes onto ours is the one place other names may appear.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCOPE_CATALOGUE } from '../../mocks/scopes.js';

const root = join(import.meta.dirname, '..', '..');
const SCOPE_LIKE = /\b[a-z][a-z0-9_]*:(read|write|execute)\b/g;
const OLDER_PRODUCTS = /^### Scope names of the older products$/m;

function files(dir: string, extension: RegExp): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && extension.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** The text of a file, without the older products' mapping section of the authentication guide. */
function checkedText(file: string): string {
  const text = readFileSync(join(root, file), 'utf8');
  const start = text.search(OLDER_PRODUCTS);
  if (start < 0) return text;
  const next = text.slice(start + 4).search(/^#{2,3} /m);
  return text.slice(0, start) + (next < 0 ? '' : text.slice(start + 4 + next));
}

describe('scope names in the docs and the SDK', () => {
  const known = new Set<string>(SCOPE_CATALOGUE);
  const sources = ['README.md', ...files('docs', /\.md$/), ...files('src', /\.ts$/), ...files('cli', /\.ts$/), 'mocks/README.md'];

  it('are all scopes of the catalogue', () => {
    const unknown = sources.flatMap((file) => [...checkedText(file).matchAll(SCOPE_LIKE)].map((m) => m[0]).filter((s) => !known.has(s)).map((s) => `${file}: ${s}`));
    expect(unknown).toEqual([]);
  });

  it('still finds the older products’ names in their own table, so the exemption is not hiding everything', () => {
    const guide = readFileSync(join(root, 'docs', 'authentication.md'), 'utf8');
    expect(guide).toMatch(OLDER_PRODUCTS);
    expect(checkedText('docs/authentication.md')).not.toContain('read:tenants');
    expect(guide).toContain('`incidents:write`');
    expect(checkedText('docs/authentication.md')).not.toContain('incidents:write');
  });
});
