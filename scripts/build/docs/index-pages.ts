/**
 * The overview pages of the reference: the endpoint index (every operation in one table:
 * method and path → SDK method → CLI command → tier → scopes) and one page per resource
 * family (Account, RMM…) listing its resources and their operations.
 */
import { cliCommand, commandLine } from './cli-commands.js';
import { blocks, code, table } from './markdown.js';
import type { OperationDoc, Reference } from './model.js';
import { sampleArgs } from './samples.js';
import { PAGE_FILES, PAGE_TITLES, REFERENCE_GROUP } from './site-links.js';

const TIER = { stable: 'stable', beta: 'beta', internal: 'internal' } as const;

/** The operations in reading order: by family (the spec's order), then tag, then path and method. */
export function inReadingOrder(reference: Pick<Reference, 'families' | 'operations'>): OperationDoc[] {
  const rank = (family: string): number => {
    const index = reference.families.indexOf(family);
    return index === -1 ? reference.families.length : index;
  };
  return [...reference.operations].sort(
    (a, b) =>
      rank(a.info.family) - rank(b.info.family) ||
      a.info.tag.localeCompare(b.info.tag) ||
      a.info.path.localeCompare(b.info.path) ||
      a.info.method.localeCompare(b.info.method),
  );
}

function tierText(op: OperationDoc): string {
  return op.info.deprecated ? `${TIER[op.info.stability]}, deprecated (sunset ${op.info.sunset ?? 'announced'})` : TIER[op.info.stability];
}

function operationLink(op: OperationDoc): string {
  return `[${code(`${op.info.method} ${op.info.path}`)}](${PAGE_FILES.operation(op.info.operationId)})`;
}

/** The endpoint index page. */
export function endpointIndex(reference: Reference): string {
  const rows = inReadingOrder(reference).map((op) => {
    const cli = cliCommand(op, sampleArgs(op));
    return [
      operationLink(op),
      code(`${op.info.resource}.${op.info.name}()`),
      cli ? code(commandLine(cli.command)) : '—',
      tierText(op),
      op.info.scopes.length > 0 ? op.info.scopes.map(code).join(', ') : 'none',
    ];
  });
  const counts = { stable: 0, beta: 0, internal: 0 };
  for (const op of reference.operations) counts[op.info.stability]++;
  return blocks(
    ['---', `title: ${PAGE_TITLES.index}`, `group: ${REFERENCE_GROUP}`, 'order: 0', '---'].join('\n'),
    `# ${PAGE_TITLES.index}`,
    `Every operation of the OpsMerge API ${reference.version}: ${reference.operations.length} in all, ${counts.stable} stable, ${counts.beta} beta and ${counts.internal} internal. ` +
      'Each links to its page: parameters, examples, errors, samples and a try-it panel. ' +
      "Beta operations need `createClient({ stability: 'beta' })` (and `opsmerge --beta`); internal ones serve the web UI and have no guarantees.",
    table(['Method and path', 'SDK method', 'CLI command', 'Tier', 'Scopes'], rows),
    `Errors are listed in the [error catalogue](${PAGE_FILES.errors}); deprecations and changes in the [changelog](${PAGE_FILES.changelog}).`,
  );
}

/** The page of one family: its resources, each with a description and its operations. */
export function familyPage(family: string, reference: Reference, order: number): string {
  const ops = inReadingOrder(reference).filter((op) => op.info.family === family);
  const tags = [...new Set(ops.map((op) => op.info.tag))];
  return blocks(
    ['---', `title: ${family}`, `group: ${REFERENCE_GROUP}`, `order: ${order}`, '---'].join('\n'),
    `# ${family}`,
    `The ${family} operations of the API, by resource. The [endpoint index](${PAGE_FILES.index}) lists every operation.`,
    ...tags.map((tag) =>
      blocks(
        `## ${tag}`,
        reference.tags[tag],
        table(
          ['Operation', 'SDK method', 'Summary', 'Tier'],
          ops.filter((op) => op.info.tag === tag).map((op) => [operationLink(op), code(`${op.info.resource}.${op.info.name}()`), op.info.summary, tierText(op)]),
        ),
      ),
    ),
  );
}
