import { SunsetError } from '../errors/index.js';
import { parseDeprecationHeaders, type DeprecationInfo } from '../headers/deprecation.js';
import { redactSecrets, redactUrl } from '../internal/redact.js';
import { knownSecrets } from '../internal/secrets.js';
import type { DeprecationNotice } from '../options.js';
import type { CallContext, Next, OutgoingRequest, Policy } from './types.js';

const day = (date: string): Date => new Date(`${date}T00:00:00Z`);
const ymd = (date: Date): string => date.toISOString().slice(0, 10);

/** Builds the notice from the spec (`deprecated`, `x-sunset`, `x-successor`) and the headers. */
export function deprecationNotice(
  op: CallContext['operation'],
  method: string,
  path: string,
  headers: DeprecationInfo | undefined,
): DeprecationNotice | undefined {
  if (!op?.deprecated && !headers) return undefined;
  const notice: DeprecationNotice = { operationId: op?.operationId ?? `${method} ${path}`, method, path, message: '' };
  const deprecatedAt = headers?.deprecatedAt ?? (op?.deprecatedAt ? day(op.deprecatedAt) : undefined);
  // RFC 9745 §4: the Sunset MUST NOT be earlier than the Deprecation. A pair that contradicts
  // itself is a server misconfiguration: keep the deprecation, do not announce that sunset.
  const contradicts = headers?.sunsetAt !== undefined && headers.deprecatedAt !== undefined && headers.sunsetAt < headers.deprecatedAt;
  const sunsetAt = (contradicts ? undefined : headers?.sunsetAt) ?? (op?.sunset ? day(op.sunset) : undefined);
  if (deprecatedAt) notice.deprecatedAt = deprecatedAt;
  if (sunsetAt) notice.sunsetAt = sunsetAt;
  if (op?.successor) notice.successor = op.successor;
  // The link comes from the server: it goes to a warning and to the caller's hook, so any
  // credential in it (a `?token=`, an echoed key) is hidden first.
  const rawLink = headers?.deprecationLink ?? headers?.sunsetLink;
  const link = rawLink === undefined ? undefined : redactSecrets(redactUrl(rawLink), [knownSecrets]);
  if (link) notice.link = link;
  notice.message =
    `OpsMerge API: ${method} ${path}${op ? ` (${op.operationId})` : ''} is deprecated` +
    (deprecatedAt ? ` since ${ymd(deprecatedAt)}` : '') +
    (sunsetAt ? ` and stops working on ${ymd(sunsetAt)}` : '') +
    (op?.successor ? `; use ${op.successor} instead` : '') +
    (link ? `. See ${link}` : '') +
    (contradicts ? '. The server sent a Sunset earlier than its Deprecation; it was ignored' : '') +
    '.';
  return notice;
}

// Both remembered sets are bounded: an operation the spec does not know is named by its URL
// path, ids and all, so a server deprecating such a path could grow them without end.
const MAX_REMEMBERED = 1000;

/** Adds `key` to `set`, dropping the oldest entry beyond {@link MAX_REMEMBERED}. */
function remember(set: Set<string>, key: string): void {
  set.add(key);
  if (set.size > MAX_REMEMBERED) set.delete(set.values().next().value as string);
}

// The operations this process has warned about. The warning is the process's (one stream of
// `DeprecationWarning`s), so it is written once per operation however many clients call it: a
// server that makes a client per request would otherwise repeat it on every request.
const warnedInProcess = new Set<string>();

/** Forgets which operations the process warned about, so a test can watch the warning again. @internal */
export function resetProcessDeprecationWarnings(): void {
  warnedInProcess.clear();
}

/**
 * The default warning, once per operation per process: a Node `DeprecationWarning` where that
 * exists, else console.warn.
 */
export function emitDeprecationWarning(notice: DeprecationNotice): void {
  if (warnedInProcess.has(notice.operationId)) return;
  remember(warnedInProcess, notice.operationId);
  const proc = (globalThis as { process?: { emitWarning?: (message: string, options: { type: string; code: string }) => void } }).process;
  if (typeof proc?.emitWarning === 'function') proc.emitWarning(notice.message, { type: 'DeprecationWarning', code: 'OPSMERGE_DEPRECATED' });
  else console.warn(notice.message);
}

/**
 * Tells about a deprecated operation once (Octokit users' complaint: a warning on every
 * response, with no way to silence it), from the spec and from the `Deprecation` (RFC 9745),
 * `Sunset` (RFC 8594) and `Link` headers: a client's `onDeprecation` hook is called once per
 * operation per client (it is that client's; two clients may report to different places), the
 * default process warning is written once per operation per process. With
 * `deprecations: 'error'`, a call to an operation past its sunset throws `SunsetError` before
 * anything is sent.
 */
export function deprecationPolicy(options: {
  mode: 'warn' | 'error' | 'off';
  onDeprecation?: (notice: DeprecationNotice) => void;
  now?: () => number;
}): Policy {
  const warned = new Set<string>();
  const now = options.now ?? Date.now;
  return {
    name: 'deprecation',
    send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response> {
      if (options.mode === 'off') return next(request, context);
      const op = context.operation;
      if (options.mode === 'error' && op?.sunset && now() >= day(op.sunset).getTime()) {
        return Promise.reject(
          new SunsetError({
            operation: `${op.operationId} (${op.method} ${op.path})`,
            sunsetAt: day(op.sunset),
            ...(op.successor ? { successor: op.successor } : {}),
          }),
        );
      }
      const key = op?.operationId ?? `${context.method} ${context.path}`;
      if (warned.has(key)) return next(request, context);
      const warn = (response: Response | undefined): void => {
        if (warned.has(key)) return; // a concurrent call warned first
        const notice = deprecationNotice(op, context.method, context.path, response && parseDeprecationHeaders(response.headers));
        if (notice) {
          remember(warned, key);
          (options.onDeprecation ?? emitDeprecationWarning)(notice);
        }
      };
      return next(request, context).then(
        (response) => {
          warn(response);
          return response;
        },
        // A failed call has no headers to read: only an operation the spec deprecates warns then.
        op?.deprecated
          ? (error: unknown) => {
              warn(undefined);
              throw error;
            }
          : undefined,
      );
    },
  };
}
