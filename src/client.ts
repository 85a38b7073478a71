import createFetchClient, { type Client } from 'openapi-fetch';
import type { PathsFor } from '../generated/facade.js';
import type { paths } from '../generated/schema.js';
import { guardLowLevel } from './arguments/low-level.js';
import { checkBaseUrl, checkClientOptions, readHeaders } from './check-options.js';
import { assertKeyMatchesBaseUrl, assertSecureTransport, baseUrlForKey, keyEnvironment, PRODUCTION_URL } from './environment.js';
import { ConfigurationError } from './errors/index.js';
import type { RateLimitInfo } from './headers/rate-limit.js';
import { readEnv } from './internal/env.js';
import { InternalLogger, SecretRegistry } from './internal/logger.js';
import { RetryBudget } from './internal/retry-budget.js';
import type { ClientOptions, StabilityLevel } from './options.js';
import { MemoryRateLimitStore, type RateLimitStore, type RateLimitWindow } from './rate-limit/store.js';
import { apiKeySource, oauthSource, type CredentialSource } from './transport/credentials.js';
import { createPipeline, type Pipeline, type PipelineConfig } from './transport/pipeline.js';
import { bucketName } from './transport/rate-limit.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './transport/response-body.js';
import { waitReporter } from './transport/waits.js';

/** What the client knows of its key's rate-limit budget. */
export interface ClientRateLimit {
  /** The rate-limit headers of the most recent response, if any. */
  readonly last: RateLimitInfo | undefined;
  /** The window the pacer keeps for a rate-limit group of the current credential. */
  window(group?: string): Promise<RateLimitWindow | undefined>;
}

/** What every client has besides its operations. */
export interface ClientState {
  /** The rate-limit state of the client's key. */
  readonly rateLimit: ClientRateLimit;
  /** The base URL requests go to (resolved from the key when not given). */
  readonly baseUrl: string;
  /** The stability level the client was created with. */
  readonly stability: StabilityLevel;
}

/**
 * The low-level client of stability level `S` (`@opsmerge/sdk/core`): openapi-fetch's methods
 * over the paths of that level (`client.GET('/v1/agents')`), and its state.
 */
export type CoreClient<S extends StabilityLevel = 'stable'> = Client<PathsFor<S>> & ClientState;

/** One budget per key across every client of the process, unless a store is given. */
const sharedStore = new MemoryRateLimitStore();

/**
 * Builds the low-level client and its pipeline from the options: what `createClient` and
 * `createCoreClient` share. Not exported from any entry. The facade lives in its own module
 * (src/facade/client.ts) so that the core entry's bundle never reaches it.
 * @internal
 */
export function buildClient(options: ClientOptions): { client: Client<paths> & ClientState; pipeline: Pipeline } {
  checkClientOptions(options);
  const secrets = new SecretRegistry();
  const logger = new InternalLogger(options.logger, options.logLevel, secrets);

  let credentials: CredentialSource;
  let staticKey: string | undefined;
  if (options.oauth) {
    credentials = oauthSource(options.oauth.tokens, secrets, 'oauth');
  } else {
    const apiKey = options.apiKey ?? readEnv('OPSMERGE_API_KEY');
    if (apiKey === undefined) {
      throw new ConfigurationError('No API key: pass apiKey to createClient or set the OPSMERGE_API_KEY environment variable.', { option: 'apiKey' });
    }
    if (typeof apiKey === 'string') {
      secrets.add(apiKey);
      keyEnvironment(apiKey);
      staticKey = apiKey;
    }
    credentials = apiKeySource(apiKey, secrets);
  }

  const fromEnv = options.baseUrl === undefined ? readEnv('OPSMERGE_BASE_URL') : undefined;
  if (fromEnv !== undefined) checkBaseUrl(fromEnv, 'OPSMERGE_BASE_URL');
  const explicitBase = options.baseUrl ?? fromEnv;
  const baseUrlFromKey = explicitBase === undefined && staticKey === undefined && !options.oauth;
  const baseUrl = (explicitBase ?? (staticKey ? baseUrlForKey(staticKey) : PRODUCTION_URL)).replace(/\/+$/, '');
  assertSecureTransport(baseUrl, options.allowInsecureHttp ?? false);
  if (staticKey && explicitBase !== undefined) assertKeyMatchesBaseUrl(staticKey, baseUrl);

  const scheme = options.authScheme ?? 'bearer';
  const stability = options.stability ?? 'stable';
  let warnedQuery = false;
  const store: RateLimitStore = options.rateLimit?.store ?? sharedStore;
  const customFetch = options.fetch;
  const onDeprecation = options.onDeprecation;

  const config: PipelineConfig = {
    baseUrl,
    baseUrlFromKey,
    credentials,
    authScheme: scheme,
    stability,
    maxRetries: options.maxRetries ?? 2,
    maxRetryAfterMs: options.maxRetryAfter ?? 60_000,
    timeoutMs: options.timeout ?? 60_000,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    followCrossOriginRedirects: options.followCrossOriginRedirects ?? false,
    reportWait: waitReporter({ logger, onWait: options.onWait }),
    // Looked up per request so an interceptor installed after the client (MSW) still applies.
    fetch: () => customFetch ?? globalThis.fetch,
    logger,
    secrets,
    rateLimit: { mode: options.rateLimit?.mode ?? 'pace', store },
    retryBudget: new RetryBudget(),
    deprecations: options.deprecations ?? 'warn',
    onDeprecation: onDeprecation && ((notice) => {
      // The call's response is already in: a hook that throws must not turn it into a failure.
      try {
        onDeprecation(notice);
      } catch (error) {
        logger.warn('onDeprecation threw; the call goes on.', { error: error instanceof Error ? error.message : typeof error });
      }
    }),
    onQueryScheme: () => {
      if (warnedQuery) return;
      warnedQuery = true;
      logger.warn('authScheme "query" puts the API key in the URL, where access logs and proxies record it; prefer "bearer".');
    },
  };

  let last: RateLimitInfo | undefined;
  let lastCredentialId: string | undefined;
  config.observe = (context) => {
    if (context.rateLimit) last = context.rateLimit;
    if (context.credential) lastCredentialId = context.credential.id;
  };
  // A snapshot, checked: later changes to the caller's object do not reach requests.
  const headers = readHeaders(options.headers) ?? {};
  config.headers = headers;
  const pipeline = createPipeline(config);
  const inner = createFetchClient<paths>({ baseUrl, fetch: pipeline.fetch, headers });
  guardLowLevel(inner);

  const rateLimit: ClientRateLimit = {
    get last() {
      return last;
    },
    async window(group = 'default') {
      lastCredentialId ??= (await credentials.resolve(undefined)).id;
      return store.get(bucketName(lastCredentialId, group));
    },
  };
  return { client: Object.assign(inner, { rateLimit, baseUrl, stability }), pipeline };
}
