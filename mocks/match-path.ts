/**
 * Which path template of the spec a raw request path is, and the operations on it by method.
 *
 * Matching works on the raw path, segment by segment, so a path that `new URL()` would
 * normalise (`/v1/agents/../api-keys`, `%2e%2e`) never reaches another route: a dot segment
 * is not a value of a path parameter, and literal segments match only as written (no
 * percent-decoding, no empty segments, no trailing slash). The mock routes every request with
 * it (404 for no template, 405 with `Allow` for a method the template lacks), and the contract
 * suite names the operation a response belongs to.
 */
import { operations, type OperationInfo } from '@opsmerge/sdk';

/** A path template of the spec and the operations defined on it. */
export interface PathMatch {
  /** The template, e.g. `/v1/agents/{agent_id}`. */
  readonly template: string;
  /** The operations of this path, by upper-case HTTP method. */
  readonly operations: ReadonlyMap<string, OperationInfo>;
  /** The path parameters of the matched path, percent-decoded, by the spec's names (`agent_id`). */
  readonly params: Readonly<Record<string, string>>;
}

/** One segment of a template: a literal, or the name of a path parameter. */
type Segment = { readonly literal: string } | { readonly param: string };

interface Template {
  readonly template: string;
  readonly operations: ReadonlyMap<string, OperationInfo>;
  readonly segments: readonly Segment[];
}

let bySegmentCount: ReadonlyMap<number, readonly Template[]> | undefined;

function compile(): ReadonlyMap<number, readonly Template[]> {
  const byPath = new Map<string, Map<string, OperationInfo>>();
  for (const op of Object.values(operations) as OperationInfo[]) {
    const methods = byPath.get(op.path) ?? new Map<string, OperationInfo>();
    methods.set(op.method, op);
    byPath.set(op.path, methods);
  }
  const list = [...byPath].map(([template, ops]) => ({
    template,
    operations: ops,
    segments: template.split('/').map((s): Segment => {
      const name = /^\{([^}]+)\}$/.exec(s)?.[1];
      return name === undefined ? { literal: s } : { param: name };
    }),
  }));
  // Literal segments win over parameters (`/v1/events/trigger` before `/v1/events/{id}`).
  const params = (t: Template): number => t.segments.filter((s) => 'param' in s).length;
  list.sort((a, b) => params(a) - params(b));
  const grouped = new Map<number, Template[]>();
  for (const t of list) grouped.set(t.segments.length, [...(grouped.get(t.segments.length) ?? []), t]);
  return grouped;
}

/** A path parameter's raw value decoded, or undefined when it is empty, not valid percent-encoding, or a dot segment in any spelling. */
function parameterValue(raw: string): string | undefined {
  if (raw === '') return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  return decoded === '.' || decoded === '..' || decoded.includes('/') ? undefined : decoded;
}

/**
 * The template a raw path (below the base path, without query) matches, with its decoded path
 * parameters, or undefined.
 *
 * @param pathname - The request's path as sent, e.g. `/v1/agents/agt_01`.
 */
export function matchPath(pathname: string): PathMatch | undefined {
  bySegmentCount ??= compile();
  const segments = pathname.split('/');
  search: for (const t of bySegmentCount.get(segments.length) ?? []) {
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const want = t.segments[i]!;
      if ('literal' in want) {
        if (want.literal !== segments[i]) continue search;
      } else {
        const value = parameterValue(segments[i]!);
        if (value === undefined) continue search;
        params[want.param] = value;
      }
    }
    return { template: t.template, operations: t.operations, params };
  }
  return undefined;
}

/** The operation of `method` on a raw path, or undefined when the path or the method is not in the spec. */
export function matchOperation(method: string, pathname: string): OperationInfo | undefined {
  return matchPath(pathname)?.operations.get(method.toUpperCase());
}
