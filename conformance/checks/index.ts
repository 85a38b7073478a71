/**
 * The checks of every response: the five that judge any answer of an operation, plus the one
 * that judges it by the kind of case that caused it (positive data accepted, negative data
 * rejected). The checks that send requests of their own live next to them: ignored-auth.ts,
 * unsupported-method.ts, idempotency.ts, use-after-free.ts, ensure-resource-availability.ts.
 */
import type { RequestCase } from '../generate/cases.js';
import type { Exchange } from '../http/transport.js';
import type { SpecOperation } from '../spec/operations.js';
import { contentTypeConformance } from './content-type-conformance.js';
import type { CheckName } from './names.js';
import { negativeDataRejection } from './negative-data-rejection.js';
import { notAServerError } from './not-a-server-error.js';
import { failed, type Outcome, type ResponseCheck } from './outcome.js';
import { positiveDataAcceptance } from './positive-data-acceptance.js';
import { responseHeadersConformance } from './response-headers-conformance.js';
import { responseSchemaConformance } from './response-schema-conformance.js';
import { statusCodeConformance } from './status-code-conformance.js';

/** The checks of any response of an operation. */
export const RESPONSE_CHECKS: ReadonlyArray<readonly [CheckName, ResponseCheck]> = [
  ['not_a_server_error', notAServerError],
  ['status_code_conformance', statusCodeConformance],
  ['content_type_conformance', contentTypeConformance],
  ['response_schema_conformance', responseSchemaConformance],
  ['response_headers_conformance', responseHeadersConformance],
];

/** What caused a response: a positive case, a negative case, or a probe (judged by its own check). */
export type CaseKind = 'positive' | 'negative' | 'probe';

/**
 * The outcomes of every check that applies to an exchange: the response checks on the final
 * answer and on each 429 waited out, and the check of the case's kind on the final answer.
 * `applies` filters checks (selection, the spec's `x-conformance`). No answer at all fails
 * not_a_server_error.
 */
export function evaluate(op: SpecOperation, exchange: Exchange, kind: CaseKind, applies: (check: CheckName) => boolean, c?: RequestCase): Outcome[] {
  const outcomes: Outcome[] = [];
  const run = (name: CheckName, check: ResponseCheck, response: NonNullable<Exchange['response']>) => {
    if (!applies(name)) return;
    const outcome = check(op, response);
    if (outcome) outcomes.push(outcome);
  };
  if (!exchange.response) {
    if (applies('not_a_server_error')) outcomes.push(failed('not_a_server_error', `no answer: ${exchange.error ?? 'unknown error'}`));
    return outcomes;
  }
  for (const response of [...exchange.throttled, exchange.response]) for (const [name, check] of RESPONSE_CHECKS) run(name, check, response);
  if (kind === 'positive' && c && applies('positive_data_acceptance')) {
    const outcome = positiveDataAcceptance(op, exchange.response, c);
    if (outcome) outcomes.push(outcome);
  }
  if (kind === 'negative') run('negative_data_rejection', negativeDataRejection, exchange.response);
  return outcomes;
}

export { CHECK_DESCRIPTIONS, CHECK_NAMES, isCheckName, type CheckName } from './names.js';
export type { Outcome } from './outcome.js';
