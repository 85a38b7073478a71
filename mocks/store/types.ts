/**
 * Records the mock store keeps. Most are the API's own shapes (from generated/schema.ts);
 * a few carry internal fields the API never shows (key hashes, tenant directories), and
 * computed fields (counts, who is on call) are left out and derived on every read.
 */
import type {
  Agent,
  AgentAction,
  Alert,
  ApiKey,
  AuditEvent,
  Benchmark,
  Check,
  Client,
  Contact,
  CsatReview,
  Incident,
  InstallerToken,
  Invoice,
  LicenseAssignment,
  M365Tenant,
  OpsScore,
  Role,
  Schedule,
  Script,
  ScriptRun,
  Service,
  SettingsPanel,
  Site,
  Ticket,
  TimeEntry,
  User,
} from '@opsmerge/sdk';

/** The two environments of the API. */
export type Environment = 'production' | 'sandbox';

/** Plans of an organisation. */
export type Plan = 'free' | 'starter' | 'growth' | 'enterprise';

/** The organisation the mock serves. */
export interface OrganisationRecord {
  /** The organisation's id (`org_…`), as `auth_me` reports it. */
  id: string;
  /** Its display name. */
  name: string;
  /**
   * The plan `auth_me` reports. It decides the key limit, the daily quota and whether keys may
   * carry an IP allow-list (store/plans.ts); `MockApiOptions` `planKeyLimit` and `dailyQuota`
   * override the first two. Change it with `store.updateAccount({ plan })`.
   */
  plan: Plan;
  /** When false every key gets 403 `API_ACCESS_DISABLED`. */
  api_access_enabled: boolean;
}

/** An API key as stored: the listed shape plus the hash of its secret. */
export interface StoredApiKey extends ApiKey {
  /** SHA-256 (hex) of the full key; the key itself is never stored. */
  secret_hash: string;
  /** When a rotation scheduled this key's revocation (`grace_seconds` later). */
  revoke_at: string | null;
}

/** A client without its derived counts. */
export type ClientRecord = Omit<Client, 'site_count' | 'agent_count'>;
/** A site without its derived agent count. */
export type SiteRecord = Omit<Site, 'agent_count'>;
/** A queued agent action, with the request that queued it. */
export interface AgentActionRecord extends AgentAction {
  /** The reboot request's `delay_seconds` (0 when not given): the action starts this long after `requested_at`. */
  delay_seconds: number;
  /** The reboot request's `reason`, or null when none was given. */
  reason: string | null;
}
/** A service without its derived open-incident count. */
export type ServiceRecord = Omit<Service, 'open_incident_count'>;
/** A schedule without `on_call_now`, plus the instant its rotations started. */
export interface ScheduleRecord extends Omit<Schedule, 'on_call_now'> {
  /**
   * When every layer's rotation started (RFC 3339). `on_call_now` is computed from it: the
   * layer's users take turns of `rotation_seconds` from this instant, in `user_ids` order.
   */
  rotation_start: string;
}
/** A ticket plus the site it happened at (CSAT reviews are filtered by site). */
export interface TicketRecord extends Ticket {
  /**
   * The site the ticket is about, or null; a ticket created through the API gets its client's
   * first site. Not part of the API's ticket: the CSAT reviews of the ticket carry it.
   */
  site_id: string | null;
}

/** One subscription (SKU) of an M365 tenant and its seats. */
export interface M365Subscription {
  /** Microsoft's SKU part number (`O365_BUSINESS_PREMIUM`, `SPE_E3`, …). */
  sku: string;
  /** The SKU's product name, copied to the assignments made from it. */
  sku_name: string;
  /** Licenses bought: `m365Licenses_assign` fails with 422 once every seat is assigned. */
  seats: number;
}

/** What the mock knows of a tenant's directory: its users and subscriptions. */
export interface M365Directory {
  /** User principal names of the tenant's users: the only users a license can be assigned to. */
  users: string[];
  /** The SKUs the tenant subscribes to, with their seats. */
  subscriptions: M365Subscription[];
}

/** A tenant with its directory. */
export interface M365TenantRecord extends M365Tenant {
  /** What the mock's Microsoft Graph knows of the tenant; never returned by the API. */
  directory: M365Directory;
}

/** An installer token with its creation time. */
export interface InstallerTokenRecord extends InstallerToken {
  /** When the token was created (RFC 3339); the API never returns it. */
  created_at: string;
}

/**
 * Everything the store holds; arrays keep a stable, deterministic order. Tests may read and
 * change it through `api.store.data`: the handlers read it on every request.
 */
export interface StoreData {
  /** The organisation every key belongs to. Set `api_access_enabled: false` to get 403 `API_ACCESS_DISABLED`. */
  organisation: OrganisationRecord;
  /** The organisation's users; the first is its owner, who owns the ready keys. */
  users: User[];
  /** The roles users have (`roles_list`). */
  roles: Role[];
  /** Every API key, with the hash of its secret: the seeded ones, the ready test keys, and those added or created since. */
  apiKeys: StoredApiKey[];
  /** The audit log, oldest first; writes through the API append to it. */
  auditEvents: AuditEvent[];
  /** Managed clients; `site_count` and `agent_count` are computed when read. */
  clients: ClientRecord[];
  /** Sites of the clients; `agent_count` is computed when read. */
  sites: SiteRecord[];
  /** Monitored devices. */
  agents: Agent[];
  /** Reboots queued with `agents_reboot`; they progress as the clock moves. */
  agentActions: AgentActionRecord[];
  /** Monitoring checks of the agents. */
  checks: Check[];
  /** Alerts raised by checks and agents. */
  alerts: Alert[];
  /** The script library. */
  scripts: Script[];
  /** Script runs; queued ones progress as the clock moves. */
  scriptRuns: ScriptRun[];
  /** PSA tickets, each with its site. */
  tickets: TicketRecord[];
  /** People at the clients. */
  contacts: Contact[];
  /** Time logged against tickets. */
  timeEntries: TimeEntry[];
  /** Invoices issued to the clients. */
  invoices: Invoice[];
  /** CSAT reviews of resolved and closed tickets. */
  csatReviews: CsatReview[];
  /** Services events are routed to; `open_incident_count` is computed when read. */
  services: ServiceRecord[];
  /** On-call schedules; `on_call_now` is computed from the clock when read. */
  schedules: ScheduleRecord[];
  /** Incidents opened by trigger events. */
  incidents: Incident[];
  /** Ops scores per site and period (beta). */
  opsScores: OpsScore[];
  /** Industry benchmarks (beta). */
  benchmarks: Benchmark[];
  /** Connected Microsoft 365 tenants, each with its directory (beta). */
  m365Tenants: M365TenantRecord[];
  /** License assignments of the tenants (beta). */
  licenses: LicenseAssignment[];
  /** The web UI's settings panels (internal). */
  settings: SettingsPanel[];
  /** Installer tokens created with `installerTokens_create` (internal). */
  installerTokens: InstallerTokenRecord[];
}

/** How many of each resource the seed creates. */
export interface SeedSizes {
  /** @default 3 */
  clients: number;
  /** Sites per client. @default 2 */
  sitesPerClient: number;
  /** @default 40 */
  agents: number;
  /** Checks per agent. @default 2 */
  checksPerAgent: number;
  /** @default 30 */
  alerts: number;
  /** @default 8 */
  users: number;
  /** @default 8 */
  scripts: number;
  /** @default 20 */
  scriptRuns: number;
  /** @default 120 */
  tickets: number;
  /** Contacts per client. @default 5 */
  contactsPerClient: number;
  /** @default 80 */
  timeEntries: number;
  /** @default 12 */
  invoices: number;
  /** @default 30 */
  csatReviews: number;
  /** @default 4 */
  services: number;
  /** @default 2 */
  schedules: number;
  /** @default 10 */
  incidents: number;
  /** M365 tenants (at most one per client). @default 2 */
  m365Tenants: number;
  /** License assignments per tenant. @default 10 */
  licensesPerTenant: number;
  /** Audit events. @default 25 */
  auditEvents: number;
}

/** Default seed sizes: realistic but small. */
export const DEFAULT_SEED_SIZES: Readonly<SeedSizes> = Object.freeze({
  clients: 3,
  sitesPerClient: 2,
  agents: 40,
  checksPerAgent: 2,
  alerts: 30,
  users: 8,
  scripts: 8,
  scriptRuns: 20,
  tickets: 120,
  contactsPerClient: 5,
  timeEntries: 80,
  invoices: 12,
  csatReviews: 30,
  services: 4,
  schedules: 2,
  incidents: 10,
  m365Tenants: 2,
  licensesPerTenant: 10,
  auditEvents: 25,
});
