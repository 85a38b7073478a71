import { describe, expect, it } from 'vitest';
import { decodeEscapes } from '../../src/internal/escapes.js';

/** The deepest decoded text. */
const deepest = (raw: string): string | undefined => decodeEscapes(raw).at(-1)?.text;

describe('decodeEscapes', () => {
  it('returns no view for a text without escapes', () => {
    expect(decodeEscapes('plain text, no escapes')).toEqual([]);
    expect(decodeEscapes('100% sure & done\\')).toEqual([]);
  });

  it.each([
    ['percent-escapes (ASCII)', 'om%5Flive%5Fx', 'om_live_x'],
    ['JSON \\u escapes', 'om\\u005flive\\u005Fx', 'om_live_x'],
    ['JSON simple escapes', 'a\\/b \\"c\\" d\\\\e', 'a/b "c" d\\e'],
    ['HTML decimal and hex references', '&#111;m&#x5f;live&amp;', 'om_live&'],
    ['an astral character reference', '&#x1F600;', '😀'],
    ['nested encodings', '%255F &amp;#95;', '_ _'],
  ])('decodes %s', (_, raw, decoded) => {
    expect(deepest(raw)).toBe(decoded);
  });

  it('gives one view per level of encoding, shallowest first', () => {
    expect(decodeEscapes('a%25255Fb').map((view) => view.text)).toEqual(['a%255Fb', 'a%5Fb', 'a_b']);
  });

  it('leaves multi-byte percent sequences and malformed escapes as they are', () => {
    expect(deepest('%E2%82%AC %G1 \\u12 &#xZZ; x%41')).toBe('%E2%82%AC %G1 \\u12 &#xZZ; xA');
  });

  it('maps every decoded character back to the raw span it came from', () => {
    const raw = 'a%5Fb\\u0063&#100;';
    const [view] = decodeEscapes(raw);
    expect(view?.text).toBe('a_bcd');
    const spans = [...(view?.text ?? '')].map((_, i) => raw.slice(view?.start[i], view?.end[i]));
    expect(spans).toEqual(['a', '%5F', 'b', '\\u0063', '&#100;']);
  });

  it('maps a twice-encoded character to its whole raw span', () => {
    const raw = 'x%255Fy';
    const view = decodeEscapes(raw).at(-1);
    expect(view?.text).toBe('x_y');
    expect(raw.slice(view?.start[1], view?.end[1])).toBe('%255F');
  });
});
