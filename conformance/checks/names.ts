/** The checks of the conformance run, by name: what each one holds a server to. */

/** Every check the run reports, in report order. */
export const CHECK_NAMES = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'response_headers_conformance',
  'negative_data_rejection',
  'positive_data_acceptance',
  'ignored_auth',
  'use_after_free',
  'ensure_resource_availability',
  'unsupported_method',
  'idempotency',
] as const;

/** The name of a check. */
export type CheckName = (typeof CHECK_NAMES)[number];

/** One line per check: what a failure of it means. */
export const CHECK_DESCRIPTIONS: Readonly<Record<CheckName, string>> = {
  not_a_server_error: 'no response is a 5xx',
  status_code_conformance: 'every status is one the operation documents',
  content_type_conformance: 'every body comes with a documented Content-Type',
  response_schema_conformance: "every body matches the documented schema (and an error's request_id its X-Request-Id)",
  response_headers_conformance: 'documented headers are present and well-formed: X-Request-Id, X-RateLimit-*, Retry-After on 429, Deprecation/Sunset/Link when deprecated',
  negative_data_rejection: 'a request that breaks the spec is rejected with a 4xx and the error envelope',
  positive_data_acceptance: 'a request that follows the spec is not rejected as invalid',
  ignored_auth: 'no key, a malformed key, a revoked key and a key without the scope get 401/403 with the right code, never 2xx',
  use_after_free: 'a deleted resource is gone: 404, never 2xx',
  ensure_resource_availability: 'a created resource can be fetched through the links of its response',
  unsupported_method: 'a method a path does not document gets 405 with an Allow header naming the documented ones',
  idempotency: 'the same Idempotency-Key and body replay the first result; the same key with another body gets 409',
};

/** Whether `value` names a check. */
export function isCheckName(value: string): value is CheckName {
  return (CHECK_NAMES as readonly string[]).includes(value);
}
