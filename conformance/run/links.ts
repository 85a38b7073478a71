/**
 * OpenAPI runtime expressions of the spec's `links`, evaluated against one request and its
 * response: `$response.body#/data/id`, `$request.path.tenant_id`, `$request.query.name`,
 * `$response.header.Location`. Anything else throws, naming it, so a new kind of link in the
 * spec cannot be followed wrongly.
 */
import type { RequestCase } from '../generate/cases.js';
import type { ReceivedResponse } from '../http/transport.js';
import type { SpecLink } from '../spec/operations.js';

/** Reads an RFC 6901 pointer of a JSON value; undefined when it leads nowhere. */
export function readPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let node = value;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The value of one runtime expression; undefined when the request or response has none. */
export function evaluateExpression(expression: string, request: RequestCase, response: ReceivedResponse): unknown {
  let m: RegExpExecArray | null;
  if ((m = /^\$response\.body#(.*)$/.exec(expression))) return readPointer(response.json, m[1]!);
  if ((m = /^\$request\.path\.(.+)$/.exec(expression))) return request.path[m[1]!];
  if ((m = /^\$request\.query\.(.+)$/.exec(expression))) return request.query[m[1]!];
  if ((m = /^\$response\.header\.(.+)$/.exec(expression))) return response.headers.get(m[1]!) ?? undefined;
  throw new Error(`the conformance suite cannot evaluate the link expression ${expression}`);
}

/** The path parameters a link gives its target operation; undefined when one has no value. */
export function linkParameters(link: SpecLink, request: RequestCase, response: ReceivedResponse): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [name, expression] of Object.entries(link.parameters)) {
    const value = evaluateExpression(expression, request, response);
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    out[name.replace(/^path\./, '')] = String(value);
  }
  return out;
}
