/**
 * Reading a text through its escapes, so a secret is recognised however a server wrote it:
 * percent-encoded (`om%5Flive%5F…`), JSON-escaped (`om\u005flive…`, `a\/b`) or as HTML character
 * references (`&#111;m_live…`). Used by the redaction only; the text itself is never rewritten.
 *
 * @internal
 * @packageDocumentation
 */

/** A text with its escapes decoded, and the raw span each decoded character came from. */
export interface DecodedView {
  /** The decoded text. */
  readonly text: string;
  /** `start[i]`: where decoded character `i` starts in the raw text. */
  readonly start: readonly number[];
  /** `end[i]`: where decoded character `i` ends (exclusive) in the raw text. */
  readonly end: readonly number[];
}

// Nested encodings (`%255F`, `&amp;#95;`) are decoded this many times over, at most.
const MAX_ROUNDS = 3;
// One escape: an ASCII percent-escape (a multi-byte UTF-8 sequence is left as it is: credentials
// are ASCII), a JSON `\uXXXX` or `\"` `\\` `\/`, an HTML decimal or hex reference, or `&amp;`.
const ESCAPE = /%([0-7][0-9A-Fa-f])|\\u([0-9A-Fa-f]{4})|\\(["\\/])|&#(?:[xX]([0-9A-Fa-f]{1,6})|(\d{1,7}));|&amp;/g;

/** The character an {@link ESCAPE} match stands for; undefined for a reference beyond Unicode. */
function decoded(match: RegExpExecArray): string | undefined {
  const [whole, percent, unicode, simple, hexRef, decRef] = match;
  if (simple !== undefined) return simple;
  if (whole === '&amp;') return '&';
  const code = parseInt(percent ?? unicode ?? hexRef ?? decRef ?? '', percent ?? unicode ?? hexRef ? 16 : 10);
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** One round of decoding; undefined when the text holds no escape. */
function decodeOnce(raw: string): DecodedView | undefined {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let at = 0;
  // Copies raw[at, until) as it is, one character per raw character.
  const copy = (until: number): void => {
    text += raw.slice(at, until);
    for (; at < until; at += 1) {
      start.push(at);
      end.push(at + 1);
    }
  };
  ESCAPE.lastIndex = 0;
  for (let match = ESCAPE.exec(raw); match !== null; match = ESCAPE.exec(raw)) {
    const value = decoded(match);
    if (value === undefined) continue;
    copy(match.index);
    // An astral character decodes to two code units; both come from the same raw span.
    for (let unit = 0; unit < value.length; unit += 1) {
      start.push(at);
      end.push(at + match[0].length);
    }
    text += value;
    at += match[0].length;
  }
  if (at === 0 && text === '') return undefined;
  copy(raw.length);
  return { text, start, end };
}

/**
 * The text with its percent-escapes (ASCII), JSON string escapes and HTML character references
 * decoded, and where each decoded character came from: one view per level of encoding (nested
 * encodings up to three levels, each view decoding one more); none when the text has nothing to
 * decode. A secret that itself looks like an escape (`a%41b`) shows in the level it was encoded
 * to, not in the deeper ones.
 *
 * @param raw - The text as received.
 * @returns The decoded views, shallowest first.
 *
 * @example
 * ```ts
 * decodeEscapes('a%255Fb').map((view) => view.text); // ['a%5Fb', 'a_b']
 * ```
 */
export function decodeEscapes(raw: string): DecodedView[] {
  if (!/[%\\&]/.test(raw)) return [];
  const views: DecodedView[] = [];
  for (let view = decodeOnce(raw); view !== undefined && views.length < MAX_ROUNDS; ) {
    views.push(view);
    const outer: DecodedView = view;
    const deeper = decodeOnce(outer.text);
    view =
      deeper &&
      ({
        text: deeper.text,
        start: deeper.start.map((i) => outer.start[i] as number),
        end: deeper.end.map((i) => outer.end[i - 1] as number),
      } satisfies DecodedView);
  }
  return views;
}
