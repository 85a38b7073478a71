/** Response bodies shaped like the API's (openapi/paths/account.yaml, rmm.yaml examples). */

export const ME = {
  data: {
    organisation: { id: 'org_01HZX0A1B2', name: 'Northwind IT Services', plan: 'growth' },
    user: {
      id: 'usr_01HZX0C5E6',
      email: 'priya.shah@northwind-it.example',
      name: 'Priya Shah',
      role_id: 'role_admin',
      status: 'active',
      last_login_at: '2026-11-21T16:02:11Z',
      created_at: '2025-03-04T10:00:00Z',
    },
    key: { id: 'key_01HZX1C3D4', name: 'PSA sync (sandbox)', key_prefix: 'om_test_', last4: '9f3a' },
    scopes: ['agents:read', 'alerts:write', 'psa_tickets:write'],
    environment: 'sandbox',
    rate_limit: { limit: 300, remaining: 299, reset: 1795689600, daily_quota: 10000 },
  },
};

const OS = [
  ['windows', 'Windows Server 2022 Standard 21H2 (build 20348.2849)'],
  ['macos', 'macOS 15.1 Sequoia (24B83)'],
  ['linux', 'Ubuntu 24.04.1 LTS (6.8.0-48-generic)'],
] as const;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-like 10-character id for item `n`, as the API's ids look (`agt_01HZX4C9P2`). */
function id10(n: number): string {
  let out = '';
  for (let i = 0, v = n; i < 10; i++, v = Math.floor(v / 32)) out = CROCKFORD[v % 32] + out;
  return out;
}

/** Agent `i` of the list: every field of the `Agent` schema, about 520 bytes of JSON. */
export function agent(i: number): Record<string, unknown> {
  const [os, osVersion] = OS[i % 3] as (typeof OS)[number];
  const day = String(1 + (i % 28)).padStart(2, '0');
  return {
    id: `agt_${id10(i)}`,
    client_id: 'cli_01HZX2A7K3',
    site_id: 'site_01HZX2B8M4',
    hostname: `NW-WS${String(i).padStart(5, '0')}`,
    status: i % 7 === 0 ? 'offline' : 'online',
    os,
    os_version: osVersion,
    agent_version: '4.12.3',
    ip_address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    public_ip: '203.0.113.24',
    logged_in_user: i % 4 === 0 ? null : `NORTHWIND\\user${i}`,
    last_seen_at: `2026-11-${day}T09:14:${String(i % 60).padStart(2, '0')}Z`,
    last_boot_at: `2026-11-${day}T02:00:00Z`,
    created_at: '2025-03-04T10:00:00Z',
    updated_at: `2026-11-${day}T09:14:00Z`,
  };
}

/** One page of `/v1/agents`, in the API's list envelope. */
export function agentsPage(total: number, page: number, perPage: number): Buffer {
  const items: Record<string, unknown>[] = [];
  for (let i = (page - 1) * perPage; i < Math.min(total, page * perPage); i++) items.push(agent(i));
  return Buffer.from(JSON.stringify({ data: { items, total, page, per_page: perPage } }));
}

export function errorBody(code: string, message: string, requestId: string): Buffer {
  return Buffer.from(JSON.stringify({ error: { code, message, request_id: requestId } }));
}
