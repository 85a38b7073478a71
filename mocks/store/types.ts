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
} from '../../generated/schema.js';

/** The two environments of the API. */
export type Environment = 'production' | 'sandbox';

/** Plans of an organisation. */
export type Plan = 'free' | 'starter' | 'growth' | 'enterprise';

/** The organisation the mock serves. */
export interface OrganisationRecord {
  id: string;
  name: string;
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
  delay_seconds: number;
  reason: string | null;
}
/** A service without its derived open-incident count. */
export type ServiceRecord = Omit<Service, 'open_incident_count'>;
/** A schedule without `on_call_now`, plus the instant its rotations started. */
export interface ScheduleRecord extends Omit<Schedule, 'on_call_now'> {
  rotation_start: string;
}
/** A ticket plus the site it happened at (CSAT reviews are filtered by site). */
export interface TicketRecord extends Ticket {
  site_id: string | null;
}

/** One subscription (SKU) of an M365 tenant and its seats. */
export interface M365Subscription {
  sku: string;
  sku_name: string;
  seats: number;
}

/** What the mock knows of a tenant's directory: its users and subscriptions. */
export interface M365Directory {
  users: string[];
  subscriptions: M365Subscription[];
}

/** A tenant with its directory. */
export interface M365TenantRecord extends M365Tenant {
  directory: M365Directory;
}

/** An installer token with its creation time. */
export interface InstallerTokenRecord extends InstallerToken {
  created_at: string;
}

/** Everything the store holds; arrays keep a stable, deterministic order. */
export interface StoreData {
  organisation: OrganisationRecord;
  users: User[];
  roles: Role[];
  apiKeys: StoredApiKey[];
  auditEvents: AuditEvent[];
  clients: ClientRecord[];
  sites: SiteRecord[];
  agents: Agent[];
  agentActions: AgentActionRecord[];
  checks: Check[];
  alerts: Alert[];
  scripts: Script[];
  scriptRuns: ScriptRun[];
  tickets: TicketRecord[];
  contacts: Contact[];
  timeEntries: TimeEntry[];
  invoices: Invoice[];
  csatReviews: CsatReview[];
  services: ServiceRecord[];
  schedules: ScheduleRecord[];
  incidents: Incident[];
  opsScores: OpsScore[];
  benchmarks: Benchmark[];
  m365Tenants: M365TenantRecord[];
  licenses: LicenseAssignment[];
  settings: SettingsPanel[];
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
