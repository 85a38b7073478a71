import { describe, expect, it } from 'vitest';
import { InternalLogger, SecretRegistry } from '../../src/internal/logger.js';
import type { Logger } from '../../src/options.js';

function recording(): Logger & { calls: Array<[string, unknown]> } {
  const calls: Array<[string, unknown]> = [];
  const write = (message: string, fields?: unknown): void => void calls.push([message, fields]);
  return { calls, error: write, warn: write, info: write, debug: write };
}

describe('InternalLogger', () => {
  it('scrubs the registered secrets from the message and from every field, however deep', () => {
    const sink = recording();
    const secrets = new SecretRegistry();
    secrets.add('tok_9fK2mQ7xB1nR8cZ3pL6wY0sD5hJ4aV');
    new InternalLogger(sink, 'debug', secrets).debug('sent tok_9fK2mQ7xB1nR8cZ3pL6wY0sD5hJ4aV', { a: { b: ['x tok_9fK2mQ7xB1nR8cZ3pL6wY0sD5hJ4aV'] } });
    expect(sink.calls).toEqual([['[opsmerge] sent REDACTED', { a: { b: ['x REDACTED'] } }]]);
  });

  it('never throws for fields JSON cannot take: a BigInt, a cycle, a throwing getter', () => {
    const sink = recording();
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    const fields = {
      big: 1n,
      cycle,
      get bad(): never {
        throw new Error('no');
      },
    };
    expect(() => new InternalLogger(sink, 'debug', new SecretRegistry()).debug('line', fields)).not.toThrow();
    expect(sink.calls[0]?.[1]).toEqual({ big: '1', cycle: { self: '[Circular]' }, bad: '[unreadable]' });
  });

  it("keeps a client's own secrets however many other clients register theirs", () => {
    const sink = recording();
    const mine = new SecretRegistry();
    mine.add('mine_9fK2mQ7xB1nR8cZ3pL6wY0sD5hJ4aV');
    for (let i = 0; i < 1000; i += 1) new SecretRegistry().add(`other_${i}_Zx9cVb7nMlK5jHgF4dS`);
    new InternalLogger(sink, 'warn', mine).warn('mine_9fK2mQ7xB1nR8cZ3pL6wY0sD5hJ4aV');
    expect(sink.calls[0]?.[0]).toBe('[opsmerge] REDACTED');
  });
});
