import { describe, expect, it } from 'vitest';
import { MIN_FRAGMENT, SecretIndex } from '../../src/internal/secret-index.js';

const TOKEN = 'tok_9fK2mQ7xB1nR8cZ3pL6wY0sD5hJ4aV';

/** The distinct spans found (a whole secret is found once per chunk of it). */
function found(index: SecretIndex, text: string): string[] {
  return [...new Set(index.find(text).map(([start, end]) => text.slice(start, end)))];
}

describe('SecretIndex', () => {
  it('finds a secret whole, wherever it is, as often as it occurs', () => {
    const index = new SecretIndex(4);
    index.add(TOKEN);
    expect(found(index, `a ${TOKEN} b ${TOKEN}`)).toEqual([TOKEN]);
    expect(index.find(`a ${TOKEN} b ${TOKEN}`).map(([start]) => start)).toContain(2 + TOKEN.length + 3);
    expect(found(index, 'nothing here')).toEqual([]);
  });

  it(`finds a piece of a secret of ${MIN_FRAGMENT} characters or more, cut anywhere`, () => {
    const index = new SecretIndex(4);
    index.add(TOKEN);
    for (let cut = 0; cut + MIN_FRAGMENT <= TOKEN.length; cut += 1) {
      const piece = TOKEN.slice(cut, cut + MIN_FRAGMENT);
      expect(found(index, `{"a":"${piece}"}`)).toContain(piece);
    }
  });

  it('leaves a shorter piece of a long secret alone, so ordinary words stay readable', () => {
    const index = new SecretIndex(4);
    index.add('access_token_for_the_dashboard_01');
    expect(found(index, 'the response has no access_token')).toEqual([]);
  });

  it('finds a short secret only whole', () => {
    const index = new SecretIndex(4);
    index.add('s3cr3t');
    index.add('hunter22x');
    expect(found(index, 'a s3cr3t b hunter22x c hunter22')).toEqual(['s3cr3t', 'hunter22x']);
  });

  it('drops the least recently added secret beyond its capacity; adding again counts as recent', () => {
    const index = new SecretIndex(2);
    index.add('Qw3rTy8uIoP2aSdFgH1');
    index.add('Zx9cVb7nMlK5jHgF4dS');
    index.add('Qw3rTy8uIoP2aSdFgH1');
    index.add('Pl0oKm8iJn6uHb4yGv2');
    expect(index.size).toBe(2);
    expect(found(index, 'Qw3rTy8uIoP2aSdFgH1')).toEqual(['Qw3rTy8uIoP2aSdFgH1']);
    expect(found(index, 'Zx9cVb7nMlK5jHgF4dS')).toEqual([]);
    expect(found(index, 'Pl0oKm8iJn6uHb4yGv2')).toEqual(['Pl0oKm8iJn6uHb4yGv2']);
  });

  it('ignores the empty string', () => {
    const index = new SecretIndex(2);
    index.add('');
    expect(index.size).toBe(0);
    expect(found(index, 'anything')).toEqual([]);
  });

  it('follows a match of a huge secret to its end, while indexing only its start', () => {
    const huge = `huge_${'k'.repeat(3)}${Array.from({ length: 2000 }, (_, i) => i.toString(36)).join('')}`;
    const index = new SecretIndex(2);
    index.add(huge);
    expect(found(index, `x${huge}y`)).toContain(huge);
  });
});
