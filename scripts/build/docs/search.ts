/**
 * What the site's search finds and how it ranks it: the SDK's public API and the reference
 * first, the mocks package by its entry points only (its store records and their fields are
 * internals of a test tool), and a one-line snippet under each result.
 */
import { firstSentence } from './llms-txt.js';

/** What the policy knows of a search result. */
export interface SearchCandidate {
  /** The entry point it belongs to (`@opsmerge/sdk`, `@opsmerge/mocks`), none for documents. */
  readonly module?: string;
  /** 0 for a document or an export of a module, 1 for a member of an export, and so on. */
  readonly depth: number;
  /** TypeDoc's kind name: `Document`, `Class`, `Interface`, `Method`… */
  readonly kind: string;
  /** The parent's name, for members (`AgentsResource`). */
  readonly parent?: string;
  /** For a generated operation page, its operationId. */
  readonly operation?: string;
}

const MOCK_ENTRY_KINDS = new Set(['Module', 'Function', 'Class']);

/**
 * The relevance weight of a result (lunr's boost), 0 to leave it out: the resources'
 * methods and the operation pages rank first, mocks internals are not indexed.
 */
export function searchWeight(c: SearchCandidate): number {
  if (c.module === '@opsmerge/mocks') return c.depth === 0 && MOCK_ENTRY_KINDS.has(c.kind) ? 0.5 : 0;
  if (c.operation) return 3;
  if (c.kind === 'Method' && c.parent?.endsWith('Resource')) return 3;
  if (c.kind === 'Document') return 1.5;
  return c.depth === 0 ? 1.5 : 1;
}

/**
 * A result's snippet: the first sentence of its Markdown that is prose (not front matter,
 * a heading, a table, a code block or the site's own HTML), on one line.
 */
export function snippetOf(markdown: string, max = 140): string {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/```[\s\S]*?```/g, '');
  for (const paragraph of body.split(/\n\s*\n/)) {
    const text = paragraph.trim();
    if (text === '' || /^(#|\||<|-{3}|>)/.test(text)) continue;
    const line = firstSentence(text.replace(/`/g, ''), max);
    if (line !== '') return line;
  }
  return '';
}
