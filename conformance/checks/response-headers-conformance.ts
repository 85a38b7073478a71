/**
 * response_headers_conformance: the headers a response documents are present when required and
 * match their schemas (`X-Request-Id`, `X-RateLimit-*` on every response, `Retry-After` on 429,
 * `Deprecation`/`Sunset`/`Link` on a deprecated operation), and they agree with each other and
 * with the spec: `X-RateLimit-Remaining` ≤ `X-RateLimit-Limit`, `Sunset` is the HTTP-date of the
 * operation's `x-sunset`, `Link` has `rel="deprecation"`.
 */
import { documentedResponse, type SpecOperation } from '../spec/operations.js';
import { validateWireValue } from '../spec/validator.js';
import type { ReceivedResponse } from '../http/transport.js';
import { failed, held, type ResponseCheck } from './outcome.js';

function agreement(op: SpecOperation, headers: Headers): string[] {
  const problems: string[] = [];
  const limit = Number(headers.get('x-ratelimit-limit'));
  const remaining = Number(headers.get('x-ratelimit-remaining'));
  if (headers.has('x-ratelimit-limit') && headers.has('x-ratelimit-remaining') && remaining > limit) problems.push(`X-RateLimit-Remaining ${remaining} is above X-RateLimit-Limit ${limit}`);
  const sunset = headers.get('sunset');
  if (op.deprecated && op.sunset && sunset !== null) {
    const when = Date.parse(sunset);
    if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(sunset) || Number.isNaN(when)) problems.push(`Sunset ${JSON.stringify(sunset)} is not an HTTP-date`);
    else if (new Date(when).toISOString().slice(0, 10) !== op.sunset) problems.push(`Sunset ${sunset} is not the spec's x-sunset ${op.sunset}`);
  }
  const link = headers.get('link');
  if (op.deprecated && link !== null && !/rel="?deprecation"?/.test(link)) problems.push(`Link ${JSON.stringify(link)} has no rel="deprecation"`);
  return problems;
}

/** The problems with the headers of `response`; empty when they conform. */
export function headerProblems(op: SpecOperation, response: ReceivedResponse): string[] {
  const documented = documentedResponse(op, response.status);
  if (!documented) return [];
  const problems: string[] = [];
  for (const header of documented.headers) {
    const value = response.headers.get(header.name);
    if (value === null) {
      if (header.required) problems.push(`${header.name} is missing`);
      continue;
    }
    problems.push(...validateWireValue(header.schema, value, `${header.name} ${JSON.stringify(value)}`));
  }
  return [...problems, ...agreement(op, response.headers)];
}

/** Applies to documented statuses. */
export const responseHeadersConformance: ResponseCheck = (op, response) => {
  if (!documentedResponse(op, response.status)) return undefined;
  const problems = headerProblems(op, response);
  return problems.length === 0 ? held('response_headers_conformance') : failed('response_headers_conformance', `${response.status}: ${problems.join('; ')}`);
};
