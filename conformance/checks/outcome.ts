/** What a check concludes about one response or probe. */
import type { ReceivedResponse } from '../http/transport.js';
import type { SpecOperation } from '../spec/operations.js';
import type { CheckName } from './names.js';

/** A check held or failed, with the reason when it failed. */
export interface Outcome {
  readonly check: CheckName;
  readonly ok: boolean;
  /** Why it failed (undefined when it held). */
  readonly message: string | undefined;
}

/** The check held. */
export function held(check: CheckName): Outcome {
  return { check, ok: true, message: undefined };
}

/** The check failed, for `message`. */
export function failed(check: CheckName, message: string): Outcome {
  return { check, ok: false, message };
}

/** A check of one response of an operation; undefined when it does not apply to it. */
export type ResponseCheck = (op: SpecOperation, response: ReceivedResponse) => Outcome | undefined;

/** The start of a body, on one line, for messages. */
export function snippet(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** `error.code` of an error envelope, when the body is one. */
export function errorCodeOf(response: ReceivedResponse): string | undefined {
  const error = (response.json as { error?: { code?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' ? error.code : undefined;
}

/** A response in a message: `422 VALIDATION_FAILED (/name: must NOT have more than 100 characters)` or `200 {"data":…}`. */
export function describeResponse(response: ReceivedResponse): string {
  const code = errorCodeOf(response);
  if (!code) return `${response.status}${response.text ? ` ${snippet(response.text, 100)}` : ''}`;
  const error = (response.json as { error: { message?: unknown; details?: unknown } }).error;
  const first = Array.isArray(error.details) ? (error.details[0] as { field?: unknown; scope?: unknown; message?: unknown } | undefined) : undefined;
  const why = first ? `${String(first.field ?? first.scope ?? '')}: ${String(first.message ?? '')}` : typeof error.message === 'string' ? error.message : '';
  return `${response.status} ${code}${why ? ` (${snippet(why, 120)})` : ''}`;
}
