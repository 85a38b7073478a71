/**
 * Turns any error into one line naming the problem and the fix, an exit code, and the
 * fields of a `--json` error. SDK errors are recognised by `name`, as the SDK's own guards
 * recognise them, never by message text; the table of {@link FAILURES} is keyed by the error
 * classes the SDK exports, so a class added there does not compile here until it is described.
 */
import * as sdk from '@opsmerge/sdk';
import { isApiError, isOpsMergeError, type ApiError, type ConfigurationError, type OpsMergeError, type RateLimitError } from '@opsmerge/sdk';
import { CliError, ExitCode, type ExitCodeValue } from './exit-codes.js';

/** A failure, described for people (`message` + `hint`) and for scripts (the rest). */
export interface Failure {
  exitCode: ExitCodeValue;
  /** The API's error code, or the CLI's own (`MISSING_API_KEY`, `USAGE`…). */
  code: string;
  /** The problem. */
  message: string;
  /** The fix. */
  hint: string | undefined;
  /** HTTP status, for API errors. */
  status?: number;
  /** `X-Request-Id`, to quote to support. */
  requestId?: string;
  /** The API's `error.details`. */
  details?: unknown;
  /** The start of a body that was not an error envelope (a gateway's page), scrubbed. */
  bodySnippet?: string;
  /** For rate limits: seconds to wait. */
  retryAfterSeconds?: number;
}

function detailList(details: unknown): Array<Record<string, unknown>> {
  return Array.isArray(details) ? details.filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null) : [];
}

/** "403 INSUFFICIENT_SCOPE, request req_…" */
function origin(error: ApiError): string {
  return `${error.status} ${error.code}${error.requestId ? `, request ${error.requestId}` : ''}`;
}

/** The server's own explanation: the message without the SDK's "STATUS CODE on METHOD PATH (request …): " head. */
function serverMessage(error: ApiError): string {
  const head = error.message.indexOf('): ');
  const text = head >= 0 ? error.message.slice(head + 3) : error.message.replace(/^\d{3} \S+ on \S+ \S+(?: \(request [^)]*\))?:? ?/, '');
  return text.replace(/\.$/, '');
}

function apiFields(error: ApiError): Pick<Failure, 'status' | 'requestId' | 'details' | 'bodySnippet'> {
  return {
    status: error.status,
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    ...(error.details === undefined ? {} : { details: error.details }),
    ...(error.bodySnippet === undefined ? {} : { bodySnippet: error.bodySnippet }),
  };
}

function authFailure(error: ApiError): Failure {
  const base = { exitCode: ExitCode.auth, code: error.code, ...apiFields(error) };
  switch (error.code) {
    case 'KEY_ENVIRONMENT_MISMATCH':
      return {
        ...base,
        message: `the API key belongs to the other environment (${origin(error)})`,
        hint: 'om_live_ keys work only on production, om_test_ keys only on the sandbox and mocks: use a key of this server\'s environment, or point --base-url at the key\'s server',
      };
    case 'KEY_REVOKED':
      return { ...base, message: `the API key has been revoked (${origin(error)})`, hint: 'create a new key (`opsmerge keys create` with a working key, or the dashboard) and run `opsmerge login` again' };
    case 'KEY_EXPIRED':
      return { ...base, message: `the API key has expired (${origin(error)})`, hint: 'create a new key (`opsmerge keys create` with a working key, or the dashboard) and run `opsmerge login` again' };
    case 'OWNER_DEACTIVATED':
      return { ...base, message: `the API key's owner has been deactivated (${origin(error)})`, hint: 'use a key of an active user' };
    default:
      return { ...base, message: `the API rejected the API key: ${serverMessage(error)} (${origin(error)})`, hint: 'check the key given by --api-key, OPSMERGE_API_KEY or the profile, or run `opsmerge login` again' };
  }
}

function permissionFailure(error: ApiError): Failure {
  const base = { exitCode: ExitCode.permission, code: error.code, ...apiFields(error) };
  if (error.code === 'INSUFFICIENT_SCOPE') {
    const scopes = detailList(error.details).flatMap((d) => (typeof d['scope'] === 'string' ? [d['scope']] : []));
    const named = scopes.length > 0 ? scopes.join(', ') : 'a scope this operation needs';
    return {
      ...base,
      message: `the API key lacks the scope ${named} (${origin(error)})`,
      hint:
        scopes.length > 0
          ? `use a key that holds ${named}, e.g. one made with \`opsmerge keys create --name NAME --scopes ${scopes.join(',')}\` by an admin key`
          : 'use a key with the scopes listed in `opsmerge <resource> --help`',
    };
  }
  if (error.code === 'PLAN_LIMIT_REACHED') {
    return { ...base, message: `${serverMessage(error)} (${origin(error)})`, hint: 'revoke a key you no longer use with `opsmerge keys revoke ID` (see `opsmerge keys list`)' };
  }
  if (error.code === 'IP_NOT_ALLOWED') {
    return { ...base, message: `the API key may not be used from this address (${origin(error)})`, hint: "run from an address on the key's IP allow-list, or use another key" };
  }
  return { ...base, message: `not allowed: ${serverMessage(error)} (${origin(error)})`, hint: "ask an admin of the organisation; the key's owner role or plan does not allow this" };
}

function rateLimitFailure(error: RateLimitError): Failure {
  const seconds = error.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(error.retryAfterMs / 1000));
  const wait = seconds === undefined ? 'a while' : `${seconds} s`;
  const quota = error.code === 'QUOTA_EXCEEDED';
  return {
    exitCode: ExitCode.rateLimited,
    code: error.code,
    ...apiFields(error),
    ...(seconds === undefined ? {} : { retryAfterSeconds: seconds }),
    message: `${quota ? "the key's daily quota is used up" : 'rate limited'}: retry after ${wait} (${origin(error)})`,
    hint: `wait ${wait}${error.resetAt ? ` (until ${error.resetAt.toISOString()})` : ''} and run the command again${error.limit === undefined ? '' : `; the key may send ${error.limit} requests per window`}`,
  };
}

function validationFailure(error: ApiError): Failure {
  const fields = detailList(error.details)
    .map((d) => [d['field'], d['message']].filter((x): x is string => typeof x === 'string').join(' '))
    .filter((s) => s !== '');
  return {
    exitCode: ExitCode.usage,
    code: error.code,
    ...apiFields(error),
    message: `the API rejected the arguments: ${fields.length > 0 ? fields.join('; ') : serverMessage(error)} (${origin(error)})`,
    hint: 'fix the arguments; see the command\'s --help',
  };
}

function configurationFailure(error: ConfigurationError): Failure {
  // The SDK names its option ("Invalid option \"apiKey\": …"); the CLI's flags are different words.
  const message = error.message.replace(/^Invalid option "[^"]*": /, '').replace(/\.$/, '');
  switch (error.option) {
    case 'apiKey':
      return { exitCode: ExitCode.auth, code: 'INVALID_API_KEY', message, hint: 'check the key given by --api-key, OPSMERGE_API_KEY or the profile (`opsmerge login` stores a new one)' };
    case 'baseUrl':
      return /works only on/.test(message)
        ? { exitCode: ExitCode.auth, code: 'KEY_ENVIRONMENT_MISMATCH', message, hint: 'drop --base-url to use the key\'s own server, or use a key of that environment' }
        : { exitCode: ExitCode.usage, code: 'INVALID_BASE_URL', message, hint: 'pass an absolute http(s) URL, e.g. --base-url https://sandbox.opsmerge.cloud/api' };
    case 'allowInsecureHttp':
      return { exitCode: ExitCode.usage, code: 'INSECURE_BASE_URL', message, hint: 'use an https:// base URL (plain http is allowed only on this machine: localhost, 127.0.0.1)' };
    case 'stability':
      return { exitCode: ExitCode.usage, code: 'BETA_REQUIRED', message, hint: 'add --beta' };
    default:
      return { exitCode: ExitCode.usage, code: 'INVALID_ARGUMENT', message, hint: 'see the command\'s --help' };
  }
}

function notFoundFailure(error: ApiError): Failure {
  return { exitCode: ExitCode.notFound, code: error.code, ...apiFields(error), message: `not found: ${serverMessage(error)} (${origin(error)})`, hint: 'check the ID; the list command of the resource shows the IDs this key can see' };
}

function serverFailure(error: ApiError): Failure {
  return { exitCode: ExitCode.server, code: error.code, ...apiFields(error), message: `the API failed: ${serverMessage(error)} (${origin(error)})`, hint: 'try again later; quote the request id to support if it persists' };
}

function conflictFailure(error: ApiError): Failure {
  return { exitCode: ExitCode.other, code: error.code, ...apiFields(error), message: `conflict: ${serverMessage(error)} (${origin(error)})`, hint: 'check the current state with the get or list command' };
}

/** An API error of a status the CLI has no advice for. */
function otherApiFailure(error: ApiError): Failure {
  return { exitCode: ExitCode.other, code: error.code, ...apiFields(error), message: `the API answered ${serverMessage(error)} (${origin(error)})`, hint: undefined };
}

function noAnswerFailure(error: OpsMergeError): Failure {
  return { exitCode: ExitCode.server, code: error.name === 'TimeoutError' ? 'TIMEOUT' : 'CONNECTION_FAILED', message: error.message.replace(/\.$/, ''), hint: 'check --base-url and your network, then try again' };
}

/** An SDK error the CLI has no advice for: its name is the code. */
function otherFailure(error: OpsMergeError): Failure {
  return { exitCode: ExitCode.other, code: error.name, message: error.message, hint: undefined };
}

/** The names of the error classes `@opsmerge/sdk` exports: every `Error` subclass among its exports. */
export type SdkErrorName = {
  [K in keyof typeof sdk]: (typeof sdk)[K] extends abstract new (...args: never[]) => Error ? K : never;
}[keyof typeof sdk];

/**
 * How each SDK error class is described. Keyed by every error class the SDK exports (a missing
 * one is a type error); an error is looked up by its `name`, as the SDK's guards match it.
 */
export const FAILURES: { readonly [N in SdkErrorName]: (error: InstanceType<(typeof sdk)[N]>) => Failure } = {
  OpsMergeError: otherFailure,
  ApiError: otherApiFailure,
  BadRequestError: validationFailure,
  AuthenticationError: authFailure,
  PermissionDeniedError: permissionFailure,
  NotFoundError: notFoundFailure,
  ConflictError: conflictFailure,
  UnprocessableEntityError: validationFailure,
  RateLimitError: rateLimitFailure,
  InternalServerError: serverFailure,
  ConnectionError: noAnswerFailure,
  TimeoutError: noAnswerFailure,
  ResponseParseError: (error) => ({ exitCode: ExitCode.server, code: 'BAD_RESPONSE', message: `the server sent a response that is not valid JSON: ${error.message}`, hint: 'check that --base-url points at the OpsMerge API (paths start with /v1/)' }),
  ResponseShapeError: (error) => ({ exitCode: ExitCode.server, code: 'BAD_RESPONSE', message: `the server sent JSON that is not an OpsMerge answer: ${error.message}`, hint: 'check that --base-url points at the OpsMerge API (paths start with /v1/)' }),
  ResponseTooLargeError: (error) => ({ exitCode: ExitCode.server, code: 'RESPONSE_TOO_LARGE', status: error.status, ...(error.requestId === undefined ? {} : { requestId: error.requestId }), message: error.message, hint: 'check that --base-url points at the OpsMerge API; narrow a list with --per-page' }),
  RedirectError: (error) => ({
    exitCode: ExitCode.server,
    code: 'REDIRECT_REFUSED',
    status: error.status,
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    message: error.message,
    hint: error.reason === 'cross-origin' ? "if the server it redirects to is the API, pass that server's address as --base-url" : 'check that --base-url points at the OpsMerge API',
  }),
  ConfigurationError: configurationFailure,
  InvalidArgumentError: (error) => ({ exitCode: ExitCode.usage, code: 'INVALID_ARGUMENT', message: error.message, hint: `check the ${error.location === 'path' ? 'id' : error.argument}; nothing was sent` }),
  SunsetError: (error) => ({ exitCode: ExitCode.other, code: 'SUNSET', message: error.message, hint: 'use the successor operation named in the message' }),
  PaginationError: otherFailure,
  OAuthError: otherFailure,
};

/** Describes any thrown value as a {@link Failure}. */
export function describeError(error: unknown): Failure {
  if (error instanceof CliError) return { exitCode: error.exitCode, code: error.code, message: error.message, hint: error.hint };
  if (isOpsMergeError(error)) {
    const describe = Object.hasOwn(FAILURES, error.name) ? (FAILURES[error.name as SdkErrorName] as (error: OpsMergeError) => Failure) : undefined;
    if (describe) return describe(error);
    // A class the SDK does not export by this name (a subclass of an API error, say).
    return isApiError(error) ? otherApiFailure(error) : otherFailure(error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: ExitCode.other, code: 'UNEXPECTED', message: `unexpected error: ${message}`, hint: 'run again with --debug; report it if it persists' };
}
