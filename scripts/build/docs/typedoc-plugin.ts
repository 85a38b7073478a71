/**
 * The TypeDoc side of the generated site, loaded by scripts/build/docs-plugin.mjs (which
 * hands over its own `typedoc` module, so every class here is TypeDoc's own):
 *
 * - adds the generated pages (./generate.ts) as project documents, each operation page under
 *   its family's page, before TypeDoc reads the guides;
 * - trims and ranks the search index (./search.ts) and writes a snippet per result;
 * - links every page to its Markdown twin and writes the twins (./twins.ts) and llms.txt;
 * - writes the redirects the API's headers point at (`/changelog`, `/stability`);
 * - bundles the browser scripts: the page script and, loaded on demand, the try-it console.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type * as TypeDoc from 'typedoc';
import { bundleBrowserScripts } from './bundle.js';
import { generateSite, type GeneratedSite } from './generate.js';
import { readSiteInput } from './inputs.js';
import { firstSentence, llmsTxt, type LlmsEntry } from './llms-txt.js';
import { searchWeight, snippetOf } from './search.js';
import { REFERENCE_GROUP } from './site-links.js';
import { documentTwin, partsToMarkdown, plainMarkdown, reflectionTwin, twinUrl, type TwinLinks } from './twins.js';

type Td = typeof TypeDoc;
type AddDocument = (parent: TypeDoc.Reflection, file: TypeDoc.MinimalSourceFile, displayName: string) => void;

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Where a redirect stub sends the URLs the API's headers name (mocks/pipeline/deprecation.ts). */
const REDIRECTS = [
  { path: 'changelog', title: 'Changelog', source: (page: TypeDoc.DocumentReflection) => page.name === 'Changelog' && page.frontmatter['group'] === REFERENCE_GROUP },
  { path: 'stability', title: 'Stability and deprecations', source: (page: TypeDoc.DocumentReflection) => page.name === 'Stability and deprecations' },
];

function redirectPage(title: string, target: string): string {
  const href = JSON.stringify(target);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${title}</title>`,
    `<link rel="canonical" href=${href}>`,
    // The fragment (`#alerts_listActive`) travels with the reader.
    `<script>location.replace(${href} + location.hash);</script>`,
    `<noscript><meta http-equiv="refresh" content="0; url=${target}"></noscript>`,
    `</head><body><p><a href=${href}>${title}</a></p></body></html>`,
    '',
  ].join('\n');
}

/** The entry point (module) a reflection belongs to, and how deep below it it sits (0: an export, or the module itself). */
function placeOf(reflection: TypeDoc.Reflection, td: Td): { module?: string; depth: number } {
  let depth = 0;
  let top: TypeDoc.Reflection = reflection;
  while (top.parent && !top.parent.isProject()) {
    top = top.parent;
    depth++;
  }
  if (!top.kindOf(td.ReflectionKind.Module)) return { depth: 0 };
  return { module: top.name, depth: Math.max(0, depth - 1) };
}

/** Loads the generated pages and registers every hook. */
export async function load(app: TypeDoc.Application, td: Td): Promise<void> {
  const pagesDir = join(ROOT, '.tmp', 'docs-pages', String(process.pid));
  const site: GeneratedSite = generateSite(await readSiteInput(ROOT, pagesDir));
  // TypeDoc resolves the pages' relative links against real files.
  await rm(pagesDir, { recursive: true, force: true });
  await mkdir(pagesDir, { recursive: true });
  await Promise.all(site.pages.map((page) => writeFile(join(pagesDir, page.file), page.markdown)));
  const markdownOf = new Map<TypeDoc.DocumentReflection, string>();
  const operationOf = new Map<TypeDoc.Reflection, string>();
  const pageOf = new Map<string, TypeDoc.DocumentReflection>();

  app.converter.on(td.Converter.EVENT_BEGIN, (context) => {
    const byFile = new Map<string, TypeDoc.DocumentReflection>();
    let created: TypeDoc.DocumentReflection | undefined;
    const capture = (_context: unknown, reflection: TypeDoc.DocumentReflection): void => {
      created = reflection;
    };
    app.converter.on(td.Converter.EVENT_CREATE_DOCUMENT, capture);
    const addDocument = (app.converter as unknown as { addDocument: AddDocument }).addDocument.bind(app.converter);
    for (const page of site.pages) {
      const parent = page.parent === undefined ? context.project : byFile.get(page.parent);
      if (!parent) throw new Error(`${page.file}: its parent ${page.parent} comes after it`);
      created = undefined;
      addDocument(parent, new td.MinimalSourceFile(page.markdown, td.normalizePath(join(pagesDir, page.file))), page.title);
      if (!created) throw new Error(`${page.file}: TypeDoc made no document of it`);
      byFile.set(page.file, created);
      markdownOf.set(created, page.markdown);
      const operation = /^operation: (\S+)$/m.exec(page.markdown)?.[1];
      if (operation) {
        operationOf.set(created, operation);
        pageOf.set(operation, created);
      }
    }
    app.converter.off(td.Converter.EVENT_CREATE_DOCUMENT, capture);
  });
  app.converter.on(td.Converter.EVENT_END, () => rm(pagesDir, { recursive: true, force: true }));

  // The SDK reference's methods link to their operation's page; a deprecated one gets a
  // Deprecated badge and names its successor as an SDK call. After the stability badges (priority 0).
  app.converter.on(
    td.Converter.EVENT_RESOLVE_BEGIN,
    (context) => {
      const ops = new Map(site.reference.operations.map((op) => [op.info.operationId, op.info]));
      for (const signature of context.project.getReflectionsByKind(td.ReflectionKind.CallSignature)) {
        const comment = signature.comment;
        const id = comment && /\(operationId `([A-Za-z0-9_]+)`\)/.exec(td.Comment.combineDisplayParts(comment.summary))?.[1];
        const page = id ? pageOf.get(id) : undefined;
        const info = id ? ops.get(id) : undefined;
        if (!comment || !page || !info) continue;
        comment.summary.push(
          { kind: 'text', text: '\n\nReference: ' },
          { kind: 'inline-tag', tag: '@link', text: `${info.method} ${info.path}`, target: page },
          { kind: 'text', text: ' — parameters, examples, errors, samples in TypeScript, curl and the CLI, and a try-it panel.' },
        );
        if (!info.deprecated) continue;
        comment.modifierTags.add('@deprecatedOperation');
        const successor = site.successors.get(info.operationId);
        const tag = comment.getTag('@deprecated');
        if (tag) {
          tag.content = [
            { kind: 'text', text: `Deprecated since ${info.deprecatedAt ?? 'an announced date'}; stops working on ${info.sunset ?? 'its sunset date'}.` },
            ...(successor ? [{ kind: 'text', text: ' Use ' } as const, { kind: 'code', text: `\`client.${successor}\`` } as const, { kind: 'text', text: ' instead.' } as const] : []),
          ];
        }
      }
    },
    -1,
  );

  // Search: mocks internals out, the API first, a snippet per result.
  const snippets: Record<string, string> = {};
  app.renderer.on(td.IndexEvent.PREPARE_INDEX, (event) => {
    const router = app.renderer.router!;
    for (let i = event.searchResults.length - 1; i >= 0; i--) {
      const reflection = event.searchResults[i]!;
      const operation = operationOf.get(reflection);
      const weight = searchWeight({
        ...placeOf(reflection, td),
        kind: td.ReflectionKind.singularString(reflection.kind),
        ...(reflection.parent && !reflection.parent.isProject() ? { parent: reflection.parent.name } : {}),
        ...(operation ? { operation } : {}),
      });
      if (weight === 0) {
        event.removeResult(i);
        continue;
      }
      reflection.relevanceBoost = weight;
      const markdown = reflection.isDocument() ? (markdownOf.get(reflection) ?? td.Comment.combineDisplayParts(reflection.content)) : undefined;
      const summary = reflection.isDocument() ? '' : td.Comment.combineDisplayParts(reflection.comment?.summary ?? reflection.signatures?.[0]?.comment?.summary ?? []);
      const info = operation ? site.reference.operations.find((op) => op.info.operationId === operation)?.info : undefined;
      const snippet = info ? `${info.method} ${info.path} · ${info.summary}` : snippetOf(markdown ?? summary);
      if (snippet) snippets[router.getFullUrl(reflection)] = snippet;
    }
  });

  app.renderer.hooks.on('head.end', (context) => {
    const twin = twinUrl(context.page.url.split('/').pop() ?? 'index.html');
    return td.JSX.createElement(td.JSX.Raw, {
      html: `<link rel="alternate" type="text/markdown" href="${twin}"><script defer src="${context.relativeURL('assets/opsmerge-site.js', true)}"></script>`,
    });
  });
  app.renderer.hooks.on('content.end', (context) =>
    td.JSX.createElement(td.JSX.Raw, { html: `<p class="om-twin"><a href="${twinUrl(context.page.url.split('/').pop() ?? 'index.html')}">This page as Markdown</a> · <a href="${context.relativeURL('llms.txt')}">llms.txt</a></p>` }),
  );

  app.renderer.postRenderAsyncJobs.push(async (event) => {
    const router = app.renderer.router!;
    const project = event.project;
    const out = (path: string, text: string): Promise<void> => mkdir(dirname(join(event.outputDirectory, path)), { recursive: true }).then(() => writeFile(join(event.outputDirectory, path), text));

    const twins = event.pages.map((page) => {
      const from = page.model as TypeDoc.Reflection;
      const links: TwinLinks = {
        urlTo(target) {
          let owner: TypeDoc.Reflection | undefined = target;
          while (owner && !router.hasUrl(owner)) owner = owner.parent;
          if (!owner) return undefined;
          const url = router.relativeUrl(from, owner);
          return twinUrl(url === '' ? (page.url.split('/').pop() ?? '') : url);
        },
        resolveFile(id) {
          const target = project.files.resolve(id as TypeDoc.FileId, project);
          if (typeof target === 'object' || target === undefined) return target;
          const name = project.files.getName(id as TypeDoc.FileId);
          return name ? router.baseRelativeUrl(from, `media/${name}`) : undefined;
        },
      };
      let text: string;
      if (page.kind === td.PageKind.Index) text = `${plainMarkdown(partsToMarkdown(project.readme ?? [], links)).trim()}\n`;
      else if (page.kind === td.PageKind.Document) text = documentTwin(page.model as TypeDoc.DocumentReflection, links);
      else if (page.kind === td.PageKind.Hierarchy) text = hierarchyTwin(project, links, td);
      else text = reflectionTwin(page.model as TypeDoc.DeclarationReflection | TypeDoc.ProjectReflection, links, td.ReflectionKind.singularString((page.model as TypeDoc.Reflection).kind));
      return out(twinUrl(page.url), text);
    });

    const redirects = REDIRECTS.map(({ path, title, source }) => {
      const target = project.getReflectionsByKind(td.ReflectionKind.Document).find((r) => source(r as TypeDoc.DocumentReflection));
      if (!target) throw new Error(`docs site: no page for the /${path} redirect`);
      return out(`${path}/index.html`, redirectPage(title, `../${router.getFullUrl(target)}`));
    });

    await Promise.all([
      ...twins,
      ...redirects,
      out('llms.txt', llms(event, site, td)),
      out('assets/search-snippets.js', `window.omSearchSnippets = ${JSON.stringify(snippets)};\n`),
      bundleBrowserScripts(join(event.outputDirectory, 'assets'), site),
    ]);
  });
}

function hierarchyTwin(project: TypeDoc.ProjectReflection, links: TwinLinks, td: Td): string {
  const classes = project.getReflectionsByKind(td.ReflectionKind.Class | td.ReflectionKind.Interface) as TypeDoc.DeclarationReflection[];
  const lines = classes
    .filter((c) => c.extendedTypes?.length || c.extendedBy?.length)
    .map((c) => `- [${c.name}](${links.urlTo(c) ?? ''})${c.extendedTypes?.length ? ` extends ${c.extendedTypes.map((t) => t.toString()).join(', ')}` : ''}`);
  return `# Hierarchy\n\n${lines.join('\n')}\n`;
}

function llms(event: TypeDoc.RendererEvent, site: GeneratedSite, td: Td): string {
  const guides: LlmsEntry[] = [];
  const reference: LlmsEntry[] = [];
  const sdk: LlmsEntry[] = [];
  const mocks: LlmsEntry[] = [];
  for (const page of event.pages) {
    const model = page.model as TypeDoc.Reflection;
    const url = twinUrl(page.url);
    if (page.kind === td.PageKind.Index) continue;
    if (model.isDocument()) {
      const markdown = td.Comment.combineDisplayParts(model.content);
      const operation = model.frontmatter['operation'];
      const info = operation ? site.reference.operations.find((op) => op.info.operationId === operation)?.info : undefined;
      const entry = { title: model.name, url, description: info ? `${info.method} ${info.path}: ${info.summary}.` : snippetOf(markdown) };
      (model.frontmatter['group'] === 'Guides' ? guides : reference).push(entry);
      continue;
    }
    if (!model.isDeclaration()) continue;
    const { module } = placeOf(model, td);
    const entry = { title: model.name, url, description: firstSentence(td.Comment.combineDisplayParts(model.comment?.summary ?? model.signatures?.[0]?.comment?.summary ?? [])) };
    (module === '@opsmerge/mocks' || model.name === '@opsmerge/mocks' ? mocks : sdk).push(entry);
  }
  return llmsTxt(
    `OpsMerge SDK (@opsmerge/sdk) — API ${site.reference.version}`,
    'The typed TypeScript SDK for the OpsMerge API v1 (RMM, PSA, incidents, analytics, M365), with a stateful mock of the API for tests and the `opsmerge` CLI.',
    'Every page of this site has a Markdown twin at the same path with `.md` for `.html`; the links below point at the twins. ' +
      'Start with [the landing page](index.md); the API reference has one page per operation (method and path, SDK call, CLI command, scopes, parameters, examples, errors, samples).',
    [
      { title: 'Guides', entries: guides },
      { title: 'API reference', entries: reference },
      { title: 'SDK reference (@opsmerge/sdk)', entries: sdk },
      { title: 'Optional', entries: mocks },
    ],
  );
}
