import { describe, expect, it } from 'vitest';
import { base64UrlEncode, createCodeChallenge, createCodeVerifier } from '../../src/oauth/pkce.js';

describe('base64UrlEncode', () => {
  it('encodes the RFC 4648 §10 test vectors in the URL-safe alphabet without padding', () => {
    const encode = (s: string): string => base64UrlEncode(new TextEncoder().encode(s));
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(encode)).toEqual(['', 'Zg', 'Zm8', 'Zm9v', 'Zm9vYg', 'Zm9vYmE', 'Zm9vYmFy']);
  });

  it('uses - and _ where standard base64 has + and /', () => {
    expect(base64UrlEncode(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
  });

  it('encodes the RFC 7636 appendix B octets of the verifier', () => {
    const octets = [
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83,
      132, 141, 121,
    ];
    expect(base64UrlEncode(new Uint8Array(octets))).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
  });
});

describe('createCodeVerifier', () => {
  it('creates 64 unreserved characters by default', () => {
    const verifier = createCodeVerifier();
    expect(verifier).toHaveLength(64);
    expect(verifier).toMatch(/^[A-Za-z0-9\-._~]+$/);
  });

  it('creates verifiers at both bounds of RFC 7636 §4.1', () => {
    expect(createCodeVerifier(43)).toHaveLength(43);
    expect(createCodeVerifier(128)).toHaveLength(128);
  });

  it('creates a different verifier each time', () => {
    const verifiers = new Set(Array.from({ length: 50 }, () => createCodeVerifier()));
    expect(verifiers.size).toBe(50);
  });

  it('rejects a length below 43 with a RangeError naming the bound', () => {
    expect(() => createCodeVerifier(42)).toThrow(RangeError);
    expect(() => createCodeVerifier(42)).toThrow('code verifier length must be at least 43 characters (RFC 7636 §4.1), got 42');
  });

  it('rejects a length above 128 with a RangeError naming the bound', () => {
    expect(() => createCodeVerifier(129)).toThrow(RangeError);
    expect(() => createCodeVerifier(129)).toThrow('code verifier length must be at most 128 characters (RFC 7636 §4.1), got 129');
  });

  it('rejects a fractional length', () => {
    expect(() => createCodeVerifier(50.5)).toThrow(RangeError);
  });
});

describe('createCodeChallenge', () => {
  it('derives the RFC 7636 appendix B challenge', async () => {
    await expect(createCodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('gives a 43-character base64url challenge for a generated verifier', async () => {
    await expect(createCodeChallenge(createCodeVerifier())).resolves.toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('rejects a verifier shorter than 43 characters with a RangeError naming the bound', async () => {
    await expect(createCodeChallenge('a'.repeat(42))).rejects.toThrow(RangeError);
    await expect(createCodeChallenge('a'.repeat(42))).rejects.toThrow(/at least 43/);
  });

  it('rejects a verifier longer than 128 characters with a RangeError naming the bound', async () => {
    await expect(createCodeChallenge('a'.repeat(129))).rejects.toThrow(/at most 128/);
  });

  it('rejects a verifier with characters outside the unreserved set', async () => {
    await expect(createCodeChallenge(`${'a'.repeat(42)}+`)).rejects.toThrow(RangeError);
    await expect(createCodeChallenge(`${'a'.repeat(42)}é`)).rejects.toThrow(/unreserved/);
  });
});
