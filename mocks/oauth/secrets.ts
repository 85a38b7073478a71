/** Random secrets for codes and tokens (Web Crypto, so the mock also runs in browsers). @internal */

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** `prefix` followed by `length` random alphanumerics (62 symbols; 40 give ~238 bits). */
export function randomSecret(prefix: string, length = 40): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
  let out = prefix;
  // Rejection sampling keeps every symbol equally likely: 248 = 4 × 62.
  for (const byte of bytes) {
    if (byte < 248) out += ALPHABET[byte % 62];
    if (out.length === prefix.length + length) return out;
  }
  return randomSecret(prefix, length);
}
