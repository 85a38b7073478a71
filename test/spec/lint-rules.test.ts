import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * Every custom rule of scripts/gates/spec-lint-plugin.js gets a small bad spec that must fail with
 * exactly that rule: the fixture good.yaml passes, and each case breaks one convention.
 */
type Spec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const root = join(import.meta.dirname, '..', '..');
let dir: string;
let good: Spec;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsmerge-lint-'));
  good = parse(await readFile(join(import.meta.dirname, 'fixtures', 'good.yaml'), 'utf8'), { merge: true }) as Spec;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lint(name: string, spec: Spec): Promise<string[]> {
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(spec));
  const run = promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'json'],
    { cwd: root, maxBuffer: 16 * 1024 * 1024 },
  );
  const { stdout } = await run.catch((err: { stdout: string }) => ({ stdout: err.stdout }));
  const report = JSON.parse(stdout) as { problems: Array<{ ruleId: string }> };
  return report.problems.map((p) => p.ruleId);
}

const mutate = (fn: (spec: Spec) => void): Spec => {
  const copy = structuredClone(good);
  fn(copy);
  return copy;
};

const cases: Array<[rule: string, why: string, fn: (spec: Spec) => void]> = [
  ['operation-stability', 'an operation without x-stability', (s) => delete s.paths['/v1/widgets'].get['x-stability']],
  ['operation-stability', 'an unknown stability tier', (s) => (s.paths['/v1/widgets'].get['x-stability'] = 'alpha')],
  ['operation-id-format', 'an operationId that is not resource_method', (s) => (s.paths['/v1/widgets'].get.operationId = 'listWidgets')],
  ['operation-scopes', 'an operation without x-required-scopes', (s) => delete s.paths['/v1/widgets'].get['x-required-scopes']],
  ['operation-scopes', 'OAuth2 scopes that differ from x-required-scopes', (s) => (s.paths['/v1/widgets'].get.security[1].OAuth2 = ['widgets:write'])],
  ['auth-error-responses', 'an authenticated operation without 401', (s) => delete s.paths['/v1/widgets'].get.responses['401']],
  ['auth-error-responses', 'an authenticated operation without 403', (s) => delete s.paths['/v1/widgets'].get.responses['403']],
  ['auth-error-responses', 'an authenticated operation without 429', (s) => delete s.paths['/v1/widgets'].get.responses['429']],
  ['auth-error-responses', 'an operation taking an id without 404', (s) => delete s.paths['/v1/widgets/{widget_id}'].get.responses['404']],
  ['error-response-schema', 'an error response not using the shared Error schema', (s) => {
    s.paths['/v1/widgets'].get.responses['403'] = {
      description: 'Nope.',
      headers: s.components.responses.Error.headers,
      content: { 'application/json': { schema: { type: 'object' }, example: { message: 'no' } } },
    };
  }],
  ['response-headers', 'a response without X-Request-Id', (s) => {
    const headers = { ...s.paths['/v1/widgets'].get.responses['200'].headers };
    delete headers['X-Request-Id'];
    s.paths['/v1/widgets'].get.responses['200'].headers = headers;
  }],
  ['response-headers', 'a 429 without Retry-After', (s) => (s.paths['/v1/widgets'].get.responses['429'] = { $ref: '#/components/responses/Error' })],
  ['response-example', 'a response without an example', (s) => delete s.paths['/v1/widgets'].get.responses['200'].content['application/json'].example],
  ['list-envelope', 'a list without the per_page parameter', (s) => s.paths['/v1/widgets'].get.parameters.pop()],
  ['list-envelope', 'a list whose body lacks total', (s) => {
    delete s.components.schemas.WidgetPage.properties.total;
    s.components.schemas.WidgetPage.required = ['items', 'page', 'per_page'];
    s.paths['/v1/widgets'].get.responses['200'].content['application/json'].example = { data: { items: [], page: 1, per_page: 50 } };
  }],
  ['post-idempotency-key', 'a POST without Idempotency-Key', (s) => delete s.paths['/v1/widgets'].post.parameters],
  ['deprecated-sunset', 'a deprecated operation without x-sunset', (s) => delete s.paths['/v1/widgets/{widget_id}'].get['x-sunset']],
  ['deprecated-sunset', 'a stable sunset less than 6 months after deprecation', (s) => (s.paths['/v1/widgets/{widget_id}'].get['x-sunset'] = '2026-03-01')],
  ['deprecated-sunset', 'a deprecated operation without a successor', (s) => delete s.paths['/v1/widgets/{widget_id}'].get['x-successor']],
  ['deprecated-sunset', 'a deprecated operation whose response lacks the Sunset header', (s) => {
    const headers = { ...s.paths['/v1/widgets/{widget_id}'].get.responses['200'].headers };
    delete headers.Sunset;
    s.paths['/v1/widgets/{widget_id}'].get.responses['200'].headers = headers;
  }],
  ['rate-limit-group', 'the events endpoint without its own rate-limit group', (s) => delete s.paths['/v1/events/trigger'].post['x-rate-limit-group']],
  ['rate-limit-group', 'an undeclared rate-limit group', (s) => (s.paths['/v1/widgets'].get['x-rate-limit-group'] = 'bulk')],
];

describe('the project lint ruleset', () => {
  it('passes the fixture that follows every convention', async () => {
    expect(await lint('good', good)).toEqual([]);
  });

  it.each(cases)('opsmerge/%s fails %s', async (rule, _why, fn) => {
    const problems = await lint(`${rule}-${Math.random().toString(36).slice(2)}`, mutate(fn));
    expect(problems).toContain(`opsmerge/${rule}`);
    expect(problems.filter((id) => id.startsWith('opsmerge/') && id !== `opsmerge/${rule}`)).toEqual([]);
  });

  it('has a case for every rule of the plugin', async () => {
    const { default: plugin } = await import('../../scripts/gates/spec-lint-plugin.js');
    const tested = new Set(cases.map(([rule]) => rule));
    expect(Object.keys(plugin().rules.oas3).filter((r) => !tested.has(r))).toEqual([]);
  });
});
