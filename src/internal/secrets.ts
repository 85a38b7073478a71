/**
 * The credentials the SDK has been handed in this process: API keys (given or from a provider),
 * OAuth access and refresh tokens, client secrets, authorization codes and PKCE verifiers. Every
 * error the SDK builds is scrubbed of them, wherever it is built (a facade call, the low-level
 * `paginate`, a user's own `ApiError.fromResponse`), so no plumbing can forget one.
 *
 * The set is bounded: it keeps the {@link KNOWN_SECRETS_CAPACITY} most recently used secrets
 * (each attempt marks its credential as used again). API keys are also recognised by their
 * shape, known or not.
 *
 * @internal
 * @packageDocumentation
 */
import { redactSecrets } from './redact.js';
import { SecretIndex } from './secret-index.js';

/** How many secrets the process-wide set keeps. */
export const KNOWN_SECRETS_CAPACITY = 256;

/**
 * Values shorter than this are not remembered: searching for them would mangle ordinary words,
 * and no real credential is that short.
 */
export const MIN_SECRET_LENGTH = 8;

/** The process-wide set, for {@link redactSecrets} alongside other secrets. */
export const knownSecrets = new SecretIndex(KNOWN_SECRETS_CAPACITY);

/** Remembers `secret` (or marks it as used now) so every later error and log line hides it. */
export function rememberSecret(secret: string): void {
  if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH) knownSecrets.add(secret);
}

/**
 * Replaces every remembered secret, every key-shaped token and every credential after an
 * authentication scheme in `text`, in any encoding {@link redactSecrets} decodes.
 */
export function scrubKnown(text: string): string {
  return redactSecrets(text, [knownSecrets]);
}
