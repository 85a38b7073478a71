/**
 * The docs site, as a reader sees it: builds it with TypeDoc (typedoc.json, so a warning fails
 * the build and this test), serves docs-site/ on a free loopback port the way a static host
 * does (`/changelog` → `/changelog/`), and opens it in headless Chromium — Debian's package,
 * never a browser downloaded by Playwright — to check the landing page, an operation page,
 * the endpoint index, the error catalogue, the changelog the API's `Link` header points at,
 * the search, and the try-it console running in the page. Checks every link of the built
 * site, the Markdown twins and llms.txt. Screenshots go to test-artifacts/docs-site/ (ignored
 * by git).
 *
 * Chromium is required: `apt-get install -y chromium` (.ci/run installs it when missing).
 * OPSMERGE_DOCS_CHROMIUM overrides its path.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { getResponse } from 'msw';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockApi } from '@opsmerge/mocks';
import { operations } from '@opsmerge/sdk';
import spec from '@opsmerge/sdk/openapi.json' with { type: 'json' };

const root = join(import.meta.dirname, '..', '..');
const site = join(root, 'docs-site');
const shots = join(root, 'test-artifacts', 'docs-site');
const chromiumPath = process.env['OPSMERGE_DOCS_CHROMIUM'] ?? '/usr/bin/chromium';
// The flags this machine's closed network needs (no background connections, no GPU, no sandbox as root).
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** A static file server for `dir` on 127.0.0.1, answering a folder's URL without its slash with a redirect, as static hosts do. */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const pathname = decodeURIComponent(url.pathname);
      const file = normalize(join(dir, pathname));
      if (file !== dir && !file.startsWith(dir + sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) {
          if (!pathname.endsWith('/')) {
            res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
            return;
          }
          const body = await readFile(join(file, 'index.html'));
          res.writeHead(200, { 'content-type': CONTENT_TYPES['.html']! }).end(body);
          return;
        }
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Builds the site like `npm run docs`; type errors are `npm run typecheck`'s job, so TypeDoc skips them. */
async function buildSite(): Promise<void> {
  const typedoc = join(dirname(createRequire(import.meta.url).resolve('typedoc/package.json')), 'bin', 'typedoc');
  try {
    await promisify(execFile)(process.execPath, [typedoc, '--skipErrorChecking'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    // eslint-disable-next-line no-control-regex
    const output = `${stdout}${stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
    throw new Error(`npm run docs failed (typedoc.json treats every warning as an error):\n${output}`);
  }
}

/** Every file under `dir`, relative to it, with `/` separators. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** The page of the site a URL of the site names (a folder → its index.html), or undefined when it names none. */
function siteFile(path: string): string | undefined {
  const file = join(site, ...path.split('/'));
  if (existsSync(file) && statSync(file).isDirectory()) return existsSync(join(file, 'index.html')) ? join(file, 'index.html') : undefined;
  return existsSync(file) ? file : undefined;
}

describe('the docs site in Chromium', () => {
  let browser: Browser | undefined;
  let server: Server | undefined;
  let base = '';
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) {
      throw new Error(
        `Chromium is not installed at ${chromiumPath}: the docs site test needs Debian's package ` +
          '(`apt-get install -y chromium`; .ci/run installs it). Set OPSMERGE_DOCS_CHROMIUM to use another binary.',
      );
    }
    await buildSite();
    await mkdir(shots, { recursive: true });
    ({ server, url: base } = await serve(site));
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  /** Opens a page of the site and waits until TypeDoc's script shows it (the body starts hidden). */
  const open = async (path: string): Promise<void> => {
    await page.goto(`${base}/${path}`);
    await page.waitForFunction(() => document.body.style.display !== 'none', undefined, { timeout: 15_000 });
  };

  const shot = async (name: string): Promise<void> => {
    const path = join(shots, `${name}.png`);
    await page.screenshot({ path });
    expect((await stat(path)).size).toBeGreaterThan(10_000);
  };

  it('opens on a landing page for users: what the SDK is, install, a quick start and where to go next', async () => {
    await open('index.html');
    const main = page.locator('.col-content');
    await expect.poll(() => main.innerText()).toContain('OpsMerge SDK for TypeScript');
    const text = await main.innerText();
    for (const heading of ['Install', 'Quick start', 'Where to go next']) expect(text).toContain(heading);
    expect(text).toContain('npm install @opsmerge/sdk');
    expect(text).not.toMatch(/contributing|npm run generate/i);
    const quickStart = await main.locator('pre code.ts').first().innerText();
    expect(quickStart.trim().split('\n').filter((line) => line.trim() !== '').length).toBeLessThanOrEqual(12);
    const links = await main.locator('a').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    expect(links.some((href) => href.endsWith('/documents/Endpoint_index.html'))).toBe(true);
    expect(links.some((href) => href.endsWith('/documents/Getting_started.html'))).toBe(true);
    const nav = page.locator('nav.tsd-navigation');
    await expect.poll(() => nav.textContent()).toContain('Guides');
    expect(await nav.textContent()).toContain('API reference');
    await shot('landing');
  });

  it('renders a resource page of the SDK reference with each method, its scopes, stability badge, example and reference page', async () => {
    await open('interfaces/_opsmerge_sdk.AgentsResource.html');
    expect(await page.locator('h1').innerText()).toContain('AgentsResource');
    const list = page.locator('section.tsd-member', { has: page.locator('h3#list') });
    const text = await list.innerText();
    expect(text).toContain('List agents.');
    expect(text).toContain('Required scopes: agents:read');
    expect(text).toContain('for await (const agent of client.agents.list(');
    expect(await list.locator('code.tsd-tag', { hasText: 'Stable' }).count()).toBe(1);
    expect(text).toMatch(/Parameters[\s\S]*params[\s\S]*status/);
    expect(await list.locator('a', { hasText: 'GET /v1/agents' }).getAttribute('href')).toBe('../documents/RMM.agents.list.html');

    await open('interfaces/_opsmerge_sdk.ApiKeysResource.html');
    const rotate = page.locator('section.tsd-member', { has: page.locator('h3#rotate') });
    expect(await rotate.locator('code.tsd-tag', { hasText: 'Beta' }).count()).toBe(1);
  });

  it('shows each guide\'s title once', async () => {
    await open('documents/Errors.html');
    await expect.poll(() => page.locator('.col-content h1').count()).toBe(1);
    expect(await page.locator('.col-content h1').innerText()).toBe('Errors');
  });

  it('shows an operation page: method and path, calls, scopes, parameters with limits, the response example, errors and samples', async () => {
    await open('documents/RMM.agents.list.html');
    const main = page.locator('.col-content');
    await expect.poll(() => main.locator('h1').innerText()).toBe('List agents');
    const text = await main.innerText();
    expect(text).toMatch(/GET\s+\/v1\/agents\s+Stable/);
    expect(text).toContain("client.agents.list({ status: 'online' })");
    expect(text).toContain("client.GET('/v1/agents', { params: { query } })");
    expect(text).toContain('opsmerge agents list --status online');
    expect(text).toMatch(/Scopes:\s+agents:read/);
    const perPage = await main.locator('tr', { has: page.locator('td code', { hasText: /^per_page$/ }) }).innerText();
    expect(perPage).toMatch(/50/);
    expect(perPage).toContain('1–100');
    const status = await main.locator('tr', { has: page.locator('td code', { hasText: /^status$/ }) }).innerText();
    expect(status).toMatch(/online.*offline.*maintenance/s);
    // The spec's response example, as JSON.
    expect(await main.locator('pre code.json').first().innerText()).toContain('"hostname": "NW-DC01"');
    const curl = await main.locator('pre code.sh', { hasText: 'curl' }).first().innerText();
    expect(curl).toContain("curl 'https://sandbox.opsmerge.cloud/api/v1/agents?status=online'");
    expect(curl).toContain('Authorization: Bearer $OPSMERGE_API_KEY');
    const errors = main.locator('table', { has: page.locator('th', { hasText: 'SDK throws' }) });
    expect(await errors.innerText()).toMatch(/401[\s\S]*KEY_REVOKED[\s\S]*AuthenticationError/);
    await main.locator('h2', { hasText: 'Samples' }).scrollIntoViewIfNeeded();
    await shot('operation-agents-list');
    // A code links to its entry in the error catalogue.
    await errors.locator('a', { hasText: 'KEY_REVOKED' }).click();
    await expect.poll(() => page.url()).toMatch(/\/documents\/Error_catalogue\.html#key_revoked$/);
  });

  it('marks a deprecated operation with its sunset and names its successor as an SDK call, linked', async () => {
    await open('documents/RMM.alerts.listActive.html');
    const main = page.locator('.col-content');
    await expect.poll(() => main.locator('.om-badge-deprecated').innerText()).toBe('Deprecated · sunset 2027-06-30');
    const notice = main.locator('blockquote');
    expect(await notice.innerText()).toContain("alerts.list({ status: 'active' })");
    await shot('operation-deprecated');
    await notice.locator('a', { hasText: "alerts.list({ status: 'active' })" }).click();
    await expect.poll(() => page.url()).toMatch(/\/documents\/RMM\.alerts\.list\.html$/);

    // The SDK reference shows the same: a Deprecated badge, the successor as a call, a link to the page.
    await open('interfaces/_opsmerge_sdk.AlertsResource.html#listactive');
    const method = page.locator('section.tsd-member', { has: page.locator('h3#listactive') });
    expect(await method.locator('code.tsd-tag', { hasText: 'Deprecated' }).count()).toBe(1);
    expect(await method.innerText()).toContain("client.alerts.list({ status: 'active' })");
    expect(await method.locator('a', { hasText: 'GET /v1/active-alerts' }).getAttribute('href')).toContain('RMM.alerts.listActive.html');
  });

  it('lists every operation in the endpoint index: method and path, SDK method, CLI command, tier and scopes', async () => {
    await open('documents/Endpoint_index.html');
    const rows = page.locator('.col-content table tbody tr');
    await expect.poll(() => rows.count()).toBe(Object.keys(operations).length);
    const agents = await rows.filter({ hasText: 'GET /v1/agents' }).first().innerText();
    expect(agents).toMatch(/agents\.list\(\)\s+opsmerge agents list\s+stable\s+agents:read/);
    expect(await rows.filter({ hasText: '/v1/active-alerts' }).innerText()).toContain('deprecated (sunset 2027-06-30)');
    expect(await rows.filter({ hasText: 'POST /v1/api-keys/{key_id}/rotate' }).innerText()).toMatch(/beta/);
    await shot('endpoint-index');
  });

  it('lists every error code in the catalogue, with its status, meaning, what the SDK throws and what to do', async () => {
    await open('documents/Error_catalogue.html');
    const codes = (spec as { components: { schemas: { ErrorCode: { enum: string[] } } } }).components.schemas.ErrorCode.enum;
    const rows = page.locator('.col-content table tbody tr');
    await expect.poll(() => rows.count()).toBe(codes.length);
    const section = await page.locator('.col-content').innerText();
    for (const code of codes) expect(section).toContain(code);
    expect(section).toMatch(/KEY_REVOKED\s+401 · The API key was revoked[\s\S]*The SDK throws AuthenticationError[\s\S]*What to do:/);
    await shot('error-catalogue');
  });

  it('resolves the deprecation Link an operation\'s response carries to its entry in the changelog', async () => {
    const api = createMockApi();
    const response = await getResponse([...api.handlers], new Request(`${api.baseUrl}/v1/active-alerts`, { headers: { authorization: `Bearer ${api.testKey}` } }));
    const link = /<([^>]+)>;\s*rel="deprecation"/.exec(response?.headers.get('link') ?? '')?.[1];
    expect(link, 'the deprecated operation sends a Link rel="deprecation"').toBeDefined();
    // The Link names the published site; the same path on this one.
    const url = new URL(link!);
    const path = url.href.slice(new URL('.', url).href.length);
    await open(path);
    await expect.poll(() => page.url()).toMatch(/\/documents\/Changelog\.html#alerts_listActive$/);
    const entry = page.locator(`[id="${url.hash.slice(1)}"]`);
    expect(await entry.count()).toBe(1);
    const text = await page.locator('.col-content').innerText();
    expect(text).toMatch(/Deprecation timeline[\s\S]*alerts_listActive[\s\S]*2026-09-01[\s\S]*2027-06-30[\s\S]*alerts\.list\(\{ status: 'active' \}\)/);
    expect(text).toMatch(/Unreleased[\s\S]*The packages/);
    await shot('changelog');
  });

  // The READMEs npm shows and the packages' homepages link to the published site by absolute URL.
  it('every link to the docs site from a package README or homepage names a page the site has', async () => {
    const DOCS = 'https://docs.opsmerge.cloud/sdk/';
    const links: string[] = [];
    for (const name of ['sdk', 'mocks', 'cli']) {
      const dir = join(root, 'packages', name);
      const readme = await readFile(join(dir, 'README.md'), 'utf8');
      links.push(...[...readme.matchAll(/\((https:\/\/docs\.opsmerge\.cloud\/sdk\/[^)\s]*)\)/g)].map((m) => m[1]!));
      links.push(String((JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { homepage: string }).homepage));
    }
    expect(links.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const link of new Set(links)) {
      expect(link.startsWith(DOCS), link).toBe(true);
      const path = new URL(link).pathname.slice('/sdk/'.length).split('#')[0]!;
      if (!siteFile(path)) missing.push(link);
    }
    expect(missing).toEqual([]);
  });

  it('finds an API method with the search, above everything else, with a snippet; the mocks\' store internals are not indexed', async () => {
    await open('index.html');
    await page.locator('#tsd-search-trigger').click();
    await page.locator('#tsd-search-input').fill('reboot');
    const results = page.locator('#tsd-search-results li');
    await expect.poll(() => results.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await results.first().innerText()).toMatch(/agents\.reboot|AgentsResource\.reboot/);
    expect(await results.allInnerTexts()).toContainEqual(expect.stringMatching(/AgentsResource\.reboot/));
    await expect.poll(() => page.locator('#tsd-search-results .om-snippet').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.locator('#tsd-search-results .om-snippet').allInnerTexts()).toContainEqual(expect.stringContaining('POST /v1/agents/{agent_id}/reboot'));
    await shot('search');

    await page.locator('#tsd-search-input').fill('agentActions');
    await expect.poll(() => page.locator('#tsd-search-status').innerText(), { timeout: 10_000 }).not.toBe('');
    expect(await results.allInnerTexts()).not.toContainEqual(expect.stringContaining('StoreData'));
  });

  it('runs auth.me in the try-it console, in the page: the request, the response and the rate-limit headers', { timeout: 120_000 }, async () => {
    await open('documents/Account.auth.me.html');
    const panel = page.locator('.om-try-it[data-ready]');
    await panel.waitFor({ timeout: 15_000 });
    // The console's code loads on demand, not with the page.
    expect(await page.evaluate(() => typeof window.OpsMergeTryIt)).toBe('undefined');
    await panel.locator('.om-try-run').click();
    await panel.locator('.om-try-response').waitFor({ timeout: 60_000 });
    expect(await panel.locator('.om-try-status').innerText()).toBe('200 OK');
    expect(await panel.locator('.om-try-ratelimit').innerText()).toMatch(/^Rate limit: 299 of 300 requests left, window resets at/);
    const request = await panel.locator('.om-try-request').innerText();
    expect(request).toContain('GET https://sandbox.opsmerge.cloud/api/v1/auth/me');
    expect(request).toMatch(/authorization: Bearer om_test_…\w{4}/);
    // The mock's key is shown by its prefix and last four only.
    expect(request).not.toMatch(/om_test_[A-Za-z0-9]{12,}/);
    expect(await panel.locator('.om-try-response').innerText()).toContain('"organisation"');
    await panel.scrollIntoViewIfNeeded();
    await shot('try-it-auth-me');
  });

  it('keeps the mock\'s state across runs in the page: a client created, then listed; a key created, then used', { timeout: 120_000 }, async () => {
    await open('documents/RMM.clients.create.html');
    const panel = page.locator('.om-try-it[data-ready]');
    await panel.waitFor({ timeout: 15_000 });
    const name = `Try-it Dental ${Date.now()}`;
    const body = JSON.parse(await panel.locator('.om-try-args').inputValue()) as Record<string, unknown>;
    await panel.locator('.om-try-args').fill(JSON.stringify({ ...body, name }));
    expect(await panel.locator('.om-try-call').innerText()).toContain(name);
    await panel.locator('.om-try-run').click();
    await expect.poll(() => panel.locator('.om-try-status').innerText(), { timeout: 60_000 }).toBe('201 Created');
    const created = JSON.parse(await panel.locator('.om-try-response').innerText()) as { data: { id: string } };

    await panel.locator('.om-try-operation').selectOption('clients_list');
    await panel.locator('.om-try-args').fill(JSON.stringify({ q: name }));
    await panel.locator('.om-try-run').click();
    await expect.poll(() => panel.locator('.om-try-response').innerText(), { timeout: 30_000 }).toContain(created.data.id);
    expect(await panel.locator('.om-try-history li').allTextContents()).toEqual(['clients.create → 201 Created', 'clients.list → 200 OK']);
    await panel.scrollIntoViewIfNeeded();
    await shot('try-it-create-then-list');

    await panel.locator('.om-try-operation').selectOption('apiKeys_create');
    await panel.locator('.om-try-args').fill(JSON.stringify({ name: 'Try-it key', scopes: ['agents:read'] }));
    await panel.locator('.om-try-run').click();
    await panel.locator('.om-try-use-key').click({ timeout: 30_000 });
    expect(await panel.locator('.om-try-key').inputValue()).toMatch(/^om_test_/);
    await panel.locator('.om-try-operation').selectOption('auth_me');
    await panel.locator('.om-try-run').click();
    await expect.poll(() => panel.locator('.om-try-response').innerText(), { timeout: 30_000 }).toContain('"name": "Try-it key"');
    // The new key lacks clients:read: the mock refuses, the SDK throws its typed error.
    await panel.locator('.om-try-operation').selectOption('clients_list');
    await panel.locator('.om-try-run').click();
    await expect.poll(() => panel.locator('.om-try-error').innerText(), { timeout: 30_000 }).toContain('PermissionDeniedError (INSUFFICIENT_SCOPE)');
  });

  it('links only to pages the site has: no raw Markdown page, no broken link or anchor', async () => {
    const html = filesUnder(site).filter((file) => file.endsWith('.html'));
    expect(html.length).toBeGreaterThan(100);
    const broken: string[] = [];
    const ids = new Map<string, Set<string>>();
    const idsOf = async (file: string): Promise<Set<string>> => {
      let found = ids.get(file);
      if (!found) {
        found = new Set([...(await readFile(file, 'utf8')).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
        ids.set(file, found);
      }
      return found;
    };
    for (const file of html) {
      const text = await readFile(join(site, file), 'utf8');
      for (const [, href] of text.matchAll(/<a\s[^>]*href="([^"]*)"/g)) {
        if (!href || /^(https?:|mailto:|javascript:)/.test(href) || href.startsWith('#')) continue;
        const target = new URL(href.replace(/&amp;/g, '&'), `http://site/${file}`);
        const path = decodeURIComponent(target.pathname.slice(1));
        const found = siteFile(path);
        if (!found) broken.push(`${file} → ${href}`);
        else if (path.endsWith('.md') && !existsSync(join(site, path.replace(/\.md$/, '.html')))) broken.push(`${file} → ${href} (a Markdown file that is not a page's twin)`);
        // hierarchy.html draws its entries (and their anchors) with a script.
        else if (target.hash && found.endsWith('.html') && !found.endsWith(`${sep}hierarchy.html`) && !(await idsOf(found)).has(decodeURIComponent(target.hash.slice(1)))) {
          broken.push(`${file} → ${href} (no such anchor)`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(filesUnder(site).filter((file) => file.startsWith('media/') && file.endsWith('.md'))).toEqual([]);
  });

  it('has a Markdown twin of every page and an llms.txt listing them', async () => {
    const pages = filesUnder(site).filter((file) => file.endsWith('.html') && !/^(changelog|stability)\//.test(file));
    const missing = pages.filter((file) => !existsSync(join(site, file.replace(/\.html$/, '.md'))));
    expect(missing).toEqual([]);
    const twin = await readFile(join(site, 'documents', 'RMM.agents.list.md'), 'utf8');
    expect(twin).toMatch(/^# List agents\n/);
    expect(twin).toContain("curl 'https://sandbox.opsmerge.cloud/api/v1/agents?status=online'");
    expect(twin).toContain('[`KEY_REVOKED`](Error_catalogue.md#key_revoked)');
    expect(twin).not.toMatch(/<(span|div|details|p)\b/);
    expect(await readFile(join(site, 'interfaces', '_opsmerge_sdk.AgentsResource.md'), 'utf8')).toMatch(/# Interface AgentsResource[\s\S]*### list[\s\S]*```ts\nlist\(params\?: /);

    const llms = await readFile(join(site, 'llms.txt'), 'utf8');
    expect(llms).toMatch(/^# OpsMerge SDK/);
    expect(llms).toMatch(/\n> The typed TypeScript SDK/);
    for (const section of ['## Guides', '## API reference', '## SDK reference']) expect(llms).toContain(section);
    const links = [...llms.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(150);
    expect(links.filter((link) => !siteFile(link.split('#')[0]!))).toEqual([]);
    expect(llms).toContain('[agents.list](documents/RMM.agents.list.md): GET /v1/agents: List agents.');
  });
});
