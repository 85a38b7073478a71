// TypeDoc plugin for the docs site (`npm run docs`, loaded from typedoc.json).
//
// 1. Stability badges: every operation's TSDoc carries `@stability stable|beta|internal`
//    (scripts/codegen/facade.ts writes it, with `@beta` on beta and `@alpha` on internal
//    operations). The block tag itself is not rendered (typedoc.json `notRenderedTags`);
//    instead each method gets its tier's modifier — `@stable` is added here — shown as a
//    badge next to its summary: "Stable", "Beta", or "Internal" (`@alpha`, relabelled by
//    typedoc.json `locales`). The theme's filter menu gets one switch per tier
//    (typedoc.json `visibilityFilters`).
// 2. Module names: the entry points are shown under the names integrators import them by,
//    `@opsmerge/sdk` and `@opsmerge/mocks`, instead of their folders.
// 3. Groups: the sidebar groups exports by what they are for (Resources, Models, Errors…),
//    read from the file that declares them, instead of by TypeScript kind.
// 4. Guide order: the guides of docs/ are listed in reading order (GUIDE_ORDER), any other
//    document after them, alphabetically.
// 5. Named models: a facade method returns `APIPromise<Agent>`, but TypeScript forgets the name
//    of an alias of an indexed type (`type Agent = components['schemas']['Agent']`), so TypeDoc
//    would print the whole object inline in every signature that returns it. Return types of
//    generated/facade.ts are converted from their type node instead (`APIPromise<Agent>`, with a
//    link), and each model alias gets `@useDeclaredType`, so its own page lists its fields with
//    the spec's descriptions. Parameters stay inline: a method's page shows each field.
// 6. Spec mirrors: openapi-typescript's `paths`, `components` and `operations` (exported as
//    `OperationTypes`), the per-tier `StablePaths`/`BetaPaths`/`InternalPaths` views of
//    `paths`, and the `operations` table are exported for the low-level client's types.
//    Rendered member by member they are thousands of rows that repeat the spec (each
//    response of each path with its headers), and converting them was most of the build
//    time. Their members are not converted; their pages keep their own comment and say where
//    the content is documented (the resource pages, the models); the table's type reads
//    `Readonly<Record<OperationId, OperationInfo>>`.
// 7. The generated site: the API reference (a page per operation, per family, the endpoint
//    index), the error catalogue, the changelog, search snippets, the Markdown twins, llms.txt
//    and the try-it console — scripts/build/docs/typedoc-plugin.ts, loaded through tsx (it
//    imports the SDK and the spec) and handed this module's `typedoc`, so both share its classes.
import ts from 'typescript';
import { tsImport } from 'tsx/esm/api';
import * as typedoc from 'typedoc';
import { Comment, Converter, ReferenceType, ReflectionGroup, ReflectionKind, ReflectionType } from 'typedoc';

const MODULE_NAMES = { src: '@opsmerge/sdk', mocks: '@opsmerge/mocks' };

const TIER_MODIFIER = { stable: '@stable', beta: '@beta', internal: '@alpha' };

const SPEC_MIRRORS = {
  paths: 'openapi-typescript',
  components: 'openapi-typescript',
  OperationTypes: 'openapi-typescript',
  StablePaths: 'paths',
  BetaPaths: 'paths',
  InternalPaths: 'paths',
};

/** The guides of docs/, in reading order; a guide not listed comes after these. */
const GUIDE_ORDER = [
  'getting-started.md',
  'authentication.md',
  'resources.md',
  'pagination.md',
  'errors.md',
  'rate-limits.md',
  'stability-and-deprecations.md',
  'runtimes.md',
  'testing.md',
  'conformance.md',
  'cli.md',
];

/** The sidebar groups of `@opsmerge/sdk`, in order. */
const GROUPS = ['Client', 'Resources', 'Parameters', 'Models', 'Results and pagination', 'Errors', 'OAuth 2.0', 'Rate limits', 'Low-level client'];

/** The group an export of `@opsmerge/sdk` belongs to, from its name and declaring file. */
function groupOf(name, file) {
  if (file === 'generated/facade.ts') {
    if (/Resources?$/.test(name)) return 'Resources';
    if (/(Params|Body)$/.test(name)) return 'Parameters';
    return 'Low-level client';
  }
  if (file === 'generated/schema.ts') return name in SPEC_MIRRORS ? 'Low-level client' : 'Models';
  if (file === 'generated/operations.ts') return 'Low-level client';
  if (file.startsWith('src/errors/')) return 'Errors';
  if (file.startsWith('src/oauth/')) return 'OAuth 2.0';
  if (file === 'src/pagination.ts' || file.startsWith('src/facade/')) return 'Results and pagination';
  if (file.startsWith('src/rate-limit/') || file.startsWith('src/headers/')) return 'Rate limits';
  return 'Client';
}

function text(content) {
  return content.map((part) => part.text).join('').trim();
}

/** Whether a TypeScript declaration lives in generated/<file>. */
function declaredIn(node, file) {
  return node?.getSourceFile().fileName.replaceAll('\\', '/').endsWith(`/generated/${file}`) ?? false;
}

/** Whether `symbol` is a member of one of the SPEC_MIRRORS interfaces of generated/. */
function isMirrorMember(symbol) {
  const parent = symbol.declarations?.[0]?.parent;
  if (!parent || !ts.isInterfaceDeclaration(parent)) return false;
  const name = parent.name.text === 'operations' ? 'OperationTypes' : parent.name.text;
  return name in SPEC_MIRRORS && (declaredIn(parent, 'schema.ts') || declaredIn(parent, 'facade.ts'));
}

/** The declarations of the reflection types inside `type` (inline object types). */
function inlineDeclarations(type, found = []) {
  if (!type) return found;
  if (type instanceof ReflectionType) found.push(type.declaration);
  for (const key of ['typeArguments', 'types', 'elements']) for (const inner of type[key] ?? []) inlineDeclarations(inner, found);
  for (const key of ['elementType', 'target', 'objectType', 'indexType', 'checkType', 'extendsType', 'trueType', 'falseType']) {
    if (type[key] && typeof type[key] === 'object' && 'type' in type[key]) inlineDeclarations(type[key], found);
  }
  return found;
}

/** @param {import('typedoc').Application} app */
export async function load(app) {
  const site = await tsImport('./docs/typedoc-plugin.ts', import.meta.url);
  await site.load(app, typedoc);

  // Spec mirrors: their members are not converted at all (the bulk of the conversion time).
  const shouldIgnore = app.converter.shouldIgnore.bind(app.converter);
  app.converter.shouldIgnore = (symbol, checker) => isMirrorMember(symbol) || shouldIgnore(symbol, checker);

  // Model aliases of the spec (`type X = components['schemas']['X']`): show their fields.
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.TypeAlias)) return;
    const declaration = context.getSymbolFromReflection(reflection)?.declarations?.find(ts.isTypeAliasDeclaration);
    if (!declaration || !ts.isIndexedAccessTypeNode(declaration.type) || !/^components\s*\[/.test(declaration.type.getText())) return;
    // The alias itself has no comment; the schema's description is on `components.schemas.X`.
    if (!reflection.comment && ts.isLiteralTypeNode(declaration.type.indexType) && ts.isStringLiteral(declaration.type.indexType.literal)) {
      const schemas = context.checker.getTypeFromTypeNode(declaration.type.objectType);
      const schema = schemas.getProperty(declaration.type.indexType.literal.text);
      const comment = schema && context.getComment(schema, ReflectionKind.Property);
      if (comment) reflection.comment = comment.clone();
    }
    reflection.comment ??= new Comment();
    reflection.comment.modifierTags.add('@useDeclaredType');
  });

  // Facade methods: keep the model's name in the return type.
  app.converter.on(Converter.EVENT_CREATE_SIGNATURE, (context, signature, declaration) => {
    if (!declaration?.type || !declaredIn(declaration, 'facade.ts')) return;
    for (const inline of inlineDeclarations(signature.type)) context.project.removeReflection(inline);
    signature.type = context.converter.convertType(context.withScope(signature), declaration.type);
  });

  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project;

    for (const module of project.children ?? []) {
      if (module.name in MODULE_NAMES) module.name = MODULE_NAMES[module.name];
    }

    // Guides in GUIDE_ORDER, then the generated pages by their front matter's `order`, then the rest.
    const rank = (reflection) => {
      if (!reflection.isDocument()) return -1;
      const file = project.files.getReflectionPath(reflection)?.split('/').pop() ?? '';
      const index = GUIDE_ORDER.indexOf(file);
      if (index !== -1) return index;
      const order = Number(reflection.frontmatter['order']);
      return Number.isFinite(order) ? GUIDE_ORDER.length + 1 + order : GUIDE_ORDER.length;
    };
    const byGuideOrder = (a, b) => rank(a) - rank(b) || (rank(a) === GUIDE_ORDER.length ? a.name.localeCompare(b.name) : 0);
    project.documents?.sort(byGuideOrder);
    project.childrenIncludingDocuments?.sort(byGuideOrder);

    for (const reflection of project.getReflectionsByKind(ReflectionKind.All)) {
      // openapi-typescript writes the spec's descriptions as `@description`: make them the
      // summary, as a hand-written comment would have it, instead of a "Description" section.
      const comment = reflection.comment;
      const description = comment?.getTag('@description');
      if (comment && description && !comment.summary.some((part) => part.text.trim() !== '')) {
        comment.summary = description.content;
        comment.removeTags('@description');
      }
      // It also writes `@enum {string}` after `@example`, which TypeDoc would show as code.
      for (const tag of reflection.comment?.blockTags ?? []) {
        if (tag.tag !== '@example') continue;
        for (const part of tag.content) if (part.kind === 'code') part.text = part.text.replace(/\n@enum \{[^}\n]*\}(?=\n```$|$)/, '');
      }
    }

    // Stability badges, on the signature (where the theme renders a method's modifiers).
    for (const reflection of project.getReflectionsByKind(ReflectionKind.All)) {
      const candidates = [reflection, ...(reflection.isDeclaration() ? reflection.getAllSignatures() : [])];
      for (const item of candidates) {
        const tag = item.comment?.getTag('@stability');
        if (!tag) continue;
        const tier = text(tag.content);
        const modifier = TIER_MODIFIER[tier];
        if (!modifier) {
          app.logger.warn(`${item.getFriendlyFullName()}: @stability must be stable, beta or internal, got "${tier}"`);
          continue;
        }
        item.comment.modifierTags.add(modifier);
      }
    }

    const sdk = project.children?.find((module) => module.name === MODULE_NAMES.src);
    if (!sdk) return;

    for (const child of sdk.children ?? []) {
      const mirror = SPEC_MIRRORS[child.name];
      if (mirror && child.kindOf(ReflectionKind.Interface)) {
        child.comment?.summary.push({
          kind: 'text',
          text:
            mirror === 'paths'
              ? '\n\nIts members are paths of `paths`, listed by the spec and not repeated here.'
              : `\n\nGenerated by ${mirror} from the spec; its members mirror the spec and are not listed here: ` +
                'each operation is documented on its resource page, each schema under Models.',
        });
      }
    }

    // The operations table: its type is `{ agents_get: {…}, … }` as const, 64 literals of the
    // `OperationInfo` shape. Show it as what it is for a reader.
    const table = sdk.getChildByName('operations');
    const info = sdk.getChildByName('OperationInfo');
    const id = sdk.getChildByName('OperationId');
    if (table?.kindOf(ReflectionKind.Variable) && info && id && table.type?.type === 'reflection') {
      project.removeReflection(table.type.declaration);
      const record = ReferenceType.createBrokenReference('Record', project, 'typescript');
      record.typeArguments = [ReferenceType.createResolvedReference('OperationId', id, project), ReferenceType.createResolvedReference('OperationInfo', info, project)];
      const readonly = ReferenceType.createBrokenReference('Readonly', project, 'typescript');
      readonly.typeArguments = [record];
      table.type = readonly;
    }
  });

  // After TypeDoc's own grouping (by kind, priority -100): regroup by purpose.
  app.converter.on(
    Converter.EVENT_RESOLVE_END,
    (context) => {
      const project = context.project;
      const sdk = project.children?.find((module) => module.name === MODULE_NAMES.src);
      if (!sdk?.children) return;
      const groups = new Map(GROUPS.map((title) => [title, new ReflectionGroup(title, sdk)]));
      for (const child of sdk.children) {
        const file = project.getSymbolIdFromReflection(child)?.packagePath ?? '';
        groups.get(groupOf(child.name, file)).children.push(child);
      }
      sdk.groups = [...groups.values()].filter((group) => group.children.length > 0);
    },
    -200,
  );
}
