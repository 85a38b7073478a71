import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/internal/redact.js';
import { scrubErrorChain } from '../../src/internal/scrub-error.js';

const SECRET = 'tok_9fK2mQ7xB1nR8cZ3pL6wY0sD5hJ4aV';
const scrub = (text: string): string => redactSecrets(text, [SECRET]);

describe('scrubErrorChain', () => {
  it('copies each link: name, scrubbed message and stack, code, cause; nothing else', () => {
    const root = Object.assign(new Error(`refused ${SECRET}`), { code: 'ECONNREFUSED', request: { headers: { authorization: SECRET } } });
    const top = new TypeError('fetch failed', { cause: root });
    const copy = scrubErrorChain(top, scrub) as Error & { cause: Error & { code: string } };
    expect(copy).toBeInstanceOf(Error);
    expect(copy).not.toBe(top);
    expect(copy).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect(copy.cause).toMatchObject({ name: 'Error', message: 'refused REDACTED', code: 'ECONNREFUSED' });
    expect(copy.cause.stack).not.toContain(SECRET);
    expect(Object.keys(copy.cause)).toEqual(['code']);
  });

  it('names an object that is not an error by its type and keeps none of its fields', () => {
    const request = new Request('https://api.example/v1', { headers: { authorization: `Bearer ${SECRET}` } });
    const copy = scrubErrorChain(request, scrub) as Error;
    expect(copy).toMatchObject({ name: 'Request', message: '' });
    expect(JSON.stringify(Object.entries(copy))).not.toContain(SECRET);
  });

  it('scrubs a string cause and keeps other primitives', () => {
    expect(scrubErrorChain(`why ${SECRET}`, scrub)).toBe('why REDACTED');
    expect(scrubErrorChain(42, scrub)).toBe(42);
    expect(scrubErrorChain(undefined, scrub)).toBeUndefined();
    expect(scrubErrorChain(null, scrub)).toBeUndefined();
  });

  it('ends a loop and a chain longer than eight links', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    const looped = scrubErrorChain(a, scrub) as Error;
    expect((looped.cause as Error).message).toBe('b');
    expect((looped.cause as Error).cause).toBeUndefined();
    let long: Error = new Error('0');
    for (let i = 1; i < 20; i += 1) long = new Error(String(i), { cause: long });
    let links = 0;
    for (let link: unknown = scrubErrorChain(long, scrub); link instanceof Error; link = link.cause) links += 1;
    expect(links).toBe(8);
  });

  it('keeps what `keep` accepts as it is', () => {
    const own = new Error('already safe');
    expect(scrubErrorChain(new Error('x', { cause: own }), scrub, (value) => value === own)).toMatchObject({ cause: own });
  });

  it('survives throwing getters and cuts a huge message', () => {
    const hostile = new Error('x');
    Object.defineProperty(hostile, 'message', { get: () => { throw new Error('no'); } });
    expect(scrubErrorChain(hostile, scrub)).toMatchObject({ name: 'Error', message: '' });
    const long = scrubErrorChain(new Error('m'.repeat(1_000_000)), scrub) as Error;
    expect(long.message.length).toBeLessThan(1_100);
  });
});
