/**
 * Reads what the generated pages are built from: the bundled and the released spec, the
 * operations table, the pending changesets and any released CHANGELOG.md, and asks the SDK
 * which class it throws for each error.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ApiError, operations } from '@opsmerge/sdk';
import type { OpenApiDocument } from '../../codegen/spec-types.js';
import { parseChangeset, type ChangesetDoc } from './changelog.js';
import type { SiteInput } from './generate.js';

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
    guides: `${relative(outDir, join(root, 'docs')).split('\\').join('/')}/`,
  };
}
