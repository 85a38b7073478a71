/**
 * The in-memory store behind the mock: seeded data, the ready test key, key management
 * for tests, the audit trail and the lazy progress of queued work (reboots, script runs,
 * scheduled key revocations) as the clock moves.
 */
import type { ApiKey, AuditEvent, Role, Scope, User } from '@opsmerge/sdk';
import { MockClock, toTimestamp } from '../clock.js';
import { resolveOAuthOptions, type OAuthOptions } from '../oauth/clients.js';
import { OAuthGrants } from '../oauth/grants.js';
import { presetScopes, type ScopePreset } from '../scopes.js';
import type { IdFactory } from './ids.js';
import { apiKeyView, makeApiKey, revokeKey, settleKey } from './keys.js';
import { seed } from './seed.js';
import { PLAN_LIMITS, type PlanLimits } from './plans.js';
import { DAY_MS, plusMs } from './seed-context.js';
import { sha256Hex } from './sha256.js';
import { DEFAULT_SEED_SIZES, type Environment, type Plan, type SeedSizes, type StoreData, type StoredApiKey } from './types.js';

/** The instant seeded data is anchored to unless `now` is given. */
export const DEFAULT_NOW = '2026-11-22T09:00:00Z';

/** Options of {@link createStore}. */
export interface StoreOptions {
  /**
   * Seed of the data set: the same seed gives the same data (and the same test key).
   * @default 1
   */
  seed?: number;
  /**
   * The mock's "now": every seeded timestamp lies before it, and created resources are
   * stamped with it (plus whatever `advanceTime` added).
   * @default new Date('2026-11-22T09:00:00Z')
   */
  now?: Date;
  /** How many of each resource to seed. @default {@link DEFAULT_SEED_SIZES} */
  sizes?: Partial<SeedSizes>;
  /** A clock to share (createMockApi passes its own). */
  clock?: MockClock;
  /** The organisation's plan and limits that override the plan's. @default { plan: 'growth' } */
  account?: AccountSettings;
  /** Settings of the OAuth authorization server (token lifetimes, consent, redirect URIs). */
  oauth?: OAuthOptions;
}

/**
 * The organisation's plan, and limits that override what the plan allows (for tests that
 * need a tiny quota or key limit). Fields left out follow the plan.
 */
export interface AccountSettings {
  /** @default 'growth' */
  plan?: Plan;
  /** Active API keys allowed; null for unlimited. @default the plan's (free 2, starter 5, growth 20, enterprise unlimited) */
  keyLimit?: number | null;
  /** Requests per key per UTC day; null for none. @default the plan's (10,000 on free and starter, none otherwise) */
  dailyQuota?: number | null;
}

/** Options of {@link MockStore.addApiKey}. */
export interface AddApiKeyOptions {
  /** @default 'Test key' */
  name?: string;
  /** Custom scopes; wins over `preset`. */
  scopes?: readonly Scope[];
  /** Scope preset when `scopes` is not given. @default 'admin' */
  preset?: ScopePreset;
  /** `revoked` and `expired` keys are made in that state. @default 'active' */
  status?: 'active' | 'revoked' | 'expired';
  /** Expiry; an `expired` key without one expired a day ago. @default null */
  expiresAt?: Date | string | null;
  /** `sandbox` makes an `om_test_` key, `production` an `om_live_` key. @default 'sandbox' */
  environment?: Environment;
  /** Owner of the key. @default the organisation's owner */
  userId?: string;
  /** CIDR allow-list, enforced on requests the HTTP mock receives (403 `IP_NOT_ALLOWED`). @default [] */
  ipAllowList?: readonly string[];
  /**
   * The full key to use, e.g. one a curl script names (`om_test_` or `om_live_` and 32
   * letters and digits; its prefix sets the environment). It must not be in use.
   * @default a random key of `environment`
   */
  key?: string;
}

/** A key added by a test: the full secret and how the API lists it. */
export interface AddedApiKey {
  /** The full key, to send as `Authorization: Bearer …`. */
  key: string;
  /** The key as `apiKeys_get` shows it. */
  apiKey: ApiKey;
}

/** Who did something, for the audit log. */
export type AuditActor = AuditEvent['actor'];

/** The mock's state. Create with {@link createStore}. */
export class MockStore {
  /** The seed the data came from. */
  readonly seed: number;
  /** The sizes the data was seeded with. */
  readonly sizes: Readonly<SeedSizes>;
  /** The clock every timestamp comes from. */
  readonly clock: MockClock;
  /** The current data. Handlers change it; {@link reset} puts the seeded data back. */
  data: StoreData;
  /** The ready sandbox key (`om_test_…`, scope `admin`). */
  testKey: string;
  /** The ready production key (`om_live_…`, scope `admin`), for production base URLs. */
  liveKey: string;
  /** Id factory that continues the seeded sequence. @internal */
  ids: IdFactory;
  /** The OAuth authorization server's codes, grants and tokens (emptied by {@link reset}). @internal */
  readonly oauth: OAuthGrants;

  readonly #initialAccount: AccountSettings;
  #account: AccountSettings;

  constructor(options: StoreOptions = {}) {
    this.seed = options.seed ?? 1;
    this.sizes = Object.freeze({ ...DEFAULT_SEED_SIZES, ...options.sizes });
    this.clock = options.clock ?? new MockClock(options.now ?? new Date(DEFAULT_NOW));
    this.#initialAccount = { ...options.account };
    this.oauth = new OAuthGrants(resolveOAuthOptions(options.oauth), () => this.clock.epochMs());
    this.#account = { ...this.#initialAccount };
    const seeded = seed(this.seed, this.clock.start(), this.sizes);
    this.data = seeded.data;
    this.testKey = seeded.testKey;
    this.liveKey = seeded.liveKey;
    this.ids = seeded.ids;
    this.data.organisation.plan = this.#account.plan ?? 'growth';
  }

  /**
   * Puts the seeded data and account settings back and rewinds the clock. A clock that
   * follows real time re-seeds around the current time.
   */
  reset(): void {
    this.clock.reset();
    const seeded = seed(this.seed, this.clock.start(), this.sizes);
    this.data = seeded.data;
    this.testKey = seeded.testKey;
    this.liveKey = seeded.liveKey;
    this.ids = seeded.ids;
    this.#account = { ...this.#initialAccount };
    this.data.organisation.plan = this.#account.plan ?? 'growth';
    this.oauth.reset();
  }

  /** What the organisation's plan allows, with the overrides of {@link AccountSettings} applied. */
  limits(): PlanLimits {
    const plan = PLAN_LIMITS[this.data.organisation.plan];
    return {
      keyLimit: this.#account.keyLimit !== undefined ? this.#account.keyLimit : plan.keyLimit,
      dailyQuota: this.#account.dailyQuota !== undefined ? this.#account.dailyQuota : plan.dailyQuota,
      ipAllowLists: plan.ipAllowLists,
    };
  }

  /**
   * Changes the plan or a limit (the control API's `PATCH /_mock/account`); fields left out
   * keep their value, `null` means "none" (unlimited keys, no quota). Changing the plan drops
   * neither override: a limit set explicitly stays until changed or reset.
   */
  updateAccount(changes: AccountSettings): void {
    if (changes.plan !== undefined) {
      this.#account.plan = changes.plan;
      this.data.organisation.plan = changes.plan;
    }
    if (changes.keyLimit !== undefined) this.#account.keyLimit = changes.keyLimit;
    if (changes.dailyQuota !== undefined) this.#account.dailyQuota = changes.dailyQuota;
  }

  /** A deep copy of the data, for comparisons. */
  snapshot(): StoreData {
    return structuredClone(this.data);
  }

  /** The data clock. */
  now(): Date {
    return this.clock.now();
  }

  /** The data clock as an RFC 3339 timestamp. */
  nowIso(): string {
    return toTimestamp(this.clock.now());
  }

  /** Adds a key, e.g. one with narrow scopes, revoked, expired or for production. */
  addApiKey(options: AddApiKeyOptions = {}): AddedApiKey {
    const now = this.now();
    const status = options.status ?? 'active';
    const expiresAt =
      options.expiresAt !== undefined && options.expiresAt !== null
        ? toTimestamp(new Date(options.expiresAt))
        : status === 'expired'
          ? toTimestamp(new Date(now.getTime() - DAY_MS))
          : null;
    const environment = options.key === undefined ? (options.environment ?? 'sandbox') : options.key.startsWith('om_live_') ? 'production' : 'sandbox';
    if (options.key !== undefined && options.environment !== undefined && options.environment !== environment) {
      throw new TypeError(`addApiKey: the key's prefix says ${environment}, environment says ${options.environment}`);
    }
    if (options.key !== undefined && this.findKeyBySecret(options.key)) throw new TypeError('addApiKey: that key is already in use');
    const { key, record } = makeApiKey(this.ids, {
      name: options.name ?? 'Test key',
      userId: options.userId ?? this.owner().id,
      scopes: options.scopes ?? presetScopes(options.preset ?? 'admin'),
      environment,
      createdAt: toTimestamp(now),
      expiresAt,
      ipAllowList: options.ipAllowList ?? [],
      ...(options.key === undefined ? {} : { key: options.key }),
    });
    if (status === 'revoked') revokeKey(record, now);
    this.data.apiKeys.push(record);
    settleKey(record, now);
    if (status === 'expired') record.status = 'expired';
    return { key, apiKey: apiKeyView(record) };
  }

  /** The stored key whose secret is `key`, if any. */
  findKeyBySecret(key: string): StoredApiKey | undefined {
    const hash = sha256Hex(key);
    return this.data.apiKeys.find((k) => k.secret_hash === hash);
  }

  /** Keys that are active now (they count against the plan's key limit). */
  activeKeyCount(): number {
    this.settle();
    return this.data.apiKeys.filter((k) => k.status === 'active').length;
  }

  /** The organisation's owner (the first user). */
  owner(): User {
    return this.data.users[0]!;
  }

  /** A user by id. */
  user(id: string): User | undefined {
    return this.data.users.find((u) => u.id === id);
  }

  /** A role by id. */
  role(id: string): Role | undefined {
    return this.data.roles.find((r) => r.id === id);
  }

  /** Records an API action in the audit log. */
  audit(action: string, targetType: string, targetId: string, actor: AuditActor): void {
    this.data.auditEvents.push({
      id: this.ids.next('aud'),
      occurred_at: this.nowIso(),
      actor,
      action,
      target_type: targetType,
      target_id: targetId,
      source: 'api',
      ip: null,
    });
  }

  /**
   * Moves queued work along to the current time: scheduled key revocations and expiries,
   * reboots (done 90 s after their delay) and script runs (running after 5 s, finished
   * after 30 s; runs with an offline agent time out).
   */
  settle(): void {
    const now = this.now();
    const t = now.getTime();
    for (const key of this.data.apiKeys) settleKey(key, now);
    for (const action of this.data.agentActions) {
      const start = new Date(action.requested_at).getTime() + action.delay_seconds * 1000;
      if (action.status === 'queued' && t >= start) action.status = 'running';
      if (action.status === 'running' && t >= start + 90_000) {
        action.status = 'succeeded';
        action.completed_at = toTimestamp(new Date(start + 90_000));
        const agent = this.data.agents.find((a) => a.id === action.agent_id);
        if (agent) {
          agent.last_boot_at = toTimestamp(new Date(start + 60_000));
          agent.updated_at = action.completed_at;
        }
      }
    }
    for (const run of this.data.scriptRuns) {
      if (run.status !== 'queued' && run.status !== 'running') continue;
      const requested = new Date(run.requested_at).getTime();
      if (run.status === 'queued' && t >= requested + 5_000) {
        run.status = 'running';
        run.started_at = toTimestamp(new Date(requested + 5_000));
      }
      if (run.status !== 'running' || run.started_at === null) continue;
      const agents = run.agent_ids.map((id) => this.data.agents.find((a) => a.id === id));
      const reachable = agents.every((a) => a !== undefined && a.status !== 'offline');
      const started = new Date(run.started_at).getTime();
      const hosts = agents.map((a, i) => a?.hostname ?? run.agent_ids[i]!);
      if (reachable && t >= started + 30_000) {
        run.status = 'succeeded';
        run.finished_at = plusMs(run.started_at, 30_000);
        run.exit_code = 0;
        run.output = hosts.map((h) => `[${h}] Completed successfully.\n`).join('');
      } else if (!reachable && t >= requested + run.timeout_seconds * 1000) {
        run.status = 'timed_out';
        run.finished_at = toTimestamp(new Date(requested + run.timeout_seconds * 1000));
        run.exit_code = null;
        run.output = agents.map((a, i) => `[${hosts[i]}] ${a && a.status !== 'offline' ? 'Completed successfully.' : 'No response before the timeout.'}\n`).join('');
      }
    }
  }
}

/** Creates a seeded store. */
export function createStore(options: StoreOptions = {}): MockStore {
  return new MockStore(options);
}
