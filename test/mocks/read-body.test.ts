/** readTextAtMost: a body read up to a byte limit, whatever the peer sends, and never stuck on a clone. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTextAtMost } from '../../mocks/read-body.js';

/** A response whose body arrives in the given chunks. */
function chunked(chunks: readonly Uint8Array[]): Response {
  let i = 0;
  return new Response(new ReadableStream<Uint8Array>({ pull: (c) => (i < chunks.length ? c.enqueue(chunks[i++]!) : c.close()) }));
}

/** A response whose body never ends; `pulled()` says how many chunks were asked for. */
function endless(chunkBytes: number): { response: Response; pulled: () => number } {
  let pulled = 0;
  const response = new Response(new ReadableStream<Uint8Array>({ pull: (c) => (pulled++, c.enqueue(new Uint8Array(chunkBytes).fill(0x61))) }, { highWaterMark: 0 }));
  return { response, pulled: () => pulled };
}

describe('readTextAtMost', () => {
  it('returns the first min(limit, size) bytes, truncated exactly when the body is longer than the limit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ minLength: 0, maxLength: 64 }), { maxLength: 12 }), fc.integer({ min: 0, max: 400 }), async (chunks, limit) => {
        const all = Uint8Array.from(chunks.flatMap((c) => [...c]));
        // ASCII only, so the text's length is its byte count.
        const ascii = chunks.map((c) => c.map((b) => 0x20 + (b % 0x5f)));
        const { text, truncated } = await readTextAtMost(chunked(ascii), limit);
        expect(truncated).toBe(all.length > limit);
        expect(text.length).toBe(Math.min(all.length, limit));
        expect(text).toBe(new TextDecoder().decode(Uint8Array.from(ascii.flatMap((c) => [...c]))).slice(0, limit));
      }),
    );
  });

  it('stops pulling an endless body at the limit', async () => {
    const { response, pulled } = endless(1024);
    const { text, truncated } = await readTextAtMost(response, 10_000);
    expect([text.length, truncated]).toEqual([10_000, true]);
    expect(pulled()).toBeLessThanOrEqual(12);
  });

  it('returns from a clone of an endless body while the original is still unread (no wait on the other branch)', async () => {
    const { response } = endless(1024);
    const { truncated } = await readTextAtMost(response.clone(), 4096);
    expect(truncated).toBe(true);
    const original = await readTextAtMost(response, 2048);
    expect([original.text.length, original.truncated]).toEqual([2048, true]);
  });

  it('reads an empty or absent body as empty text', async () => {
    expect(await readTextAtMost(new Response(null), 10)).toEqual({ text: '', truncated: false });
    expect(await readTextAtMost(new Response(''), 10)).toEqual({ text: '', truncated: false });
  });

  it('rejects when the stream fails, as an aborted request does', async () => {
    const failing = new Response(new ReadableStream({ pull: (c) => c.error(new DOMException('The operation timed out.', 'TimeoutError')) }));
    await expect(readTextAtMost(failing, 10)).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});
