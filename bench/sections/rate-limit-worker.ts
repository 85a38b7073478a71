/**
 * `calls` facade calls, `inFlight` at a time, against the server's enforced budget, in a fresh
 * process (so the pacer starts knowing nothing). Starts on a window boundary.
 */
import { API_KEY, importSdk } from '../clients.js';

export interface RateLimitArgs {
  baseUrl: string;
  calls: number;
  inFlight: number;
  windowMs: number;
  pacing: 'pace' | 'off';
}
export interface RateLimitRun {
  startedAt: number;
  finishedAt: number;
  ok: number;
  /** Errors that reached the caller, by name and status. */
  errors: Record<string, number>;
}

const args = JSON.parse(process.argv[2] as string) as RateLimitArgs;
const { createClient, isApiError } = await importSdk();
const client = createClient({ apiKey: API_KEY, baseUrl: args.baseUrl, logLevel: 'off', rateLimit: { mode: args.pacing } });

// Start a few ms into a window, so the first window is a whole one.
const now = Date.now();
await new Promise((resolve) => setTimeout(resolve, Math.ceil(now / args.windowMs) * args.windowMs - now + 5));

const errors: Record<string, number> = {};
let ok = 0;
let started = 0;
const startedAt = Date.now();
await Promise.all(
  Array.from({ length: args.inFlight }, async () => {
    while (started < args.calls) {
      started++;
      try {
        await client.auth.me();
        ok++;
      } catch (error) {
        const key = isApiError(error) ? `${error.name} ${error.status}` : error instanceof Error ? error.name : String(error);
        errors[key] = (errors[key] ?? 0) + 1;
      }
    }
  }),
);
process.send?.({ startedAt, finishedAt: Date.now(), ok, errors } satisfies RateLimitRun);
