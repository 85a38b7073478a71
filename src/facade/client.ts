import type { ResourcesFor } from '../../generated/facade.js';
import { buildClient, type CoreClient } from '../client.js';
import type { ClientOptions, StabilityLevel } from '../options.js';
import { createCall } from '../transport/direct-call.js';
import { createResources } from './resources.js';

/**
 * A client of stability level `S`: the resource facade (`client.agents.list()`), the low-level
 * methods over the paths of that level (`client.GET('/v1/agents')`), and its state.
 */
export type OpsMergeClient<S extends StabilityLevel = 'stable'> = ResourcesFor<S> & CoreClient<S>;

/**
 * Creates an OpsMerge API client.
 *
 * The resource facade (`client.agents.list()`) sends each call straight into the pipeline; the
 * low-level methods (`GET`, `POST`, …) are openapi-fetch's, typed from the spec, and return
 * `{ data, error, response }`. Every request goes through the same pipeline: auth,
 * environment checks, rate-limit pacing, retries with idempotency keys, timeouts, deprecation
 * warnings and redacted logging. For the low-level methods alone, see `createCoreClient` in
 * `@opsmerge/sdk/core`.
 *
 * @example
 * ```ts
 * import { createClient } from '@opsmerge/sdk';
 *
 * const client = createClient({ apiKey: process.env.OPSMERGE_API_KEY });
 * const agents = await client.agents.list({ status: 'online' });
 * const { data, error } = await client.GET('/v1/agents', { params: { query: { status: 'online' } } });
 * ```
 */
export function createClient<const S extends StabilityLevel = 'stable'>(options: ClientOptions & { stability?: S } = {}): OpsMergeClient<S> {
  const { client, pipeline } = buildClient(options);
  return Object.assign(client, createResources(createCall(pipeline), client.stability)) as unknown as OpsMergeClient<S>;
}

