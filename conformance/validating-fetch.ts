/**
 * The ONE place where the contract suite checks responses against the spec.
 *
 * Every client a contract test uses is created with `fetch: validatingFetch(…)`: each response,
 * on every target (Prism, the MSW mock, a partner's server), is matched to its operation through
 * the operations table and run through the shared validator of `mocks/validate.ts` (status,
 * declared headers, body schema, `error.request_id` = `X-Request-Id`) before the SDK sees it.
 * Problems land in a {@link ResponseLedger}; the contract runner fails the test when the ledger
 * is not clean, so neither the MSW mocks nor a partner's server can drift from the spec.
 */
import { matchOperation, validateFetchResponse } from '@opsmerge/mocks/validate';
import { isTimeout, type Silence } from './http/silence.js';

/** One response the suite saw, and what was wrong with it. */
export interface CheckedResponse {
  /** The operation the request matched; undefined when it matched none. */
  readonly operationId: string | undefined;
  /** The request's method. */
  readonly method: string;
  /** The operation's path template, or the request's path when it matched none. */
  readonly path: string;
  /** The response status. */
  readonly status: number;
  /** What was wrong with the response, one line each (empty when it matched the spec). */
  readonly errors: readonly string[];
}

/** Every response of one test, with the spec violations found. */
export class ResponseLedger {
  /** Every response, in the order they arrived. */
  readonly responses: CheckedResponse[] = [];

  /** Every violation, one line each. */
  get violations(): string[] {
    // The validator's lines already start with `operationId status:`; name the route otherwise.
    return this.responses.flatMap((r) => r.errors.map((e) => (r.operationId && e.startsWith(`${r.operationId} `) ? e : `${r.method} ${r.path} ${r.status}: ${e}`)));
  }

  /** The operationIds answered so far (for assertions that a call really went out). */
  operationIds(): string[] {
    return this.responses.flatMap((r) => (r.operationId ? [r.operationId] : []));
  }
}

/** How a target's responses are checked. */
export interface ValidatingFetchOptions {
  readonly ledger: ResponseLedger;
  /** Path of the base URL (`/api` for `https://host/api`), stripped before matching. */
  readonly basePath: string;
  /**
   * Prism only: fail when Prism reports that the SDK's *request* violates the spec
   * (`sl-violations` header with a `request` location) even where it still answered 2xx.
   */
  readonly prismRequestViolations?: boolean;
  /** Violations that are a known defect of the target itself, not of the spec or the SDK. */
  readonly waive?: (error: string) => boolean;
  /** The fetch to call; looked up per request so MSW's patched `globalThis.fetch` applies. */
  readonly fetch?: () => typeof fetch;
  /**
   * The run's count of requests in a row without an answer in time (a timeout while waiting for
   * the response or reading its body); once it says the server stopped answering, the fetch
   * throws that reason instead of sending.
   */
  readonly silence?: Silence;
}

interface PrismViolation {
  readonly location?: readonly string[];
  readonly message?: string;
}

function prismRequestViolations(response: Response): string[] {
  const raw = response.headers.get('sl-violations');
  if (!raw) return [];
  let list: PrismViolation[];
  try {
    list = JSON.parse(raw) as PrismViolation[];
  } catch {
    return [`Prism sent an unreadable sl-violations header: ${raw.slice(0, 120)}`];
  }
  return list.filter((v) => v.location?.[0] === 'request').map((v) => `Prism: the SDK's request violates the spec at ${(v.location ?? []).join('.')}: ${v.message ?? 'invalid'}`);
}

/**
 * A `fetch` that validates every response against the spec into `options.ledger`, keyed by the
 * operation the request matches in the operations table. A response to a request that matches
 * no operation is itself a violation.
 */
export function validatingFetch(options: ValidatingFetchOptions): typeof fetch {
  const getFetch = options.fetch ?? (() => globalThis.fetch);
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const below = options.basePath !== '/' && url.pathname.startsWith(options.basePath) ? url.pathname.slice(options.basePath.length) : url.pathname;
    const operation = matchOperation(request.method, below);
    const stopped = options.silence?.stopped;
    if (stopped !== undefined) throw new TypeError(stopped);
    let response: Response;
    let errors: string[];
    try {
      response = await getFetch()(request);
      // Reads a clone of the body (at most 10 MiB of it), within the request's own timeout.
      errors = operation ? [...(await validateFetchResponse(operation.operationId, response)).errors] : [`no operation of the spec matches ${request.method} ${url.pathname}`];
      options.silence?.answered();
    } catch (error) {
      if (isTimeout(error, request.signal)) options.silence?.unanswered();
      throw error;
    }
    if (operation && options.prismRequestViolations) errors.push(...prismRequestViolations(response));
    if (options.waive) errors = errors.filter((e) => !options.waive!(e));
    options.ledger.responses.push({ operationId: operation?.operationId, method: request.method, path: operation?.path ?? url.pathname, status: response.status, errors });
    return response;
  };
}

/**
 * Known Prism defects the validator would otherwise report on the Prism target only:
 * - Prism 5 sends `Deprecation: true` (the old draft) instead of RFC 9745's `@<epoch-seconds>`
 *   that the spec declares (see the team's toolchain notes on Prism). The MSW target and partner servers
 *   are held to the spec's pattern.
 */
export function prismWaiver(error: string): boolean {
  return /: header Deprecation \("true"\) must match pattern/.test(error);
}
