/**
 * The generated pages of the docs site, from everything they are built from: the reference
 * (one page per operation, one per family, the endpoint index), the error catalogue and the
 * changelog. Pure: the inputs are read by ./inputs.ts.
 */
import type { OperationInfo } from '@opsmerge/sdk';
import type { OpenApiDocument } from '../../codegen/spec-types.js';
import { changelogPage, specChanges, type ChangesetDoc } from './changelog.js';
import { errorCataloguePage } from './error-catalogue.js';
import { endpointIndex, familyPage, inReadingOrder } from './index-pages.js';
import { buildReference, type Reference } from './model.js';
import { operationPage, operationSamples, successorCall, type OperationSamples, type RenderContext } from './operation-page.js';
import type { SampleArgs } from './samples.js';
import { PAGE_FILES } from './site-links.js';

/** Everything the generated pages are built from. */
export interface SiteInput {
  /** The bundled spec (generated/openapi.json). */
  readonly spec: OpenApiDocument;
  /** The last released spec (openapi/released/openapi.json). */
  readonly released: OpenApiDocument;
  /** The operations table (generated/operations.ts). */
  readonly operations: Readonly<Record<string, OperationInfo>>;
  readonly changesets: readonly ChangesetDoc[];
  /** Released CHANGELOG.md files, by package name. */
  readonly changelogs: readonly { readonly name: string; readonly markdown: string }[];
  /** The class the SDK throws for a status and code. */
  readonly errorClass: (status: number, code: string) => string;
  /** The path from the generated pages' folder to docs/, ending in `/`. */
  readonly guides: string;
  /** Sample arguments that run against the seeded sandbox, by operationId (./runnable-args.ts); the spec's examples otherwise. */
  readonly args?: ReadonlyMap<string, SampleArgs>;
}

/** One generated page: a Markdown file added to the site as a TypeDoc document. */
export interface GeneratedPage {
  /** Its file name in the generated folder (`agents_list.md`). */
  readonly file: string;
  /** Its title: the navigation entry and the page's `<title>`. */
  readonly title: string;
  /** The file of the page it is listed under in the navigation. */
  readonly parent?: string;
  readonly markdown: string;
}

/** The generated site. */
export interface GeneratedSite {
  readonly reference: Reference;
  readonly pages: readonly GeneratedPage[];
  /** The samples of each operation page, by operationId (the tests type-check and run them). */
  readonly samples: ReadonlyMap<string, OperationSamples>;
  /** The successor of each deprecated operation that has one, as an SDK call (`alerts.list({ status: 'active' })`). */
  readonly successors: ReadonlyMap<string, string>;
}

/** The sandbox server of the spec (its description names it), else the last server. */
export function sandboxUrl(reference: Pick<Reference, 'servers'>): string {
  const server = reference.servers.find((s) => /sandbox/i.test(s.description)) ?? reference.servers.at(-1);
  if (!server) throw new Error('the spec names no server');
  return server.url;
}

/** Builds every generated page. */
export function generateSite(input: SiteInput): GeneratedSite {
  const reference = buildReference(input.spec, input.operations);
  const ctx: RenderContext = {
    guides: input.guides,
    sandboxUrl: sandboxUrl(reference),
    errorClass: input.errorClass,
    operations: new Map(reference.operations.map((op) => [op.info.operationId, op])),
  };
  const pages: GeneratedPage[] = [{ file: PAGE_FILES.index, title: 'Endpoint index', markdown: endpointIndex(reference) }];
  const samples = new Map<string, OperationSamples>();
  reference.families.forEach((family, i) => {
    const file = PAGE_FILES.family(family);
    pages.push({ file, title: family, markdown: familyPage(family, reference, i + 1) });
    for (const op of inReadingOrder(reference).filter((o) => o.info.family === family)) {
      const own = operationSamples(op, ctx.sandboxUrl, input.args?.get(op.info.operationId));
      samples.set(op.info.operationId, own);
      pages.push({ file: PAGE_FILES.operation(op.info.operationId), title: `${op.info.resource}.${op.info.name}`, parent: file, markdown: operationPage(op, own, ctx) });
    }
  });
  const orphans = reference.operations.filter((op) => !samples.has(op.info.operationId)).map((op) => op.info.operationId);
  if (orphans.length > 0) throw new Error(`operations outside every x-tagGroups family: ${orphans.join(', ')}`);
  const successors = new Map<string, string>();
  for (const op of reference.operations) {
    const call = successorCall(op, ctx);
    if (call) successors.set(op.info.operationId, call);
  }
  pages.push({ file: PAGE_FILES.errors, title: 'Error catalogue', markdown: errorCataloguePage(reference, input.errorClass, input.guides) });
  pages.push({
    file: PAGE_FILES.changelog,
    title: 'Changelog',
    markdown: changelogPage({
      releasedVersion: input.released.info.version,
      currentVersion: input.spec.info.version,
      specChanges: specChanges(input.released, input.spec),
      changesets: input.changesets,
      released: input.changelogs,
      deprecated: reference.operations.filter((op) => op.info.deprecated).map((op) => {
        const call = successors.get(op.info.operationId);
        return call === undefined ? { op } : { op, successorCall: call };
      }),
    }),
  });
  return { reference, pages, samples, successors };
}
