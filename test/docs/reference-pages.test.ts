/**
 * The generated pages, as Markdown: every operation gets a page under its family with all it
 * promises; the endpoint index, the error catalogue and the changelog are complete; the
 * changelog reads changesets and the spec's history without trusting their shape.
 */
import { describe, expect, it } from 'vitest';
import { operations, type OperationInfo } from '@opsmerge/sdk';
import spec from '@opsmerge/sdk/openapi.json' with { type: 'json' };
import type { OpenApiDocument } from '../../scripts/codegen/spec-types.js';
import { changelogPage, demoteHeadings, parseChangeset, specChanges } from '../../scripts/build/docs/changelog.js';
import { ERROR_ADVICE, errorCataloguePage } from '../../scripts/build/docs/error-catalogue.js';
import { generateSite, sandboxUrl, type SiteInput } from '../../scripts/build/docs/generate.js';
import { errorClassOf } from '../../scripts/build/docs/inputs.js';
import { PAGE_FILES } from '../../scripts/build/docs/site-links.js';

const doc = spec as unknown as OpenApiDocument;
const input: SiteInput = { spec: doc, released: doc, operations, changesets: [], changelogs: [], errorClass: errorClassOf, guides: '../docs/' };
const site = generateSite(input);
const page = (file: string): string => site.pages.find((p) => p.file === file)!.markdown;

describe('the generated pages', () => {
  it('has a page per operation under its family, the families, the index, the catalogue and the changelog, each file once', () => {
    const families = site.reference.families;
    expect(site.pages).toHaveLength(Object.keys(operations).length + families.length + 3);
    expect(new Set(site.pages.map((p) => p.file)).size).toBe(site.pages.length);
    for (const info of Object.values(operations) as OperationInfo[]) {
      const own = site.pages.find((p) => p.file === PAGE_FILES.operation(info.operationId))!;
      expect(own.title).toBe(`${info.resource}.${info.name}`);
      expect(own.parent).toBe(PAGE_FILES.family(info.family));
    }
    // A parent comes before its children, as TypeDoc needs.
    site.pages.forEach((p, i) => {
      if (p.parent) expect(site.pages.findIndex((q) => q.file === p.parent)).toBeLessThan(i);
    });
  });

  it('shows on an operation page its call, scopes, badges, parameters, examples, errors, samples and the try-it panel', () => {
    const text = page(PAGE_FILES.operation('apiKeys_create'));
    expect(text).toMatch(/^---\ntitle: apiKeys\.create\noperation: apiKeys_create\n---\n\n# Create an API key\n/);
    expect(text).toContain('<span class="om-method">POST</span> <code>/v1/api-keys</code> <span class="om-badge om-badge-stable">Stable</span>');
    expect(text).toContain('- **Scopes:** `api_keys:write`');
    expect(text).toContain('- **CLI:** `opsmerge keys create --name');
    expect(text).toContain('- **Retries:** safe; the SDK sends an `Idempotency-Key`');
    expect(text).toMatch(/## Request body: ApiKeyCreate\n\nRequired\.\n\n\| Name \| Type \|/);
    expect(text).toContain('| `name` | `string` | yes |  | 1–100 characters |');
    expect(text).toMatch(/### 201\n\nThe created key/);
    expect(text).toMatch(/\| `403` \| .* \| .*\[`PLAN_LIMIT_REACHED`\]\(api-errors\.md#plan_limit_reached\).* \| \{@link "@opsmerge\/sdk"!PermissionDeniedError PermissionDeniedError\} \|/);
    for (const heading of ['### TypeScript', '### TypeScript, low-level', '### curl', '### CLI', '## Try it']) expect(text).toContain(heading);
    expect(text).toContain('<div class="om-try-it" data-operation="apiKeys_create"></div>');
  });

  it('shows every documented response example of an operation', () => {
    const op = site.reference.operations.find((o) => o.info.operationId === 'agents_get')!;
    const text = page(PAGE_FILES.operation('agents_get'));
    for (const response of op.responses) for (const example of response.examples) expect(text).toContain(JSON.stringify(example.value, null, 2));
  });

  it('names no CLI command for an operation the CLI lacks, and widens the client of a beta one', () => {
    expect(page(PAGE_FILES.operation('apiKeys_rotate'))).toContain('- **CLI:** no command; use the SDK or curl');
    expect(page(PAGE_FILES.operation('apiKeys_rotate'))).toContain("- **Client:** `createClient({ stability: 'beta' })`");
    expect(page(PAGE_FILES.operation('benchmarks_list'))).toContain('`opsmerge --beta benchmarks list');
  });

  it('lists every operation once in the endpoint index', () => {
    const rows = page(PAGE_FILES.index)
      .split('\n')
      .filter((line) => /^\| \[`[A-Z]+ \//.test(line));
    expect(rows).toHaveLength(Object.keys(operations).length);
    expect(rows.find((r) => r.includes('`GET /v1/agents`'))).toBe('| [`GET /v1/agents`](agents_list.md) | `agents.list()` | `opsmerge agents list` | stable | `agents:read` |');
  });

  it('uses the sandbox server of the spec for curl', () => {
    expect(sandboxUrl(site.reference)).toBe('https://sandbox.opsmerge.cloud/api');
    expect(() => sandboxUrl({ servers: [] })).toThrow(/names no server/);
  });
});

describe('the error catalogue', () => {
  it('has advice for every code of the spec, and says what the SDK throws for it', () => {
    const text = errorCataloguePage(site.reference, errorClassOf, '../docs/');
    for (const e of site.reference.errors) expect(ERROR_ADVICE[e.code], e.code).toMatch(/\w/);
    for (const e of site.reference.errors) expect(text).toContain(`### ${e.code}\n\n**${e.status}** · ${e.meaning}`);
    expect(text).toContain('**The SDK throws** {@link "@opsmerge/sdk"!RateLimitError RateLimitError}');
    expect(errorClassOf(404, 'NOT_FOUND')).toBe('NotFoundError');
    expect(errorClassOf(503, 'MAINTENANCE')).toBe('InternalServerError');
    expect(errorClassOf(418, 'TEAPOT')).toBe('ApiError');
  });

  it('refuses to build without advice for a code', () => {
    expect(() => errorCataloguePage({ errors: [{ code: 'NEW_CODE', status: 400, meaning: 'New.' }] }, errorClassOf, '')).toThrow(/no advice for NEW_CODE/);
  });
});

describe('the changelog', () => {
  it('reads a changeset: every package with its bump, then its text', () => {
    expect(parseChangeset('a.md', '\uFEFF---\r\n"@opsmerge/sdk": minor\r\n\'@opsmerge/mocks\': patch\r\n---\r\n\nText **here**.\n')).toEqual({
      file: 'a.md',
      releases: [
        { name: '@opsmerge/sdk', bump: 'minor' },
        { name: '@opsmerge/mocks', bump: 'patch' },
      ],
      body: 'Text **here**.',
    });
    expect(parseChangeset('b.md', 'No front matter.')).toEqual({ file: 'b.md', releases: [], body: 'No front matter.' });
    expect(parseChangeset('c.md', '---\n"@opsmerge/sdk": huge\n---\nx').releases).toEqual([]);
  });

  it('moves headings deeper, but not inside code fences, and never past level 6', () => {
    expect(demoteHeadings('# A\n```md\n# not a heading\n```\n##### B\n#hashtag', 2)).toBe('### A\n```md\n# not a heading\n```\n###### B\n#hashtag');
  });

  it("reads the spec's history: operations added and removed, deprecations, parameters", () => {
    const current = structuredClone(doc);
    const released = structuredClone(doc);
    delete released.paths['/v1/agents']!.get;
    delete current.paths['/v1/alerts/{alert_id}']!.get;
    const agent = current.paths['/v1/agents/{agent_id}']!.get!;
    Object.assign(agent, { deprecated: true, 'x-deprecated-at': '2027-01-01', 'x-sunset': '2027-08-01' });
    agent.parameters = [...(agent.parameters ?? []), { name: 'expand', in: 'query', required: false, schema: { type: 'string' } }];
    const changes = specChanges(released, current);
    expect(changes).toContain('`agents_list (GET /v1/agents)`: new, stable.');
    expect(changes).toContain('`alerts_get (GET /v1/alerts/{alert_id})`: removed (it was stable).');
    expect(changes).toContain('`agents_get (GET /v1/agents/{agent_id})`: deprecated (sunset 2027-08-01).');
    expect(changes).toContain('`agents_get (GET /v1/agents/{agent_id})`: `expand` query parameter was added (optional).');
    expect(specChanges(doc, doc)).toEqual([]);
  });

  it('gives each deprecated operation an entry at the exact id its Link header names, with dates and successor', () => {
    const text = page(PAGE_FILES.changelog);
    expect(text).toMatch(/<a id="alerts_listActive"><\/a>\n\n### alerts_listActive\n/);
    expect(text).toContain("| [`alerts_listActive`](#alerts_listactive) | `alerts.listActive()` | 2026-09-01 | 2027-06-30 | `alerts.list({ status: 'active' })` |");
    expect(text).toContain('No change to the API since the released spec');
  });

  it('lists pending changesets, biggest bump first, and released changelogs', () => {
    const text = changelogPage({
      releasedVersion: '1.0.0',
      currentVersion: '1.1.0',
      specChanges: ['`x`: new, stable.'],
      changesets: [parseChangeset('b.md', '---\n"@opsmerge/sdk": patch\n---\nSmall fix.'), parseChangeset('a.md', '---\n"@opsmerge/sdk": major\n---\n# Big\nBreaking.')],
      released: [{ name: '@opsmerge/sdk', markdown: '# @opsmerge/sdk\n\n## 1.0.0\n\n- First.' }],
      deprecated: [],
    });
    expect(text).toContain('### The API (1.0.0 → 1.1.0)\n\n- `x`: new, stable.');
    expect(text.indexOf('Breaking.')).toBeLessThan(text.indexOf('Small fix.'));
    expect(text).toContain('#### Big');
    expect(text).toContain('## Released: @opsmerge/sdk\n\n#### 1.0.0');
    expect(text).toContain('No operation is deprecated.');
  });
});
