/**
 * The changelog page: the deprecation timeline (each deprecated operation with its dates and
 * successor, at the anchor its `Link: rel="deprecation"` header names), what changed in the
 * API since the released spec (the stability gate's own reading of the two specs,
 * scripts/gates/compat.ts), the pending changesets, and the released CHANGELOG.md entries.
 */
import { createContext, label, parameterFindings, policyFindings, type OpenApiDocument } from '../../gates/compat.js';
import { anchor, blocks, code, table } from './markdown.js';
import type { OperationDoc } from './model.js';
import { PAGE_FILES, PAGE_TITLES, REFERENCE_GROUP } from './site-links.js';

/** A pending changeset (.changeset/NAME.md). */
export interface ChangesetDoc {
  readonly file: string;
  /** `"@opsmerge/sdk": minor` lines of its front matter. */
  readonly releases: readonly { readonly name: string; readonly bump: 'major' | 'minor' | 'patch' }[];
  readonly body: string;
}

/** Reads a changeset file: the packages it releases with their bumps, and its text. */
export function parseChangeset(file: string, text: string): ChangesetDoc {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n?---\r?\n?([\s\S]*)$/.exec(text);
  const releases: ChangesetDoc['releases'][number][] = [];
  for (const line of (m?.[1] ?? '').split(/\r?\n/)) {
    const entry = /^\s*(["']?)(.+?)\1\s*:\s*(major|minor|patch)\s*$/.exec(line);
    if (entry) releases.push({ name: entry[2]!, bump: entry[3] as 'major' | 'minor' | 'patch' });
  }
  return { file, releases, body: (m ? m[2]! : text).trim() };
}

/** Markdown headings moved `levels` deeper (at most `######`), outside code fences. */
export function demoteHeadings(markdown: string, levels: number): string {
  let inFence = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      if (inFence) return line;
      return line.replace(/^(#{1,6})(?=\s)/, (hashes) => '#'.repeat(Math.min(6, hashes.length + levels)));
    })
    .join('\n');
}

/** What changed in the API between the released spec and the current one, one line per change. */
export function specChanges(released: OpenApiDocument, current: OpenApiDocument): string[] {
  const ctx = createContext(released, current);
  const lines: string[] = [];
  for (const [key, op] of ctx.revisionOps) if (!ctx.baseOps.has(key)) lines.push(`${code(label(op))}: new, ${op.stability}.`);
  for (const [key, op] of ctx.baseOps) if (!ctx.revisionOps.has(key)) lines.push(`${code(label(op))}: removed (it was ${op.stability}).`);
  // The findings' dates only matter to the gate's verdict, not to what changed.
  const findings = [...policyFindings(ctx, new Date(0)).findings, ...parameterFindings(ctx)];
  for (const finding of findings) lines.push(`${finding.operations.map(code).join(', ')}: ${finding.message}`);
  return lines;
}

/** Everything the changelog page shows. */
export interface ChangelogInput {
  readonly releasedVersion: string;
  readonly currentVersion: string;
  readonly specChanges: readonly string[];
  readonly changesets: readonly ChangesetDoc[];
  /** CHANGELOG.md of each package that has one. */
  readonly released: readonly { readonly name: string; readonly markdown: string }[];
  /** The deprecated operations, with their successor's SDK call. */
  readonly deprecated: readonly { readonly op: OperationDoc; readonly successorCall?: string }[];
}

const BUMP_RANK = { major: 0, minor: 1, patch: 2 } as const;

function highestBump(changeset: ChangesetDoc): number {
  return Math.min(3, ...changeset.releases.map((r) => BUMP_RANK[r.bump]));
}

function timeline(input: ChangelogInput): string {
  if (input.deprecated.length === 0) return blocks('## Deprecation timeline', 'No operation is deprecated.');
  const rows = input.deprecated.map(({ op, successorCall }) => [
    `[${code(op.info.operationId)}](#${op.info.operationId.toLowerCase()})`,
    code(`${op.info.resource}.${op.info.name}()`),
    op.info.deprecatedAt ?? '',
    op.info.sunset ?? '',
    successorCall ? code(successorCall) : '',
  ]);
  return blocks(
    '## Deprecation timeline',
    'A deprecated stable operation keeps working for at least 6 months; its responses carry `Deprecation`, `Sunset` and a `Link` to its entry here. After the sunset the API answers it no more, and the SDK throws `SunsetError` instead of sending.',
    table(['Operation', 'SDK method', 'Deprecated since', 'Sunset', 'Use instead'], rows),
    ...input.deprecated.map(({ op, successorCall }) =>
      blocks(
        // The exact id the API's `Link: rel="deprecation"` names (heading anchors are lower case).
        anchor(op.info.operationId),
        `### ${op.info.operationId}`,
        `[${code(`${op.info.method} ${op.info.path}`)}](${PAGE_FILES.operation(op.info.operationId)}), ${code(`client.${op.info.resource}.${op.info.name}()`)}: ${op.info.summary}.`,
        `- Deprecated since: ${op.info.deprecatedAt ?? 'not dated'}\n- Sunset: ${op.info.sunset ?? 'not set'}\n- Use instead: ${successorCall && op.successor ? `[${code(`client.${successorCall}`)}](${PAGE_FILES.operation(op.successor.operationId)})` : 'no successor'}`,
      ),
    ),
  );
}

/** The changelog page's Markdown. */
export function changelogPage(input: ChangelogInput): string {
  const changesets = [...input.changesets].sort((a, b) => highestBump(a) - highestBump(b) || a.file.localeCompare(b.file));
  const version = input.releasedVersion === input.currentVersion ? input.currentVersion : `${input.releasedVersion} → ${input.currentVersion}`;
  return blocks(
    ['---', `title: ${PAGE_TITLES.changelog}`, `group: ${REFERENCE_GROUP}`, 'order: 91', '---'].join('\n'),
    `# ${PAGE_TITLES.changelog}`,
    'What changed in the API and the packages, and what is going away. Stable operations change incompatibly only after a deprecation with at least 6 months\' notice; beta ones may change with notice here; internal ones carry no promise.',
    timeline(input),
    '## Unreleased',
    `### The API (${version})`,
    input.specChanges.length > 0 ? input.specChanges.map((line) => `- ${line}`).join('\n') : `No change to the API since the released spec (${input.releasedVersion}).`,
    '### The packages',
    changesets.length > 0
      ? changesets
          .map((c) => blocks(`**${c.releases.map((r) => `${r.name} ${r.bump}`).join(', ') || 'no release'}**`, demoteHeadings(c.body, 3)))
          .join('\n')
      : 'No pending changes.',
    ...input.released.map((r) => blocks(`## Released: ${r.name}`, demoteHeadings(r.markdown.replace(/^#\s+.*\n/, '').trim(), 2))),
  );
}
