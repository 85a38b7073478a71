/**
 * Proof Key for Code Exchange (RFC 7636) with the S256 method, on Web Crypto only.
 *
 * @packageDocumentation
 */

// RFC 4648 §5 "base64url" alphabet. Every character is also an RFC 3986 unreserved
// character, so the same 64 symbols serve the code verifier.
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** RFC 7636 §4.1: `code-verifier = 43*128unreserved`. */
export const CODE_VERIFIER_MIN_LENGTH = 43;
/** RFC 7636 §4.1: `code-verifier = 43*128unreserved`. */
export const CODE_VERIFIER_MAX_LENGTH = 128;

// RFC 7636 §4.1: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"
const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;

/**
 * Encodes bytes as base64url without padding (RFC 4648 §5; RFC 7636 Appendix A).
 *
 * Written out rather than built on `btoa`, which needs a binary string detour.
 *
 * @param bytes - The bytes to encode.
 * @returns The base64url text, without `=` padding.
 *
 * @example
 * ```ts
 * base64UrlEncode(new Uint8Array([0xfb, 0xff])); // '-_8'
 * ```
 */
export function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += BASE64URL.charAt((n >> 18) & 63) + BASE64URL.charAt((n >> 12) & 63) + BASE64URL.charAt((n >> 6) & 63) + BASE64URL.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += BASE64URL.charAt((n >> 18) & 63) + BASE64URL.charAt((n >> 12) & 63);
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += BASE64URL.charAt((n >> 18) & 63) + BASE64URL.charAt((n >> 12) & 63) + BASE64URL.charAt((n >> 6) & 63);
  }
  return out;
}

function checkLength(length: number, what: string): void {
  if (!Number.isInteger(length) || length < CODE_VERIFIER_MIN_LENGTH) {
    throw new RangeError(
      `${what} must be at least ${CODE_VERIFIER_MIN_LENGTH} characters (RFC 7636 §4.1), got ${length}`,
    );
  }
  if (length > CODE_VERIFIER_MAX_LENGTH) {
    throw new RangeError(
      `${what} must be at most ${CODE_VERIFIER_MAX_LENGTH} characters (RFC 7636 §4.1), got ${length}`,
    );
  }
}

/**
 * Creates a random PKCE code verifier (RFC 7636 §4.1).
 *
 * Each character is drawn from a 64-symbol unreserved alphabet using
 * `crypto.getRandomValues`, 6 bits per random byte, so there is no modulo bias; the
 * default 64 characters carry 384 bits, far above the 256 bits RFC 7636 §7.1 recommends.
 *
 * @param length - Number of characters, 43 to 128. Defaults to 64.
 * @returns The verifier; keep it until the token request.
 * @throws RangeError when `length` is not an integer from 43 to 128; the message names the bound.
 *
 * @example
 * ```ts
 * const verifier = createCodeVerifier();
 * const challenge = await createCodeChallenge(verifier);
 * ```
 */
export function createCodeVerifier(length = 64): string {
  checkLength(length, 'code verifier length');
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const byte of bytes) out += BASE64URL.charAt(byte & 63);
  return out;
}

/**
 * Derives the S256 code challenge of a verifier: `BASE64URL(SHA-256(ASCII(verifier)))`
 * (RFC 7636 §4.2).
 *
 * @param verifier - A code verifier of 43–128 unreserved characters.
 * @returns The challenge, 43 base64url characters.
 * @throws RangeError when the verifier is too short, too long (the message names the
 *   bound) or contains a character outside the unreserved set.
 *
 * @example
 * ```ts
 * await createCodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
 * // 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' (RFC 7636 Appendix B)
 * ```
 */
export async function createCodeChallenge(verifier: string): Promise<string> {
  checkLength(verifier.length, 'code verifier');
  if (!UNRESERVED.test(verifier)) {
    throw new RangeError('code verifier must contain only unreserved characters [A-Za-z0-9-._~] (RFC 7636 §4.1)');
  }
  // The verifier is ASCII, so its UTF-8 encoding is the ASCII the RFC hashes.
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64UrlEncode(new Uint8Array(digest));
}
