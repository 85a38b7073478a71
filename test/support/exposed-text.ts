import { inspect } from 'node:util';

/**
 * Every string a thrown error exposes: JSON, inspect (with and without hidden fields), stack,
 * and each link of the cause chain. A secret absent from this text is absent from what a
 * caller could log.
 */
export function exposedText(error: unknown): string {
  const parts = [JSON.stringify(error), inspect(error, { depth: Infinity }), inspect(error, { depth: Infinity, showHidden: true })];
  let link: unknown = error;
  for (let depth = 0; link !== undefined && link !== null && depth < 10; depth += 1) {
    if (link instanceof Error) parts.push(link.message, link.stack ?? '', String(link));
    parts.push(inspect(link, { depth: Infinity, customInspect: false }), inspect(link, { depth: Infinity, customInspect: false, showHidden: true }));
    link = (link as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}
