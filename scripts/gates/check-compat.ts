/**
 * `npm run check:compat` — the stability-policy gate. Compares the spec in openapi/ with the
 * last released spec (openapi/released/openapi.json) using `redocly diff` plus the
 * stability and deprecation data of both (`x-stability`, `deprecated`, `x-deprecated-at`,
 * `x-sunset`), and fails when the pending changesets (.changeset/*.md) or `info.version`
 * do not match what the change requires. The policy is spelled out in scripts/gates/compat.ts
 * and .changeset/README.md.
 *
 *   --spec FILE         current spec (default openapi/openapi.yaml; a .json is read as bundled)
 *   --released FILE     released spec (default openapi/released/openapi.json)
 *   --changesets DIR    pending changesets (default .changeset)
 *   --today YYYY-MM-DD  the date removals are judged on (default: today, UTC)
 *   --json              print the result as JSON
 *   --update-released   after a release: write the bundled current spec as the released one
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate, formatResult, parseDate } from './compat.js';
import { loadSpec, readChangesets, redoclyDiff } from './compat-io.js';

const root = join(import.meta.dirname, '..', '..');

const { values } = parseArgs({
  options: {
    spec: { type: 'string', default: join(root, 'openapi', 'openapi.yaml') },
    released: { type: 'string', default: join(root, 'openapi', 'released', 'openapi.json') },
    changesets: { type: 'string', default: join(root, '.changeset') },
    today: { type: 'string' },
    json: { type: 'boolean', default: false },
    'update-released': { type: 'boolean', default: false },
  },
});

const specFile = resolve(values.spec);
const releasedFile = resolve(values.released);
const show = (file: string): string => relative(process.cwd(), file) || file;

if (values['update-released']) {
  const doc = await loadSpec(specFile);
  await mkdir(dirname(releasedFile), { recursive: true });
  await writeFile(releasedFile, JSON.stringify(doc, null, 2) + '\n');
  console.log(`wrote ${show(releasedFile)} (info.version ${doc.info.version}) from ${show(specFile)}`);
  process.exit(0);
}

const today = values.today === undefined ? new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z') : parseDate(values.today);
if (!today) {
  console.error(`--today must be a date (YYYY-MM-DD), got ${values.today}`);
  process.exit(2);
}

// The spec ships in @opsmerge/sdk; it is released with the other packages of its changesets
// `fixed` group, so a changeset for any of them moves the version the spec ships in.
const packageName = (JSON.parse(await readFile(join(root, 'packages', 'sdk', 'package.json'), 'utf8')) as { name: string }).name;
const { fixed = [] } = JSON.parse(await readFile(join(resolve(values.changesets), 'config.json'), 'utf8').catch(() => '{}')) as { fixed?: string[][] };
const releasedWith = fixed.find((group) => group.includes(packageName)) ?? [packageName];
const released = await loadSpec(releasedFile).catch((err: NodeJS.ErrnoException) => {
  if (err.code !== 'ENOENT') throw err;
  console.error(`No released spec at ${show(releasedFile)}: run \`npm run check:compat -- --update-released\` at a release.`);
  process.exit(2);
});
const current = await loadSpec(specFile);
const [report, changesets] = await Promise.all([redoclyDiff(released, current), readChangesets(resolve(values.changesets), releasedWith)]);
const result = evaluate({ base: released, revision: current, report, changesets, today });

if (values.json) {
  console.log(JSON.stringify({ ...result, changesets }, null, 2));
} else {
  console.log(`check:compat — ${show(specFile)} against the released ${show(releasedFile)}`);
  console.log(formatResult(result));
  if (changesets.length > 0) console.log(`  (${changesets.map((c) => `${c.file}: ${c.bump ?? 'no bump for ' + releasedWith.join(' / ')}`).join(', ')})`);
}
process.exit(result.violations.length > 0 ? 1 : 0);
