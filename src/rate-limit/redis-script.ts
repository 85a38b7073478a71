/**
 * The Lua script behind `redisStore`: every decision about a bucket is one atomic script run,
 * so N processes sharing a key never both take the last request of a window.
 *
 * Per bucket, two keys (one hash slot, thanks to the `{…}` tag, so Redis Cluster works):
 * - `<prefix>{<bucket>}`, a hash: `limit`, `remaining`, `reset` (epoch ms; -1 once the window
 *   rolled over and the new one is not known yet), `next` (the next ticket), `unmetered`;
 * - `<prefix>{<bucket>}:inflight`, a sorted set: the tickets of requests sent and not yet
 *   answered, scored by the moment their lease runs out (a process that dies mid-request does
 *   not hold a place for ever).
 *
 * The rules are `MemoryRateLimitStore`'s: the lowest `remaining` the server reported in the
 * window, minus every request still in flight (answers come back in any order, so an answer
 * says nothing about the requests sent before it), is what may still go.
 *
 * @internal
 * @packageDocumentation
 */

/** How long to wait while the first request of a bucket finds out the budget (as in memory). */
export const PROBE_POLL_MS = 5;
/** How long to wait when the window rolled over, is spent, and no answer told the new one yet. */
export const ROLLED_POLL_MS = 50;

/**
 * ARGV: 1 operation (`reserve`, `release`, `cancel`, `get`), 2 now (epoch ms), 3 idle TTL of the
 * keys (ms), then for `reserve` 4 the lease (ms); for `release`/`cancel` 4 the ticket, and for
 * `release` 5 what the answer said (1 a window, 2 no rate-limit fields, 0 nothing), 6 limit, 7 remaining, 8 reset (epoch ms).
 *
 * Replies: `reserve` → `{1, ticket}` or `{0, waitMs}`; `get` → `{limit, remaining, reset}` or
 * `{}`; the others → 1. Numbers are written with `%.0f`: Lua 5.1 would print `1.8e+15`.
 */
export const RATE_LIMIT_SCRIPT = `
local state, inflight = KEYS[1], KEYS[2]
local op, now, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local function int(n) return string.format('%.0f', n) end

local w = redis.call('HMGET', state, 'limit', 'remaining', 'reset', 'next', 'unmetered')
local limit, remaining, reset = tonumber(w[1]), tonumber(w[2]), tonumber(w[3])
if op == 'get' then
  if not limit then return {} end
  return {limit, remaining, reset}
end

local function touch()
  redis.call('PEXPIRE', state, ttl)
  redis.call('PEXPIRE', inflight, ttl)
end

-- Leases that ran out belong to requests whose release never came.
redis.call('ZREMRANGEBYSCORE', inflight, '-inf', int(now))
local busy = redis.call('ZCARD', inflight)

if op == 'reserve' then
  local function take()
    -- A new bucket numbers its tickets from now x 1000, so one recreated after a Redis restart
    -- never hands out the ticket of a request still in flight from before.
    local ticket = tonumber(w[4]) or now * 1000
    redis.call('HSET', state, 'next', int(ticket + 1))
    redis.call('ZADD', inflight, int(now + tonumber(ARGV[4])), int(ticket))
    touch()
    return {1, ticket}
  end
  if not limit then
    -- Nothing known yet: one request goes alone and finds out (unless the server sends no limits).
    if busy > 0 and w[5] ~= '1' then return {0, ${PROBE_POLL_MS}} end
    return take()
  end
  if reset >= 0 and now >= reset then
    -- The window rolled over: a full budget, minus every request still in flight.
    remaining, reset = limit, -1
    redis.call('HSET', state, 'remaining', int(remaining), 'reset', '-1')
  end
  if remaining - busy > 0 then return take() end
  if reset < 0 then
    -- Rolled over with no room by the last limit: with nothing in flight, one request finds out.
    if busy == 0 then return take() end
    return {0, ${ROLLED_POLL_MS}}
  end
  return {0, math.max(1, reset - now)}
end

local removed = redis.call('ZREM', inflight, ARGV[4])
if op == 'cancel' then
  touch()
  return 1
end

if ARGV[5] ~= '1' then
  if not limit then
    -- A server that answers without rate-limit headers gives nothing to pace by (2); a failed
    -- probe (0) says nothing, and the next request goes alone again.
    if ARGV[5] == '2' then redis.call('HSET', state, 'unmetered', '1') end
  elseif removed == 1 then
    -- No word about the window: assume the request counted.
    redis.call('HSET', state, 'remaining', int(math.max(0, remaining - 1)))
  end
  touch()
  return 1
end

local oLimit, oRemaining, oReset = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
-- A later window replaces the one we know; in the same window the lowest remaining wins. (An
-- answer from a window already over rolls over at the next reserve.)
if not limit or reset < 0 or oReset > reset then
  redis.call('HSET', state, 'limit', int(oLimit), 'remaining', int(oRemaining), 'reset', int(oReset))
elseif oReset == reset and oRemaining < remaining then
  redis.call('HSET', state, 'remaining', int(oRemaining))
end
touch()
return 1
`;
