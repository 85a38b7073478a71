/**
 * Which path template of the spec a raw request path is, and the operations on it by method.
 *
 * Matching works on the raw path, segment by segment, so a path that `new URL()` would
 * normalise (`/v1/agents/../api-keys`, `%2e%2e`) never reaches another route: a dot segment
 * is not a value of a path parameter. The mock uses this to answer 405 with `Allow`, and the
 * contract suite to name the operation a response belongs to.
 */
import { operations, type OperationInfo } from '@opsmerge/sdk';

/** A path template of the spec and the operations defined on it. */
export interface PathMatch {
  /** The template, e.g. `/v1/agents/{agent_id}`. */
  readonly template: string;
  /** The operations of this path, by upper-case HTTP method. */
  readonly operations: ReadonlyMap<string, OperationInfo>;
}

interface Template extends PathMatch {
  /** Each segment: a literal, or `null` for a path parameter. */
  readonly segments: readonly (string | null)[];
}

let templates: readonly Template[] | undefined;

function compile(): readonly Template[] {
  const byPath = new Map<string, Map<string, OperationInfo>>();
  for (const op of Object.values(operations) as OperationInfo[]) {
    const methods = byPath.get(op.path) ?? new Map<string, OperationInfo>();
    methods.set(op.method, op);
    byPath.set(op.path, methods);
  }
  const list = [...byPath].map(([template, ops]) => ({
    template,
    operations: ops,
    segments: template.split('/').map((s) => (/^\{[^}]+\}$/.test(s) ? null : s)),
  }));
  // Literal segments win over parameters (`/v1/events/trigger` before `/v1/events/{id}`).
  const params = (t: Template): number => t.segments.filter((s) => s === null).length;
  return list.sort((a, b) => params(a) - params(b));
}

/** A path parameter's raw value: not empty, and not a dot segment in any spelling. */
function isParameterValue(raw: string): boolean {
  if (raw === '') return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return false;
  }
  return decoded !== '.' && decoded !== '..' && !decoded.includes('/');
}

/**
 * The template a raw path (below the base path, without query) matches, or undefined.
 *
 * @param pathname - The request's path as sent, e.g. `/v1/agents/agt_01`.
 */
export function matchPath(pathname: string): PathMatch | undefined {
  templates ??= compile();
  const segments = pathname.split('/');
  for (const t of templates) {
    if (t.segments.length !== segments.length) continue;
    if (t.segments.every((s, i) => (s === null ? isParameterValue(segments[i]!) : s === segments[i]))) return t;
  }
  return undefined;
}

/** The operation of `method` on a raw path, or undefined when the path or the method is not in the spec. */
export function matchOperation(method: string, pathname: string): OperationInfo | undefined {
  return matchPath(pathname)?.operations.get(method.toUpperCase());
}
