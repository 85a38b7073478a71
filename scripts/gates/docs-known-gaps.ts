/**
 * `npx tsx scripts/gates/docs-known-gaps.ts [--write]`: lists what the docs build's validation finds
 * missing — exports without documentation, types referenced but not exported, links to them —
 * with docs/typedoc.known-gaps.json ignored, and compares it with that file.
 *
 * docs/typedoc.known-gaps.json (which typedoc.json extends) lists the gaps that were there when
 * `treatWarningsAsErrors` was switched on, so the build could start green. It only ever shrinks:
 * TypeDoc itself fails the build when an entry is no longer needed (a fixed gap), and a new gap
 * fails it too. `--write` rewrites the file from the current gaps, for removing fixed entries
 * in bulk; review the diff — an added line is a new undocumented export.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Application, Logger, LogLevel } from 'typedoc';

const root = join(import.meta.dirname, '..', '..');
const gapsFile = join(root, 'docs', 'typedoc.known-gaps.json');

interface Gaps {
  intentionallyNotExported: string[];
  intentionallyNotDocumented: string[];
  externalSymbolLinkMappings: Record<string, Record<string, string>>;
}

class CollectingLogger extends Logger {
  readonly messages: { level: LogLevel; text: string }[] = [];
  override log(message: string, level: Exclude<LogLevel, LogLevel.None>): void {
    super.log(message, level);
    if (level >= LogLevel.Warn) this.messages.push({ level, text: message });
  }
}

const NOT_DOCUMENTED = /^(.+) \(\w+\), defined in .+, does not have any documentation$/;
const NOT_EXPORTED = /^(.+), defined in (.+?), is referenced by .+ but not included in the documentation$/;
const LINK = /^The comment for .+ links to ".+" which was resolved but is not included in the documentation\. To fix this warning export it or add (\{.+\}) to the externalSymbolLinkMappings option$/;

async function currentGaps(): Promise<{ gaps: Gaps; others: string[] }> {
  const app = await Application.bootstrapWithPlugins(
    {
      options: join(root, 'typedoc.json'),
      intentionallyNotExported: [],
      intentionallyNotDocumented: [],
      externalSymbolLinkMappings: {},
      skipErrorChecking: true,
      treatWarningsAsErrors: false,
    },
  );
  const logger = new CollectingLogger();
  logger.level = LogLevel.Warn;
  app.logger = logger;
  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not convert the project');
  app.validate(project);

  const gaps: Gaps = { intentionallyNotExported: [], intentionallyNotDocumented: [], externalSymbolLinkMappings: {} };
  const others: string[] = [];
  for (const { text } of logger.messages) {
    let m: RegExpExecArray | null;
    if ((m = NOT_DOCUMENTED.exec(text))) gaps.intentionallyNotDocumented.push(m[1]!);
    else if ((m = NOT_EXPORTED.exec(text))) gaps.intentionallyNotExported.push(`${m[2]!.replace(/^@opsmerge\/sdk\//, '')}:${m[1]!}`);
    else if ((m = LINK.exec(text))) {
      for (const [pkg, names] of Object.entries(JSON.parse(m[1]!) as Record<string, Record<string, string>>)) {
        Object.assign((gaps.externalSymbolLinkMappings[pkg] ??= {}), names);
      }
    } else others.push(text);
  }
  // A link mapping also covers the type's references, so such a type needs no second entry.
  const mapped = new Set(Object.values(gaps.externalSymbolLinkMappings).flatMap((names) => Object.keys(names)));
  gaps.intentionallyNotExported = [...new Set(gaps.intentionallyNotExported)].filter((entry) => !mapped.has(entry.split(':').pop()!)).sort();
  gaps.intentionallyNotDocumented = [...new Set(gaps.intentionallyNotDocumented)].sort();
  return { gaps, others };
}

const { gaps, others } = await currentGaps();
const known = JSON.parse(await readFile(gapsFile, 'utf8').catch(() => '{}')) as Partial<Gaps>;
const added = [...gaps.intentionallyNotExported, ...gaps.intentionallyNotDocumented].filter(
  (name) => !(known.intentionallyNotExported ?? []).includes(name) && !(known.intentionallyNotDocumented ?? []).includes(name),
);
const fixed = [...(known.intentionallyNotExported ?? []), ...(known.intentionallyNotDocumented ?? [])].filter(
  (name) => !gaps.intentionallyNotExported.includes(name) && !gaps.intentionallyNotDocumented.includes(name),
);
console.log(`${gaps.intentionallyNotDocumented.length} undocumented, ${gaps.intentionallyNotExported.length} not exported, ${Object.values(gaps.externalSymbolLinkMappings).reduce((n, m) => n + Object.keys(m).length, 0)} links to them`);
console.log(`compared with ${gapsFile}: ${fixed.length} fixed, ${added.length} new`);
for (const name of added) console.log(`  new: ${name}`);
for (const text of others) console.log(`  other warning (not a gap; fix it): ${text}`);

if (process.argv.includes('--write')) {
  await writeFile(gapsFile, `${JSON.stringify(gaps, null, 2)}\n`);
  console.log(`wrote ${gapsFile}`);
}
