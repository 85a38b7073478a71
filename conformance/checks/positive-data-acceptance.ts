/**
 * positive_data_acceptance: a request that follows the spec is not rejected as invalid. A valid
 * request may still be refused for what the server holds — 404 for an id it does not have, 409
 * for a state that does not allow it, 403 for a plan or role limit, 422 naming only references
 * and fields with a stated server rule (server-rules.ts) — but never 400 or any other 422, nor
 * 401 with the run's own key, nor a method or media type refused.
 */
import type { RequestCase } from '../generate/cases.js';
import type { ReceivedResponse } from '../http/transport.js';
import type { SpecOperation } from '../spec/operations.js';
import { describeResponse, failed, held, type Outcome } from './outcome.js';
import { refusedByServerRules } from './server-rules.js';

const STATE_REFUSALS = new Set([403, 404, 409]);

/** Judges the answer to the valid case `c`; a 429 is left undecided. */
export function positiveDataAcceptance(op: SpecOperation, response: ReceivedResponse, c: RequestCase): Outcome | undefined {
  if (response.status === 429) return undefined;
  if ((response.status >= 200 && response.status < 300) || STATE_REFUSALS.has(response.status) || refusedByServerRules(op, c, response)) return held('positive_data_acceptance');
  return failed('positive_data_acceptance', `a request that follows the spec was answered ${describeResponse(response)}`);
}
