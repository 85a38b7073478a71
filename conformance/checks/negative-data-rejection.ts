/** negative_data_rejection: a request that breaks the spec is rejected with a 4xx and the error envelope. */
import { validate } from '../spec/validator.js';
import { ERROR_ENVELOPE } from '../spec/operations.js';
import { describeResponse, failed, held, type ResponseCheck } from './outcome.js';

/** Fails when a negative case is accepted (2xx, 3xx), errs on the server's side (5xx), or is rejected without the envelope. */
export const negativeDataRejection: ResponseCheck = (_op, response) => {
  if (response.status === 429) return undefined;
  if (response.status < 400 || response.status >= 500) return failed('negative_data_rejection', `the invalid request was answered ${describeResponse(response)}, not a 4xx`);
  if (response.json === undefined || validate(ERROR_ENVELOPE, response.json).length > 0) {
    return failed('negative_data_rejection', `the invalid request was rejected with ${response.status}, but not with the error envelope`);
  }
  return held('negative_data_rejection');
};
