/**
 * The docs site, as a reader sees it: builds it with TypeDoc (typedoc.json, so a warning fails
 * the build and this test), serves docs-site/ on a free loopback port, and opens it in headless
 * Chromium — Debian's package, never a browser downloaded by Playwright — to check the landing
 * page, a resource page and the search. Saves docs-site/screenshot.png.
 *
 * Chromium is required: `apt-get install -y chromium` (.ci/run installs it when missing).
 * OPSMERGE_DOCS_CHROMIUM overrides its path.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const site = join(root, 'docs-site');
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
};

/** A static file server for docs-site/ on 127.0.0.1 and a free port. */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      const file = normalize(join(dir, pathname.endsWith('/') ? `${pathname}index.html` : pathname));
      if (!file.startsWith(dir + sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
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
    ({ server, url: base } = await serve(site));
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it("shows the SDK package's README as the landing page, with the guides in the navigation", async () => {
    await page.goto(`${base}/index.html`);
    expect(await page.title()).toContain('@opsmerge/sdk');
    const main = page.locator('.col-content');
    await expect.poll(() => main.innerText()).toContain('The typed TypeScript SDK for the OpsMerge API v1');
    expect(await main.innerText()).toContain('Quick start');
    const nav = page.locator('nav.tsd-navigation');
    await expect.poll(() => nav.textContent()).toContain('Getting started');
    expect(await nav.textContent()).toContain('Partner conformance run');
  });

  it('renders a resource page with each method, its scopes, stability badge and example', async () => {
    await page.goto(`${base}/interfaces/_opsmerge_sdk.AgentsResource.html`);
    expect(await page.locator('h1').innerText()).toContain('AgentsResource');
    const list = page.locator('section.tsd-member', { has: page.locator('h3#list') });
    const text = await list.innerText();
    expect(text).toContain('List agents.');
    expect(text).toContain('Required scopes: agents:read');
    expect(text).toContain('for await (const agent of client.agents.list(');
    expect(await list.locator('code.tsd-tag', { hasText: 'Stable' }).count()).toBe(1);
    expect(text).toMatch(/Parameters[\s\S]*params[\s\S]*status/);
    await page.screenshot({ path: join(site, 'screenshot.png') });
    expect((await stat(join(site, 'screenshot.png'))).size).toBeGreaterThan(10_000);
  });

  it('marks deprecated and beta methods', async () => {
    await page.goto(`${base}/interfaces/_opsmerge_sdk.AlertsResource.html`);
    const listActive = page.locator('section.tsd-member', { has: page.locator('h3#listactive') });
    expect(await listActive.locator('h3 .deprecated').count()).toBe(1);
    expect(await listActive.innerText()).toMatch(/Deprecated[\s\S]*stops working on 2027-06-30/);

    await page.goto(`${base}/interfaces/_opsmerge_sdk.ApiKeysResource.html`);
    const rotate = page.locator('section.tsd-member', { has: page.locator('h3#rotate') });
    expect(await rotate.locator('code.tsd-tag', { hasText: 'Beta' }).count()).toBe(1);
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
      if (!existsSync(join(site, path === '' ? 'index.html' : path))) missing.push(link);
    }
    expect(missing).toEqual([]);
  });

  it('finds the reboot method with the search', async () => {
    await page.goto(`${base}/index.html`);
    await page.locator('#tsd-search-trigger').click();
    await page.locator('#tsd-search-input').fill('reboot');
    const results = page.locator('#tsd-search-results li');
    await expect.poll(() => results.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await results.allInnerTexts()).toContainEqual(expect.stringMatching(/AgentsResource\.reboot/));
  });
});
