/** Checks a raw answer of the HTTP mock against the spec: the operation's documented responses, or the protocol-level ones. */
import { matchPath } from '../../mocks/match-path.js';
import { validateProtocolResponse, validateResponse, type ResponseValidation } from '../../mocks/validate.js';
import type { RawAnswer } from './raw-http.js';

/** Drops the complaints about a body that HEAD answers never have. */
function withoutBodyErrors(result: ResponseValidation): ResponseValidation {
  const errors = result.errors.filter((e) => !/body is missing|body must be object/.test(e));
  return { valid: errors.length === 0, errors };
}

/**
 * Validates what the mock answered to `method` on a raw `path`: against the operation the
 * router runs for it (HEAD runs GET's, checked without a body), or — when no operation runs,
 * or `protocol` says the HTTP layer refused the request before routing (malformed, over a
 * limit) — as a protocol-level answer.
 */
export function validateAnswer(method: string, path: string, answer: RawAnswer, protocol = false): ResponseValidation {
  const operations = protocol ? undefined : matchPath(path)?.operations;
  const operation = operations?.get(method) ?? (method === 'HEAD' ? operations?.get('GET') : undefined);
  const result = operation
    ? validateResponse(operation.operationId, { status: answer.status, headers: answer.headers, body: answer.json })
    : validateProtocolResponse({ status: answer.status, headers: answer.headers, body: answer.json });
  return method === 'HEAD' ? withoutBodyErrors(result) : result;
}
