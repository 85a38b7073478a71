/**
 * The site's browser scripts, bundled with esbuild into assets/: the page script (every page,
 * small), the try-it catalogue (the operations and their sample arguments) and the try-it
 * console (the mock, the SDK and msw; loaded when the reader first runs something).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { CatalogEntry } from './browser/try-it-format.js';
import type { GeneratedSite } from './generate.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BROWSER = join(import.meta.dirname, 'browser');

/** The try-it catalogue: every operation with what the panel's form needs. */
export function tryItCatalog(site: GeneratedSite): Record<string, CatalogEntry> {
  const catalog: Record<string, CatalogEntry> = {};
  for (const op of site.reference.operations) {
    const { info } = op;
    const samples = site.samples.get(info.operationId);
    catalog[info.operationId] = {
      id: info.operationId,
      title: `${info.resource}.${info.name}`,
      summary: info.summary,
      method: info.method,
      path: info.path,
      resource: info.resource,
      name: info.name,
      pathParams: info.pathParams,
      body: info.body,
      stability: info.stability,
      deprecated: info.deprecated,
      args: samples?.args ?? { path: {} },
    };
  }
  return catalog;
}

/** Writes opsmerge-site.js, try-it-catalog.js and try-it.js into `assetsDir`. */
export async function bundleBrowserScripts(assetsDir: string, site: GeneratedSite): Promise<void> {
  const common = { bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, absWorkingDir: ROOT, logLevel: 'error', legalComments: 'none' } as const;
  await Promise.all([
    build({ ...common, entryPoints: [join(BROWSER, 'site.ts')], outfile: join(assetsDir, 'opsmerge-site.js') }),
    build({ ...common, entryPoints: [join(BROWSER, 'try-it-engine.ts')], outfile: join(assetsDir, 'try-it.js') }),
    writeFile(join(assetsDir, 'try-it-catalog.js'), `window.omTryItCatalog = ${JSON.stringify(tryItCatalog(site))};\n`),
  ]);
}
