/**
 * Small Markdown writers for the generated pages: table cells, code spans and fences that
 * stay intact whatever the spec's text holds (pipes, backticks, newlines).
 */

/** Text safe inside a GFM table cell: pipes escaped, newlines folded into spaces. */
export function cell(text: string): string {
  return text.replace(/\r?\n+/g, ' ').replace(/\|/g, '\\|').trim();
}

/** A GFM table; every cell goes through {@link cell}. An empty `rows` gives just the header. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** An inline code span holding `text` exactly, whatever backticks it contains (CommonMark §6.1). */
export function code(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const longest = runs.reduce((max, run) => Math.max(max, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block that no line of `body` can close early. */
export function fence(lang: string, body: string): string {
  const runs = body.match(/^\s*`{3,}/gm) ?? [];
  const longest = runs.reduce((max, run) => Math.max(max, run.trim().length), 2);
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${body.replace(/\n+$/, '')}\n${ticks}`;
}

/** Pretty JSON in a ```json fence. */
export function jsonFence(value: unknown): string {
  return fence('json', JSON.stringify(value, null, 2));
}

/** Text safe inside HTML (raw HTML blocks do not interpret Markdown). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A Markdown link whose text cannot break out of its brackets. */
export function link(text: string, href: string): string {
  return `[${text.replace(/([[\]\\])/g, '\\$1')}](${href.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
}

/**
 * An explicit anchor (`<a id="…"></a>`): link targets that other pages and the API's headers
 * name (`#KEY_REVOKED`, `#alerts_listActive`) keep their case, which heading slugs do not.
 */
export function anchor(id: string): string {
  if (!/^[A-Za-z][\w.-]*$/.test(id)) throw new Error(`anchor: "${id}" is not a plain id`);
  return `<a id="${id}"></a>`;
}

/**
 * The anchor TypeDoc's default slugger gives a heading (`### KEY_REVOKED` → `key_revoked`):
 * punctuation removed, white space as `-`, lower case. TypeDoc checks every `file.md#anchor`
 * link against these, so a wrong one fails the build.
 */
export function headingSlug(heading: string): string {
  const slug = heading
    .trim()
    .replace(/[\u2000-\u206F\u2E00-\u2E7F\\'!"#$%&()*+,./:;<=>?@[\]^`{|}~]/g, '')
    .replace(/\s/g, '-')
    .replace(/--+/, '-');
  return (slug || '_').toLowerCase();
}

/** Joins blocks with one blank line, dropping empty ones. */
export function blocks(...parts: readonly (string | false | null | undefined)[]): string {
  return (
    parts
      .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
      .map((part) => part.replace(/\n+$/, ''))
      .join('\n\n') + '\n'
  );
}
