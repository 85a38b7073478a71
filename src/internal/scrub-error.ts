/**
 * Copies an error chain (a fetch `TypeError` and its `cause`s) with every message and stack
 * passed through `scrub`, keeping `name` and `code`. Underlying errors can quote the URL or a
 * header — with a key in it — and an SDK error keeps its `cause`, so the chain is rebuilt
 * rather than kept as is.
 */
export function scrubErrorChain(error: unknown, scrub: (text: string) => string, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 8) {
    return typeof error === 'string' ? scrub(error) : error instanceof Error ? undefined : error;
  }
  const copy = new Error(scrub(error.message));
  copy.name = error.name;
  copy.stack = scrub(String(error.stack ?? ''));
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') (copy as Error & { code?: string | number }).code = code;
  if (error.cause !== undefined) copy.cause = scrubErrorChain(error.cause, scrub, depth + 1);
  return copy;
}
