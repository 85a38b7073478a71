/**
 * `llms.txt` at the site's root (https://llmstxt.org): the site's title and summary, then one
 * list per section linking to the Markdown twin of each page, with a line on what it holds.
 */

/** One page listed in llms.txt. */
export interface LlmsEntry {
  readonly title: string;
  /** The twin's URL, relative to the site's root. */
  readonly url: string;
  readonly description?: string;
}

/** One `## Section` of llms.txt. */
export interface LlmsSection {
  readonly title: string;
  readonly entries: readonly LlmsEntry[];
}

/** One line: the first sentence of `text`, Markdown links and emphasis flattened, at most `max` characters. */
export function firstSentence(text: string, max = 160): string {
  const flat = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|\W)\*([^*\s][^*]*)\*(?=\W|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(flat)?.[1] ?? flat;
  return sentence.length <= max ? sentence : `${sentence.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

/** The llms.txt text. Empty sections are left out. */
export function llmsTxt(title: string, summary: string, details: string, sections: readonly LlmsSection[]): string {
  const out = [`# ${title}`, '', `> ${summary.replace(/\s+/g, ' ').trim()}`, '', details.trim(), ''];
  for (const section of sections) {
    if (section.entries.length === 0) continue;
    out.push(`## ${section.title}`, '');
    for (const entry of section.entries) out.push(`- [${entry.title.replace(/[[\]]/g, '')}](${entry.url})${entry.description ? `: ${entry.description}` : ''}`);
    out.push('');
  }
  return out.join('\n');
}
