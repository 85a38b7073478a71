/** use_after_free: once deleted, a resource is gone — reading or deleting it again answers 404. */
import type { ReceivedResponse } from '../http/transport.js';
import { describeResponse, failed, held, type Outcome } from './outcome.js';

/** Judges the answer to `what` (`GET tickets_get`) of a resource deleted just before. */
export function useAfterFree(what: string, response: ReceivedResponse): Outcome {
  return response.status === 404 ? held('use_after_free') : failed('use_after_free', `${what} after the DELETE answered ${describeResponse(response)}, not 404`);
}
