/**
 * Reads an environment variable where a process environment exists (Node, Bun, Deno with
 * --allow-env); returns undefined in browsers and edge runtimes instead of throwing.
 */
export function readEnv(name: string): string | undefined {
  try {
    const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
    const value = proc?.env?.[name];
    if (value !== undefined) return value.trim() || undefined;
    const deno = (globalThis as { Deno?: { env?: { get(n: string): string | undefined } } }).Deno;
    return deno?.env?.get(name)?.trim() || undefined;
  } catch {
    return undefined; // Deno without --allow-env throws
  }
}
