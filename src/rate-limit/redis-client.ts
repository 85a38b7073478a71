/**
 * The few methods of a Redis client the shared store calls, typed structurally: the SDK imports
 * no Redis library, the application hands over the client it already has.
 *
 * @packageDocumentation
 */

/** The part of an [ioredis](https://github.com/redis/ioredis) client (v5, v6) the store uses. */
export interface IoRedisLike {
  /** `EVALSHA sha1 numkeys key… arg…`: runs a script Redis has cached. */
  evalsha(sha1: string, numkeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  /** `EVAL script numkeys key… arg…`: runs (and caches) a script. */
  eval(script: string, numkeys: number, ...keysAndArgs: string[]): Promise<unknown>;
}

/** The part of a [node-redis](https://github.com/redis/node-redis) client (v4, v5) the store uses. */
export interface NodeRedisLike {
  /** `EVALSHA`: runs a script Redis has cached, with its keys and arguments. */
  evalSha(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  /** `EVAL`: runs (and caches) a script, with its keys and arguments. */
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** A connected ioredis or node-redis client (a cluster client of either works too). */
export type RedisClientLike = IoRedisLike | NodeRedisLike;

/**
 * Runs one Lua script by its SHA-1, loading it with EVAL when Redis does not know it (yet, or any more).
 *
 * @internal
 */
export type ScriptRunner = (keys: string[], args: string[]) => Promise<unknown>;

async function sha1Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function isIoRedis(client: RedisClientLike): client is IoRedisLike {
  return typeof (client as Partial<IoRedisLike>).evalsha === 'function';
}

/**
 * Wraps `client` into a runner for `script`. A restarted Redis has forgotten its scripts and
 * answers `NOSCRIPT`: the runner then sends the script itself once, which caches it again.
 *
 * @internal
 */
export function scriptRunner(client: RedisClientLike, script: string): ScriptRunner {
  if (!isIoRedis(client) && typeof (client as Partial<NodeRedisLike>).evalSha !== 'function') {
    throw new TypeError('redisStore(redis) needs an ioredis client (with evalsha) or a node-redis client (with evalSha)');
  }
  let sha: Promise<string> | undefined;
  return async (keys, args) => {
    sha ??= sha1Hex(script);
    const digest = await sha;
    try {
      return isIoRedis(client) ? await client.evalsha(digest, keys.length, ...keys, ...args) : await client.evalSha(digest, { keys, arguments: args });
    } catch (error) {
      if (!String((error as { message?: unknown } | undefined)?.message).includes('NOSCRIPT')) throw error;
      return isIoRedis(client) ? client.eval(script, keys.length, ...keys, ...args) : client.eval(script, { keys, arguments: args });
    }
  };
}
