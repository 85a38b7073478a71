/**
 * Builds the whole seeded data set from one seed: the same seed, `now` and sizes always
 * give the same organisation, keys, clients, agents, tickets… @internal
 */
import { Faker, base, en } from '@faker-js/faker';
import { IdFactory } from './ids.js';
import { seedApiKeys, seedAuditEvents, seedOrganisation, seedRoles, seedSettings, seedUsers } from './seed-account.js';
import { seedBenchmarks, seedOpsScores } from './seed-analytics.js';
import { SeedContext } from './seed-context.js';
import { seedIncidents, seedSchedules, seedServices } from './seed-incidents.js';
import { seedLicenses, seedTenants } from './seed-m365.js';
import { seedContacts, seedCsatReviews, seedInvoices, seedTickets, seedTimeEntries } from './seed-psa.js';
import { seedAgents, seedAlerts, seedChecks, seedClients, seedScriptRuns, seedScripts, seedSites } from './seed-rmm.js';
import type { SeedSizes, StoreData } from './types.js';

/** The seeded data, the ready test key, and the id factory that continues the sequence. */
export interface SeedResult {
  data: StoreData;
  testKey: string;
  liveKey: string;
  ids: IdFactory;
  faker: Faker;
}

/** Seeds a fresh data set. */
export function seed(seedValue: number, now: Date, sizes: SeedSizes): SeedResult {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seedValue);
  const ids = new IdFactory(faker);
  const ctx = new SeedContext(faker, ids, now, sizes);

  const organisation = seedOrganisation(ctx);
  const roles = seedRoles();
  const users = seedUsers(ctx, organisation);
  const owner = users[0]!;
  const { testKey, liveKey, keys } = seedApiKeys(ctx, owner);
  const clients = seedClients(ctx);
  const sites = seedSites(ctx, clients);
  const agents = seedAgents(ctx, clients, sites);
  const checks = seedChecks(ctx, agents);
  const alerts = seedAlerts(ctx, agents, checks, users);
  const scripts = seedScripts(ctx);
  const scriptRuns = seedScriptRuns(ctx, scripts, agents);
  const contacts = seedContacts(ctx, clients);
  const tickets = seedTickets(ctx, clients, sites, contacts, users);
  const timeEntries = seedTimeEntries(ctx, tickets, users);
  const invoices = seedInvoices(ctx, clients, agents, tickets, timeEntries);
  const csatReviews = seedCsatReviews(ctx, tickets);
  const schedules = seedSchedules(ctx, users);
  const services = seedServices(ctx, clients, schedules);
  const incidents = seedIncidents(ctx, services, schedules);
  const opsScores = seedOpsScores(ctx, sites);
  const benchmarks = seedBenchmarks(ctx);
  const m365Tenants = seedTenants(ctx, clients, contacts);
  const licenses = seedLicenses(ctx, m365Tenants);

  const data: StoreData = {
    organisation,
    users,
    roles,
    apiKeys: keys,
    auditEvents: seedAuditEvents(ctx, users, keys),
    clients,
    sites,
    agents,
    agentActions: [],
    checks,
    alerts,
    scripts,
    scriptRuns,
    tickets,
    contacts,
    timeEntries,
    invoices,
    csatReviews,
    services,
    schedules,
    incidents,
    opsScores,
    benchmarks,
    m365Tenants,
    licenses,
    settings: seedSettings(ctx, owner),
    installerTokens: [],
  };
  return { data, testKey, liveKey, ids, faker };
}
