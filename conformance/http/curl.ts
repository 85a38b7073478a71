/**
 * A request as one line of curl, to paste into a shell. The run's key is never printed: it is
 * `$OPSMERGE_API_KEY` (in double quotes, so the shell expands it); other keys the run made are
 * variables of their own; everything else is single-quoted, byte for byte what was sent.
 */
import type { WireRequest } from './wire.js';

/** The environment variable a curl line reads the run's key from. */
export const KEY_VARIABLE = 'OPSMERGE_API_KEY';

/** Quotes text for a POSIX shell so it is taken literally. */
export function shellQuote(text: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Quotes text with one `$VARIABLE` left for the shell to expand. */
function withVariable(before: string, variable: string): string {
  return `"${before.replace(/["\\$`]/g, (c) => `\\${c}`)}$${variable}"`;
}

/** The request as one line: `curl -X POST 'https://…' -H … --data-raw '…'`. */
export function toCurl(request: WireRequest): string {
  const parts = ['curl', '-sS', '-i'];
  if (request.method !== 'GET' || request.body !== undefined) parts.push('-X', request.method);
  parts.push(shellQuote(request.url));
  for (const [name, value] of Object.entries(request.headers)) parts.push('-H', shellQuote(`${name}: ${value}`));
  const c = request.credential;
  if (c.kind === 'key') parts.push('-H', withVariable('Authorization: Bearer ', KEY_VARIABLE));
  else if (c.kind === 'other-key') parts.push('-H', withVariable('Authorization: Bearer ', c.variable));
  else if (c.kind === 'malformed') parts.push('-H', shellQuote(`Authorization: ${c.header}`));
  if (request.body !== undefined) parts.push('--data-raw', shellQuote(request.body));
  return parts.join(' ');
}
