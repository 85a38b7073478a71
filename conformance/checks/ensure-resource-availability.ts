/** ensure_resource_availability: what a create answered can be read back through its links. */
import type { ReceivedResponse } from '../http/transport.js';
import { readPointer } from '../run/links.js';
import { describeResponse, failed, held, type Outcome } from './outcome.js';

/** Judges the answer of `link` (`GetTicket → tickets_get`) for the resource `id` just created. */
export function ensureResourceAvailability(link: string, id: string, response: ReceivedResponse): Outcome {
  if (response.status < 200 || response.status >= 300) return failed('ensure_resource_availability', `${link} of the created ${id} answered ${describeResponse(response)}`);
  const got = readPointer(response.json, '/data/id');
  if (typeof got === 'string' && got !== id) {
    return failed('ensure_resource_availability', `${link} of the created ${id} answered ${got}`);
  }
  return held('ensure_resource_availability');
}
