import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64UrlEncode, createCodeChallenge, createCodeVerifier } from '../../src/oauth/pkce.js';

/** Decodes base64url with the platform's own atob, as an independent oracle. */
function decode(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

describe('PKCE properties', () => {
  it('base64UrlEncode round-trips any bytes through a standard decoder, without padding or unsafe characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const encoded = base64UrlEncode(bytes);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(encoded).toHaveLength(Math.ceil((bytes.length * 4) / 3));
        expect(decode(encoded)).toEqual(bytes);
      }),
    );
  });

  it('createCodeVerifier returns exactly `length` unreserved characters for every length from 43 to 128', () => {
    fc.assert(
      fc.property(fc.integer({ min: 43, max: 128 }), (length) => {
        expect(createCodeVerifier(length)).toMatch(new RegExp(`^[A-Za-z0-9\\-._~]{${length}}$`));
      }),
    );
  });

  it('createCodeVerifier rejects every length outside 43..128 with a RangeError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 42 }), fc.integer({ min: 129 })), (length) => {
        expect(() => createCodeVerifier(length)).toThrow(RangeError);
      }),
    );
  });

  it('createCodeChallenge is deterministic and 43 base64url characters for any valid verifier', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9\-._~]{43,128}$/), async (verifier) => {
        const challenge = await createCodeChallenge(verifier);
        expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(await createCodeChallenge(verifier)).toBe(challenge);
      }),
    );
  });
});
