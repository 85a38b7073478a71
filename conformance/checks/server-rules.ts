/**
 * Which 422s a valid request may get: the schema cannot say everything a server checks. A 422
 * whose every `details[].field` names either a reference (a value shaped like an id: the server
 * does not have it, or it does not belong with the rest) or a field whose schema states a rule
 * the server checks (`x-server-rule: must be in the future`) refuses the request for what the
 * server holds, not for breaking the spec.
 */
import type { RequestCase } from '../generate/cases.js';
import type { ReceivedResponse } from '../http/transport.js';
import { readPointer } from '../run/links.js';
import { deref, type SpecNode } from '../spec/document.js';
import { isId } from '../spec/ids.js';
import type { SpecOperation } from '../spec/operations.js';

/** Whether the schema at `pointer` of `root`, or one on the way to it, states an `x-server-rule`. */
export function hasServerRule(root: unknown, pointer: string): boolean {
  let schema = deref(root);
  if (typeof schema['x-server-rule'] === 'string') return true;
  for (const raw of pointer.replace(/^\//, '').split('/').filter((s) => s !== '')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    const properties = (schema['properties'] ?? {}) as Record<string, unknown>;
    const next = Object.hasOwn(properties, key) ? properties[key] : /^\d+$/.test(key) && schema['items'] !== undefined ? schema['items'] : schema['additionalProperties'];
    if (next === null || typeof next !== 'object') return false;
    schema = deref(next);
    if (typeof schema['x-server-rule'] === 'string') return true;
  }
  return false;
}

/** Whether one detail's field is a reference or a field with a stated rule. */
function isServerRuleField(op: SpecOperation, c: RequestCase, field: string): boolean {
  if (field.startsWith('/')) {
    if (!c.body || !('json' in c.body)) return false;
    const value = readPointer(c.body.json, field);
    return isId(value) || (op.requestBody !== undefined && hasServerRule(op.requestBody.schema as SpecNode, field));
  }
  const param = op.parameters.find((p) => p.name === field);
  const value = c.query[field] ?? c.path[field] ?? c.headers[field];
  return param !== undefined && (isId(value) || typeof deref(param.schema)['x-server-rule'] === 'string');
}

/** Whether a 422 refused the valid case `c` only for references and stated server rules. */
export function refusedByServerRules(op: SpecOperation, c: RequestCase, response: ReceivedResponse): boolean {
  if (response.status !== 422) return false;
  const details = (response.json as { error?: { details?: unknown } } | undefined)?.error?.details;
  if (!Array.isArray(details) || details.length === 0) return false;
  return details.every((d) => d !== null && typeof d === 'object' && typeof (d as { field?: unknown }).field === 'string' && isServerRuleField(op, c, (d as { field: string }).field));
}
