/**
 * Reads a fetch `Response` body as text, never more than a given number of bytes: a peer that
 * sends an endless or huge body costs at most that much memory, and the read stops there (the
 * stream is cancelled, which closes the connection). Used by the response validator and the
 * conformance run, which read what a partner's server sends.
 */

/** What {@link readTextAtMost} read. */
export interface BodyText {
  /** The body as UTF-8 text, cut at the limit when it was longer. */
  readonly text: string;
  /** The body went on past the limit; `text` holds its first `maxBytes` bytes. */
  readonly truncated: boolean;
}

/** The default limit: the SDK's default `maxResponseBytes`. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Reads at most `maxBytes` of `response`'s body; see {@link BodyText}. Rejects when the stream fails (an aborted request). */
export async function readTextAtMost(response: Response, maxBytes: number = DEFAULT_MAX_BODY_BYTES): Promise<BodyText> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.byteLength > maxBytes) {
        chunks.push(value.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    // Not awaited: cancelling one branch of a teed body (a clone) settles only once the other
    // branch is cancelled too, which its reader does after this returns.
    if (truncated) void reader.cancel().catch(() => undefined);
    else reader.releaseLock();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { text: new TextDecoder().decode(bytes), truncated };
}
