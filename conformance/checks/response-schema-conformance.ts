/**
 * response_schema_conformance: a body matches the schema documented for its status, and an error
 * envelope's `request_id` is its `X-Request-Id` (the spec says they are the same value).
 */
import { documentedResponse } from '../spec/operations.js';
import { validate } from '../spec/validator.js';
import { failed, held, type ResponseCheck } from './outcome.js';

/** Applies to documented statuses with a JSON body schema. */
export const responseSchemaConformance: ResponseCheck = (op, response) => {
  const documented = documentedResponse(op, response.status);
  if (!documented?.schema) return undefined;
  const fail = (message: string) => failed('response_schema_conformance', `${response.status}: ${message}`);
  if (response.jsonError !== undefined) return fail(`the body is not JSON (${response.jsonError})`);
  if (response.json === undefined) return fail('the body is empty');
  const problems = validate(documented.schema, response.json);
  if (problems.length > 0) return fail(`${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`);
  const error = (response.json as { error?: { request_id?: unknown } }).error;
  const requestId = response.headers.get('x-request-id');
  if (error && requestId !== null && error.request_id !== requestId) return fail(`error.request_id ${String(error.request_id)} is not the X-Request-Id ${requestId}`);
  return held('response_schema_conformance');
};
