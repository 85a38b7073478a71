/**
 * PKCE on the server side (RFC 7636): the S256 challenge of a verifier, and the shapes the
 * mock accepts. Written apart from the SDK's own PKCE code, so that the end-to-end tests
 * check the SDK against an independent implementation. @internal
 */
import { sha256Hex } from '../store/sha256.js';

/** RFC 7636 §4.1: 43–128 characters of `[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"`. */
export const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** An S256 challenge: base64url (no padding) of a SHA-256 digest, always 43 characters. */
export const S256_CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;

/** BASE64URL(SHA-256(ASCII(verifier))) (RFC 7636 §4.2). */
export function s256Challenge(verifier: string): string {
  const hex = sha256Hex(verifier);
  let binary = '';
  for (let i = 0; i < hex.length; i += 2) binary += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
