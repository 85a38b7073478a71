import { describe, expect, it } from 'vitest';
import { compilePointer } from '../../mocks/spec.js';
import { createStore, DEFAULT_SEED_SIZES } from '../../mocks/index.js';
import type { StoreData } from '../../mocks/index.js';

/** Which spec schema each seeded collection must match (records with internal fields are checked through the API in lists.test.ts). */
const SCHEMA_OF: Partial<Record<keyof StoreData, string>> = {
  users: 'User',
  roles: 'Role',
  auditEvents: 'AuditEvent',
  agents: 'Agent',
  checks: 'Check',
  alerts: 'Alert',
  scripts: 'Script',
  scriptRuns: 'ScriptRun',
  contacts: 'Contact',
  timeEntries: 'TimeEntry',
  invoices: 'Invoice',
  csatReviews: 'CsatReview',
  incidents: 'Incident',
  opsScores: 'OpsScore',
  benchmarks: 'Benchmark',
  licenses: 'LicenseAssignment',
  settings: 'SettingsPanel',
};

describe('the seeded store', () => {
  it('gives the same data and test key for the same seed', () => {
    const a = createStore({ seed: 42 });
    const b = createStore({ seed: 42 });
    expect(a.snapshot()).toEqual(b.snapshot());
    expect(a.testKey).toBe(b.testKey);
  });

  it('gives different data for different seeds', () => {
    const a = createStore({ seed: 1 });
    const b = createStore({ seed: 2 });
    expect(a.data.organisation).not.toEqual(b.data.organisation);
    expect(a.data.agents.map((x) => x.id)).not.toEqual(b.data.agents.map((x) => x.id));
    expect(a.testKey).not.toBe(b.testKey);
  });

  it('dates everything before its now, which defaults to 2026-11-22T09:00:00Z', () => {
    const store = createStore();
    expect(store.nowIso()).toBe('2026-11-22T09:00:00Z');
    const limit = Date.parse('2026-11-22T09:00:00Z');
    for (const t of store.data.tickets) expect(Date.parse(t.updated_at)).toBeLessThanOrEqual(limit);
    const later = createStore({ now: new Date('2030-01-01T00:00:00Z') });
    expect(later.nowIso()).toBe('2030-01-01T00:00:00Z');
  });

  it('seeds small realistic sizes by default and honours configured sizes', () => {
    const store = createStore();
    expect(store.data.clients).toHaveLength(DEFAULT_SEED_SIZES.clients);
    expect(store.data.sites).toHaveLength(6);
    expect(store.data.agents).toHaveLength(40);
    expect(store.data.tickets).toHaveLength(120);
    const tiny = createStore({ sizes: { clients: 1, agents: 5, tickets: 7 } });
    expect(tiny.data.clients).toHaveLength(1);
    expect(tiny.data.agents).toHaveLength(5);
    expect(tiny.data.tickets).toHaveLength(7);
  });

  it('seeds every resource family', () => {
    const { data } = createStore();
    for (const name of ['users', 'roles', 'apiKeys', 'clients', 'sites', 'agents', 'checks', 'alerts', 'scripts', 'scriptRuns', 'tickets', 'contacts', 'timeEntries', 'invoices', 'csatReviews', 'services', 'schedules', 'incidents', 'm365Tenants', 'licenses', 'opsScores', 'benchmarks'] as const) {
      expect(data[name].length, name).toBeGreaterThan(0);
    }
  });

  it('matches the spec schemas record by record', () => {
    const { data } = createStore({ seed: 9 });
    for (const [collection, schema] of Object.entries(SCHEMA_OF)) {
      const validate = compilePointer(`#/components/schemas/${schema}`);
      for (const record of data[collection as keyof StoreData] as unknown[]) {
        expect(validate(record) ? [] : validate.errors, `${collection} ${JSON.stringify(record).slice(0, 120)}`).toEqual([]);
      }
    }
  });

  it('keeps ids in the <prefix>_<10 base32> form and unique', () => {
    const { data } = createStore();
    const ids = [...data.agents, ...data.tickets, ...data.alerts, ...data.clients].map((r) => r.id);
    for (const id of ids) expect(id).toMatch(/^[a-z]+_[0-9A-Z]{10}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('starts with a ready admin test key on the sandbox, stored only as a hash', () => {
    const store = createStore();
    expect(store.testKey).toMatch(/^om_test_[0-9a-zA-Z]{32}$/);
    const record = store.findKeyBySecret(store.testKey);
    expect(record).toMatchObject({ key_prefix: 'om_test_', last4: store.testKey.slice(-4), scopes: ['admin'], status: 'active' });
    expect(JSON.stringify(store.data)).not.toContain(store.testKey);
    expect(JSON.stringify(store.data)).not.toContain(store.testKey.slice(8));
  });

  it('adds keys with given scopes, status, expiry and environment', () => {
    const store = createStore();
    const narrow = store.addApiKey({ scopes: ['agents:read'] });
    expect(narrow.key).toMatch(/^om_test_/);
    expect(narrow.apiKey.scopes).toEqual(['agents:read']);
    expect(narrow.apiKey).not.toHaveProperty('secret_hash');
    expect(store.addApiKey({ status: 'revoked' }).apiKey.status).toBe('revoked');
    const expired = store.addApiKey({ status: 'expired' });
    expect(expired.apiKey.status).toBe('expired');
    expect(Date.parse(expired.apiKey.expires_at!)).toBeLessThan(store.now().getTime());
    expect(store.addApiKey({ environment: 'production' }).key).toMatch(/^om_live_[0-9a-zA-Z]{32}$/);
  });

  it('goes back to the seeded data on reset', () => {
    const store = createStore({ seed: 5 });
    const before = store.snapshot();
    store.data.tickets.splice(0, 10);
    store.addApiKey();
    store.clock.advance(60_000);
    store.reset();
    expect(store.snapshot()).toEqual(before);
    expect(store.nowIso()).toBe('2026-11-22T09:00:00Z');
  });
});
