/**
 * The control API's request bodies, checked field by field: unknown fields, wrong types and
 * out-of-range values are answered 422 with one detail per field, never half applied. @internal
 */
import { operations, type ErrorDetail, type OperationId, type Scope } from '@opsmerge/sdk';
import { parseCidr } from '../network/cidr.js';
import { SCENARIO_NAMES, type ScenarioName, type ScenarioOptions } from '../scenarios.js';
import { isScope, type ScopePreset } from '../scopes.js';
import { API_KEY_SHAPE } from '../store/keys.js';
import { isPlan } from '../store/plans.js';
import type { AccountSettings, AddApiKeyOptions } from '../store/store.js';

/** A body that is not what the endpoint takes. */
export class InvalidBody extends Error {
  override readonly name = 'InvalidBody';
  readonly details: ErrorDetail[];
  constructor(details: ErrorDetail[]) {
    super('The request is invalid');
    this.details = details;
  }
}

type Json = Record<string, unknown>;

/** Collects the problems of one body, then throws them together. */
class Checker {
  readonly problems: ErrorDetail[] = [];
  constructor(
    readonly body: Json,
    allowed: readonly string[],
  ) {
    for (const name of Object.keys(body)) if (!allowed.includes(name)) this.fail(name, `is not a field of this request; fields: ${allowed.join(', ')}`);
  }

  fail(field: string, message: string): undefined {
    this.problems.push({ field: `/${field}`, message });
    return undefined;
  }

  has(field: string): boolean {
    return this.body[field] !== undefined;
  }

  integer(field: string, min: number, max: number): number | undefined {
    const v = this.body[field];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return this.fail(field, `must be a whole number from ${min} to ${max}`);
    return v;
  }

  nullableInteger(field: string, min: number, max: number): number | null | undefined {
    return this.body[field] === null ? null : this.integer(field, min, max);
  }

  boolean(field: string): boolean | undefined {
    const v = this.body[field];
    if (v === undefined || typeof v === 'boolean') return v;
    return this.fail(field, 'must be true or false');
  }

  choice<T extends string>(field: string, choices: readonly T[]): T | undefined {
    const v = this.body[field];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) return this.fail(field, `must be one of ${choices.join(', ')}`);
    return v as T;
  }

  string(field: string, maxLength: number): string | undefined {
    const v = this.body[field];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.length === 0 || v.length > maxLength) return this.fail(field, `must be a string of 1 to ${maxLength} characters`);
    return v;
  }

  list<T extends string>(field: string, valid: (value: unknown) => value is T, what: string, max = 100): T[] | undefined {
    const v = this.body[field];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.length > max || !v.every(valid)) return this.fail(field, `must be a list of at most ${max} ${what}`);
    return v;
  }

  done(): void {
    if (this.problems.length > 0) throw new InvalidBody(this.problems);
  }
}

/** Parses a JSON object body; an empty body is `{}`. */
export function asObject(value: unknown): Json {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidBody([{ field: '', message: 'the body must be a JSON object' }]);
  return value as Json;
}

/** What `PATCH /_mock/account` changes. */
export interface AccountChanges extends AccountSettings {
  apiAccessEnabled?: boolean;
  ownerStatus?: 'active' | 'deactivated';
}

const MAX_LIMIT = 1_000_000_000;

/** `PATCH /_mock/account`: `plan`, `key_limit`, `daily_quota` (null: none), `api_access_enabled`, `owner_status`. */
export function accountChanges(body: Json): AccountChanges {
  const c = new Checker(body, ['plan', 'key_limit', 'daily_quota', 'api_access_enabled', 'owner_status']);
  const plan = c.has('plan') ? (isPlan(body['plan']) ? body['plan'] : c.fail('plan', 'must be one of free, starter, growth, enterprise')) : undefined;
  const changes: AccountChanges = {};
  const keyLimit = c.nullableInteger('key_limit', 0, MAX_LIMIT);
  const dailyQuota = c.nullableInteger('daily_quota', 0, MAX_LIMIT);
  const apiAccessEnabled = c.boolean('api_access_enabled');
  const ownerStatus = c.choice('owner_status', ['active', 'deactivated'] as const);
  c.done();
  if (plan !== undefined) changes.plan = plan;
  if (keyLimit !== undefined) changes.keyLimit = keyLimit;
  if (dailyQuota !== undefined) changes.dailyQuota = dailyQuota;
  if (apiAccessEnabled !== undefined) changes.apiAccessEnabled = apiAccessEnabled;
  if (ownerStatus !== undefined) changes.ownerStatus = ownerStatus;
  return changes;
}

const TEN_YEARS_S = 10 * 365 * 86_400;

/** `POST /_mock/clock/advance`: `seconds` (required, up to ten years). */
export function advanceSeconds(body: Json): number {
  const c = new Checker(body, ['seconds']);
  const seconds = c.has('seconds') ? c.integer('seconds', 1, TEN_YEARS_S) : c.fail('seconds', 'is required: how far to move the clock forward');
  c.done();
  return seconds!;
}

const isOperationId = (value: unknown): value is OperationId => typeof value === 'string' && Object.hasOwn(operations, value);

/** `POST /_mock/scenarios`: `name` and the scenario's options in snake_case. */
export function scenarioRequest(body: Json): { name: ScenarioName; options: ScenarioOptions } {
  const c = new Checker(body, ['name', 'operations', 'retry_after_seconds', 'failures', 'latency_ms']);
  const name = c.has('name') ? c.choice('name', SCENARIO_NAMES) : c.fail('name', `is required: one of ${SCENARIO_NAMES.join(', ')}`);
  const ops = c.list('operations', isOperationId, 'operationIds (e.g. agents_list)');
  const retryAfterSeconds = c.integer('retry_after_seconds', 0, 86_400);
  const failures = c.integer('failures', 0, 1_000_000);
  const latencyMs = c.integer('latency_ms', 0, 120_000);
  c.done();
  const options: { -readonly [K in keyof ScenarioOptions]: ScenarioOptions[K] } = {};
  if (ops !== undefined) options.operations = ops;
  if (retryAfterSeconds !== undefined) options.retryAfterSeconds = retryAfterSeconds;
  if (failures !== undefined) options.failures = failures;
  if (latencyMs !== undefined) options.latencyMs = latencyMs;
  return { name: name!, options };
}

/** `POST /_mock/keys`: a key in any state, for any user or role. */
export interface KeyRequest {
  readonly options: AddApiKeyOptions;
  /** Owner by role: the first active user with this role. */
  readonly roleId: string | undefined;
}

/** `POST /_mock/keys`: `key` (the secret to use), `name`, `scopes` or `preset`, `status`, `expires_at`, `environment`, `ip_allow_list`, `user_id` or `role_id`. */
export function keyRequest(body: Json): KeyRequest {
  const c = new Checker(body, ['key', 'name', 'scopes', 'preset', 'status', 'expires_at', 'environment', 'ip_allow_list', 'user_id', 'role_id']);
  const key = c.string('key', 40);
  if (key !== undefined && !API_KEY_SHAPE.test(key)) c.fail('key', 'must be om_test_ or om_live_ and 32 letters and digits');
  const name = c.string('name', 100);
  const scopes = c.list('scopes', (v): v is Scope => isScope(v), 'scopes of the catalogue (e.g. agents:read)', 64);
  const preset = c.choice<ScopePreset>('preset', ['read', 'write', 'admin']);
  if (scopes !== undefined && preset !== undefined) c.fail('preset', 'give either preset or scopes, not both');
  const status = c.choice('status', ['active', 'revoked', 'expired'] as const);
  const expiresAt = c.string('expires_at', 64);
  if (expiresAt !== undefined && Number.isNaN(Date.parse(expiresAt))) c.fail('expires_at', 'must be an RFC 3339 time');
  const environment = c.choice('environment', ['sandbox', 'production'] as const);
  const ipAllowList = c.list('ip_allow_list', (v): v is string => typeof v === 'string' && parseCidr(v) !== null, 'CIDR blocks (e.g. 203.0.113.0/24)', 50);
  const userId = c.string('user_id', 64);
  const roleId = c.string('role_id', 64);
  if (userId !== undefined && roleId !== undefined) c.fail('role_id', 'give either user_id or role_id, not both');
  if (key !== undefined && environment !== undefined && !key.startsWith(environment === 'production' ? 'om_live_' : 'om_test_')) c.fail('environment', "differs from the key's prefix");
  c.done();
  const options: AddApiKeyOptions = {
    ...(key === undefined ? {} : { key }),
    ...(name === undefined ? {} : { name }),
    ...(scopes === undefined ? {} : { scopes }),
    ...(preset === undefined ? {} : { preset }),
    ...(status === undefined ? {} : { status }),
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(environment === undefined ? {} : { environment }),
    ...(ipAllowList === undefined ? {} : { ipAllowList }),
    ...(userId === undefined ? {} : { userId }),
  };
  return { options, roleId };
}
