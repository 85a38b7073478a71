/**
 * Reads what the generated pages are built from: the bundled and the released spec, the
 * operations table, the pending changesets and any released CHANGELOG.md, and asks the SDK
 * which class it throws for each error.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { getResponse } from 'msw';
import { createMockApi } from '@opsmerge/mocks';
import { ApiError, operations } from '@opsmerge/sdk';
import type { OpenApiDocument } from '../../codegen/spec-types.js';
import { parseChangeset, type ChangesetDoc } from './changelog.js';
import type { SiteInput } from './generate.js';
import { buildReference } from './model.js';
import { runnableArgs, type Probe, type SeededValues } from './runnable-args.js';
import { requestUrl, sampleArgs, type SampleArgs } from './samples.js';

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/** The class name the SDK throws for an error response with this status and code. */
export function errorClassOf(status: number, code: string): string {
  const body = { error: { code, message: code, request_id: 'req_docs' } };
  return ApiError.fromResponse({ status, body, headers: new Headers(), method: 'GET', path: '/v1/docs', nowMs: 0 }).name;
}

async function changesets(dir: string): Promise<ChangesetDoc[]> {
  const names = existsSync(dir) ? (await readdir(dir)).filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md').sort() : [];
  return Promise.all(names.map(async (name) => parseChangeset(name, await readFile(join(dir, name), 'utf8'))));
}

/** CHANGELOG.md of the repository and of each package under packages/, where they exist. */
async function changelogs(root: string): Promise<{ name: string; markdown: string }[]> {
  const candidates = [root];
  if (existsSync(join(root, 'packages'))) {
    for (const entry of await readdir(join(root, 'packages'), { withFileTypes: true })) if (entry.isDirectory()) candidates.push(join(root, 'packages', entry.name));
  }
  const found: { name: string; markdown: string }[] = [];
  for (const dir of candidates) {
    const file = join(dir, 'CHANGELOG.md');
    if (!existsSync(file) || !existsSync(join(dir, 'package.json'))) continue;
    const { name } = await readJson<{ name: string }>(join(dir, 'package.json'));
    found.push({ name, markdown: await readFile(file, 'utf8') });
  }
  return found;
}

/** The stateful mock, in this process, as the sample arguments' judge: a probe and the seeded values. */
export function mockProbe(): { probe: Probe; seeded: SeededValues } {
  const api = createMockApi();
  const send = async (method: string, url: string, body?: unknown): Promise<{ status: number; invalid: string[] }> => {
    const headers: Record<string, string> = { authorization: `Bearer ${api.testKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await getResponse([...api.handlers], new Request(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
    if (!response) return { status: 404, invalid: [] };
    const envelope = response.status === 422 ? ((await response.json().catch(() => undefined)) as { error?: { details?: { field?: unknown }[] } } | undefined) : undefined;
    const invalid = (envelope?.error?.details ?? []).flatMap((d) => (typeof d.field === 'string' && d.field.startsWith('/') ? [d.field] : []));
    return { status: response.status, invalid };
  };
  // Reads leave the data as seeded: only a write makes the next probe start afresh.
  let dirty = false;
  const probe: Probe = async (op, args) => {
    if (dirty) api.reset();
    dirty = op.method !== 'GET';
    const { status, invalid } = await send(op.method, requestUrl(op, args, api.baseUrl), op.body === 'none' ? undefined : args.body);
    return { ok: status < 400 && (await send('GET', `${api.baseUrl}/v1/auth/me`)).status === 200, invalid };
  };
  const records = Object.values(api.store.data).flatMap((value) => (Array.isArray(value) ? (value as Record<string, unknown>[]) : []));
  const seeded: SeededValues = {
    ids: (prefix) => records.map((r) => r['id']).filter((id): id is string => typeof id === 'string' && id.startsWith(`${prefix}_`)),
    values: (field) => records.map((r) => r[field]).filter((v): v is string => typeof v === 'string'),
  };
  return { probe, seeded };
}

/** Sample arguments that run against the seeded mock, by operationId. */
async function runnableSampleArgs(spec: OpenApiDocument): Promise<Map<string, SampleArgs>> {
  const { probe, seeded } = mockProbe();
  const found = new Map<string, SampleArgs>();
  for (const op of buildReference(spec, operations).operations) found.set(op.info.operationId, await runnableArgs(op.info, sampleArgs(op), seeded, probe));
  return found;
}

/** Everything {@link generateSite} needs, read from the repository at `root`; the pages are written to `outDir`. */
export async function readSiteInput(root: string, outDir: string): Promise<SiteInput> {
  const [spec, released] = await Promise.all([
    readJson<OpenApiDocument>(join(root, 'generated', 'openapi.json')),
    readJson<OpenApiDocument>(join(root, 'openapi', 'released', 'openapi.json')),
  ]);
  return {
    spec,
    released,
    operations,
    changesets: await changesets(join(root, '.changeset')),
    changelogs: await changelogs(root),
    errorClass: errorClassOf,
    args: await runnableSampleArgs(spec),
    guides: `${relative(outDir, join(root, 'docs')).split('\\').join('/')}/`,
  };
}
