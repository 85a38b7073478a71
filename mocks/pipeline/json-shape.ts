/**
 * What `JSON.parse` does not tell: how deep a JSON text nests, and whether an object repeats a
 * key (`JSON.parse` keeps the last value silently). One pass over the characters, without
 * recursion, so a hostile body cannot exhaust the stack; it stops as soon as the nesting
 * goes past the limit, before `JSON.parse` spends time on it. @internal
 */

/** A problem of a JSON text's shape. */
export type JsonShapeProblem =
  | { readonly kind: 'too-deep'; readonly limit: number }
  | {
      readonly kind: 'duplicate-key';
      /** The repeated key, decoded. */
      readonly key: string;
      /** JSON pointer (RFC 6901) of the repeated member, e.g. `/labels/env`. */
      readonly pointer: string;
    };

interface Frame {
  /** Keys seen so far; null for an array. */
  readonly keys: Set<string> | null;
  /** The member being read: its key (objects) or index (arrays). */
  member: string | number;
  /** In an object: the next string is a key. */
  expectKey: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function escapePointer(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * The first shape problem of a JSON text: nesting deeper than `maxDepth` arrays and objects
 * (reported as soon as it is seen), else the first repeated key. Undefined when there is none.
 * Meant for text that `JSON.parse` accepts; on other text the answer is unspecified, but the
 * function still returns.
 */
export function jsonShapeProblem(text: string, maxDepth: number): JsonShapeProblem | undefined {
  const stack: Frame[] = [];
  let duplicate: JsonShapeProblem | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== QUOTE) end += text.charCodeAt(end) === BACKSLASH ? 2 : 1;
      const top = stack.at(-1);
      if (top?.keys && top.expectKey && duplicate === undefined) {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          key = text.slice(i + 1, end);
        }
        top.member = key;
        top.expectKey = false;
        if (top.keys.has(key)) {
          const pointer = stack.map((frame) => `/${escapePointer(frame.member)}`).join('');
          duplicate = { kind: 'duplicate-key', key, pointer };
        }
        top.keys.add(key);
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      // `{` or `[`
      if (stack.length === maxDepth) return { kind: 'too-deep', limit: maxDepth };
      stack.push(c === 0x7b ? { keys: new Set(), member: '', expectKey: true } : { keys: null, member: 0, expectKey: false });
    } else if (c === 0x7d || c === 0x5d) {
      // `}` or `]`
      stack.pop();
    } else if (c === 0x2c) {
      // `,`
      const top = stack.at(-1);
      if (top?.keys) top.expectKey = true;
      else if (top) top.member = (top.member as number) + 1;
    }
  }
  return duplicate;
}
