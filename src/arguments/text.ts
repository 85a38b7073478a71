/**
 * Whether a string is well-formed UTF-16 (no lone surrogate), which `encodeURIComponent` and
 * `TextEncoder` need to send it as it is. `String.prototype.isWellFormed` where the runtime has
 * it (ES2024), else the encoder's own verdict.
 * @internal
 */
export function isWellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  if (typeof native === 'function') return native.call(text);
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}
