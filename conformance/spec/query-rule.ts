/**
 * The spec's rule for query parameters an operation does not define (`x-unknown-query-parameters`
 * at the root): whether the server rejects them, and which names every operation accepts anyway
 * (the query-key schemes' own, such as `api_key`). OpenAPI itself cannot say a query is closed.
 */
import { deref, objectAt, SPEC, type SpecNode } from './document.js';

/** The rule as the spec states it. */
export interface UnknownQueryRule {
  /** The status an unknown query parameter gets (422). */
  readonly answer: number;
  /** Query names accepted on every operation without being a parameter of it. */
  readonly acceptedEverywhere: ReadonlySet<string>;
}

/** Reads the rule from a spec document; undefined when the spec does not state one. */
export function readUnknownQueryRule(root: SpecNode): UnknownQueryRule | undefined {
  const raw = root['x-unknown-query-parameters'];
  if (raw === undefined) return undefined;
  const answer = objectAt(root, 'x-unknown-query-parameters')['answer'];
  if (typeof answer !== 'number' || !Number.isInteger(answer) || answer < 400 || answer > 499) {
    throw new Error(`x-unknown-query-parameters.answer must be a 4xx status, got ${JSON.stringify(answer)}`);
  }
  const schemes = Object.values(objectAt(objectAt(root, 'components'), 'securitySchemes')).map((s) => deref(s, root));
  const acceptedEverywhere = new Set(schemes.filter((s) => s['type'] === 'apiKey' && s['in'] === 'query').map((s) => String(s['name'])));
  return { answer, acceptedEverywhere };
}

/** The rule of the spec the suite runs on. */
export const UNKNOWN_QUERY_RULE: UnknownQueryRule | undefined = readUnknownQueryRule(SPEC);
