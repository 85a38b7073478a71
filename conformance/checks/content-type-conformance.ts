/** content_type_conformance: a body comes with a Content-Type its response documents. */
import { documentedResponse } from '../spec/operations.js';
import { failed, held, type ResponseCheck } from './outcome.js';

/** The media type of a Content-Type value, without parameters, lower case. */
export function mediaType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

/** Applies to documented statuses with a body; fails when the header is missing or names another type. */
export const contentTypeConformance: ResponseCheck = (op, response) => {
  const documented = documentedResponse(op, response.status);
  if (!documented) return undefined;
  const header = response.headers.get('content-type');
  if (documented.mediaTypes.length === 0) {
    return response.text === '' ? held('content_type_conformance') : failed('content_type_conformance', `${response.status} documents no body, but one came${header ? ` (${header})` : ''}`);
  }
  if (header === null) return failed('content_type_conformance', `${response.status} came without a Content-Type (documented: ${documented.mediaTypes.join(', ')})`);
  return documented.mediaTypes.some((m) => m.toLowerCase() === mediaType(header))
    ? held('content_type_conformance')
    : failed('content_type_conformance', `${response.status} came as ${header}, not ${documented.mediaTypes.join(' or ')}`);
};
