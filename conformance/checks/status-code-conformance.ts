/** status_code_conformance: every status is one the operation documents. */
import { documentedResponse } from '../spec/operations.js';
import { failed, held, type ResponseCheck } from './outcome.js';

/** Fails when the status is neither documented exactly, nor by its range (`4XX`), nor by `default`. */
export const statusCodeConformance: ResponseCheck = (op, response) =>
  documentedResponse(op, response.status)
    ? held('status_code_conformance')
    : failed('status_code_conformance', `${response.status} is not a documented status of ${op.operationId} (documented: ${op.responses.map((r) => r.key).join(', ')})`);
