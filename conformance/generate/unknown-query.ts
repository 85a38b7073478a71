/**
 * Query parameters an operation does not define, for the negative case the spec's
 * `x-unknown-query-parameters` asks for: a typo of one it does define (`stauts` for `status`,
 * the mistake the rule is there to catch), or a name of its own. Never a defined name, never
 * one accepted everywhere (`api_key`), and only lower-case letters, digits and `_`, so the name
 * reaches the server as it is.
 */
import fc from 'fast-check';

/** A query parameter to add to an otherwise valid request. */
export interface UnknownQueryParameter {
  readonly name: string;
  readonly value: string;
}

/** The names `name` becomes when two neighbouring characters are swapped (other than itself). */
export function transpositions(name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < name.length; i++) {
    const swapped = name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
    if (swapped !== name) out.push(swapped);
  }
  return out;
}

/** Unknown query parameters for an operation defining `defined`, with `accepted` taken everywhere. */
export function unknownQueryParameters(defined: readonly string[], accepted: ReadonlySet<string>): fc.Arbitrary<UnknownQueryParameter> {
  const taken = (name: string) => defined.includes(name) || accepted.has(name);
  const SAFE = /^[a-z0-9_]+$/;
  const typos = [...new Set(defined.flatMap(transpositions))].filter((n) => SAFE.test(n) && !taken(n));
  const invented = fc.stringMatching(/^[a-z][a-z0-9_]{2,19}$/).filter((n) => !taken(n));
  const name = typos.length > 0 ? fc.oneof(fc.constantFrom(...typos), invented) : invented;
  return fc.record({ name, value: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/) });
}
