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
const HEX = /^[0-9A-Fa-f]+$/;
const JSON_SIMPLE: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/' };

/** The escape at `at` in `text`: its decoded form and raw length, or undefined for a plain character. */
function escapeAt(text: string, at: number): { value: string; length: number } | undefined {
  const char = text[at];
  if (char === '%') {
    const hex = text.slice(at + 1, at + 3);
    // ASCII only: a multi-byte UTF-8 sequence is left as it is (credentials are ASCII).
    if (hex.length === 2 && HEX.test(hex) && parseInt(hex, 16) < 0x80) return { value: String.fromCharCode(parseInt(hex, 16)), length: 3 };
  } else if (char === '\\') {
    const next = text[at + 1] ?? '';
    const simple = JSON_SIMPLE[next];
    if (simple !== undefined) return { value: simple, length: 2 };
    const hex = text.slice(at + 2, at + 6);
    if (next === 'u' && hex.length === 4 && HEX.test(hex)) return { value: String.fromCharCode(parseInt(hex, 16)), length: 6 };
  } else if (char === '&') {
    const match = /^&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|(amp));/.exec(text.slice(at, at + 11));
    if (match) {
      const code = match[3] !== undefined ? 0x26 : match[1] !== undefined ? Number(match[1]) : parseInt(match[2] ?? '', 16);
      if (code <= 0x10ffff) return { value: String.fromCodePoint(code), length: match[0].length };
    }
  }
  return undefined;
}

/** One round of decoding; undefined when the text holds no escape. */
function decodeOnce(raw: string): DecodedView | undefined {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let decoded = false;
  for (let at = 0; at < raw.length; ) {
    const escape = escapeAt(raw, at);
    const value = escape?.value ?? (raw[at] as string);
    const length = escape?.length ?? 1;
    decoded ||= escape !== undefined;
    // An astral character decodes to two code units; both come from the same raw span.
    for (let unit = 0; unit < value.length; unit += 1) {
      start.push(at);
      end.push(at + length);
    }
    text += value;
    at += length;
  }
  return decoded ? { text, start, end } : undefined;
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
