/** Seeds clients, sites, agents, checks, alerts, scripts and script runs. @internal */
import type { Agent, Alert, Check, Script, ScriptRun, User } from '@opsmerge/sdk';
import { plusMs, slugify, type SeedContext } from './seed-context.js';
import type { ClientRecord, SiteRecord } from './types.js';

const TIMEZONES = ['Europe/London', 'Europe/Amsterdam', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'Australia/Sydney'];
const SITE_KINDS = ['Head Office', 'Branch Office', 'Warehouse', 'Clinic', 'Data Centre', 'Studio'];

/** Clients with unique names and `.example` domains. */
export function seedClients(ctx: SeedContext): ClientRecord[] {
  const clients: ClientRecord[] = [];
  const names = new Set<string>();
  while (clients.length < ctx.sizes.clients) {
    const name = ctx.faker.company.name();
    if (names.has(name)) continue;
    names.add(name);
    const createdAt = ctx.pastIso(200, 900);
    clients.push({
      id: ctx.ids.next('cli'),
      name,
      domain: ctx.chance(0.9) ? `${slugify(name)}.example` : null,
      status: 'active',
      created_at: createdAt,
      updated_at: ctx.betweenIso(createdAt),
    });
  }
  return clients;
}

/** `sitesPerClient` sites per client; the last site of a client may be logical (no address). */
export function seedSites(ctx: SeedContext, clients: readonly ClientRecord[]): SiteRecord[] {
  const sites: SiteRecord[] = [];
  for (const client of clients) {
    for (let i = 0; i < ctx.sizes.sitesPerClient; i++) {
      const city = ctx.faker.location.city();
      const createdAt = ctx.betweenIso(client.created_at);
      const kind = i === 0 ? 'Head Office' : ctx.pick(SITE_KINDS);
      sites.push({
        id: ctx.ids.next('site'),
        client_id: client.id,
        name: `${city} ${kind}`.slice(0, 200),
        address: `${ctx.faker.location.streetAddress()}, ${city} ${ctx.faker.location.zipCode()}, ${ctx.faker.location.country()}`.slice(0, 500),
        timezone: ctx.pick(TIMEZONES),
        created_at: createdAt,
        updated_at: ctx.betweenIso(createdAt),
      });
    }
  }
  return sites;
}

const OS_VERSIONS: Record<Agent['os'], readonly string[]> = {
  windows: [
    'Windows Server 2022 Standard 21H2 (build 20348.2849)',
    'Windows Server 2019 Datacenter (build 17763.6532)',
    'Windows 11 Pro 23H2 (build 22631.4460)',
    'Windows 11 Enterprise 24H2 (build 26100.2314)',
    'Windows 10 Pro 22H2 (build 19045.5131)',
  ],
  macos: ['macOS 15.1 Sequoia', 'macOS 14.7 Sonoma', 'macOS 13.7 Ventura'],
  linux: ['Ubuntu 24.04.1 LTS', 'Ubuntu 22.04.5 LTS', 'Debian GNU/Linux 12 (bookworm)', 'Red Hat Enterprise Linux 9.4'],
};

function initials(name: string): string {
  const letters = name
    .split(/[\s,&-]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('')
    .replace(/[^A-Z]/g, '');
  return (letters || 'CL').slice(0, 3);
}

/** Agents spread over the sites, hostnames unique (`NW-DC01`, `NW-WS014`…). */
export function seedAgents(ctx: SeedContext, clients: readonly ClientRecord[], sites: readonly SiteRecord[]): Agent[] {
  const agents: Agent[] = [];
  const hostnames = new Set<string>();
  for (let i = 0; i < ctx.sizes.agents && sites.length > 0; i++) {
    const site = sites[i % sites.length]!;
    const client = clients.find((c) => c.id === site.client_id)!;
    const os = ctx.weighted<Agent['os']>([['windows', 70], ['macos', 15], ['linux', 15]]);
    const server = os !== 'macos' && ctx.chance(0.3);
    const status = ctx.weighted<Agent['status']>([['online', 75], ['offline', 20], ['maintenance', 5]]);
    let hostname = '';
    for (let n = 1; hostname === '' || hostnames.has(hostname); n++) {
      hostname = `${initials(client.name)}-${server ? (os === 'linux' ? 'LNX' : 'SRV') : os === 'macos' ? 'MAC' : 'WS'}${String(ctx.int(1, 99) + n - 1).padStart(2, '0')}`;
    }
    hostnames.add(hostname);
    const createdAt = ctx.betweenIso(site.created_at);
    const online = status !== 'offline';
    const siteIndex = sites.indexOf(site);
    agents.push({
      id: ctx.ids.next('agt'),
      client_id: client.id,
      site_id: site.id,
      hostname,
      status,
      os,
      os_version: ctx.pick(OS_VERSIONS[os]),
      agent_version: `4.${ctx.int(8, 12)}.${ctx.int(0, 9)}`,
      ip_address: `10.${siteIndex % 250}.${ctx.int(0, 20)}.${ctx.int(2, 254)}`,
      public_ip: ctx.faker.internet.ipv4(),
      logged_in_user: online && !server && os === 'windows' ? `${initials(client.name)}\\${slugify(ctx.faker.person.firstName())[0] ?? 'u'}.${slugify(ctx.faker.person.lastName())}` : null,
      last_seen_at: online ? ctx.pastIso(0, 0.01) : ctx.pastIso(1, 20),
      last_boot_at: ctx.pastIso(1, 40),
      created_at: createdAt,
      updated_at: ctx.betweenIso(createdAt),
    });
  }
  return agents.sort((a, b) => a.hostname.localeCompare(b.hostname));
}

const CHECK_KINDS: ReadonlyArray<{ type: Check['type']; name: string; pass: string; warn: string; fail: string; os?: Agent['os'] }> = [
  { type: 'disk_space', name: 'Disk space C:', pass: 'C: 84.2 GB free of 237.9 GB (35.4%)', warn: 'C: 11.8 GB free of 126.4 GB (9.3%), warning below 10%', fail: 'C: 2.1 GB free of 126.4 GB (1.7%), critical below 5%', os: 'windows' },
  { type: 'disk_space', name: 'Disk space /', pass: '/: 41 GB free of 98 GB (42%)', warn: '/: 8.9 GB free of 98 GB (9.1%)', fail: '/: 1.2 GB free of 98 GB (1.2%)', os: 'linux' },
  { type: 'cpu', name: 'CPU usage', pass: 'CPU 12% (5-minute average)', warn: 'CPU 86% (5-minute average), warning above 85%', fail: 'CPU 99% (5-minute average), critical above 95%' },
  { type: 'memory', name: 'Memory usage', pass: 'Memory 48% used (7.7 of 16 GB)', warn: 'Memory 91% used (14.6 of 16 GB)', fail: 'Memory 98% used, paging heavily' },
  { type: 'ping', name: 'Ping gateway', pass: '4/4 replies, 1 ms average', warn: '3/4 replies, 84 ms average', fail: '0/4 replies: request timed out' },
  { type: 'service', name: 'Service: Print Spooler', pass: 'Spooler is running', warn: 'Spooler restarted 3 times in the last hour', fail: 'Spooler is stopped', os: 'windows' },
  { type: 'event_log', name: 'Event log: System errors', pass: 'No errors in the last 24 hours', warn: '4 errors in the last 24 hours (disk 7, 153)', fail: '37 errors in the last 24 hours', os: 'windows' },
  { type: 'windows_update', name: 'Windows Update', pass: 'All approved updates installed', warn: '3 approved updates pending (KB5046616…)', fail: 'Updates failing to install for 14 days', os: 'windows' },
  { type: 'script', name: 'Script: Backup age', pass: 'Last backup 6 hours ago', warn: 'Last backup 30 hours ago', fail: 'Last backup 5 days ago' },
];

/** `checksPerAgent` checks per agent, suited to its OS. */
export function seedChecks(ctx: SeedContext, agents: readonly Agent[]): Check[] {
  const checks: Check[] = [];
  for (const agent of agents) {
    const kinds = CHECK_KINDS.filter((k) => k.os === undefined || k.os === agent.os);
    const chosen = ctx.faker.helpers.arrayElements(kinds, Math.min(ctx.sizes.checksPerAgent, kinds.length));
    for (const kind of chosen) {
      const status = agent.status === 'offline' ? 'failing' : ctx.weighted<Check['status']>([['passing', 75], ['warning', 15], ['failing', 10]]);
      const ran = agent.status !== 'offline' || ctx.chance(0.8);
      checks.push({
        id: ctx.ids.next('chk'),
        agent_id: agent.id,
        name: kind.name,
        type: kind.type,
        status,
        interval_seconds: ctx.pick([60, 300, 900, 3600]),
        last_run_at: ran ? ctx.pastIso(0, agent.status === 'offline' ? 20 : 0.05) : null,
        last_output: ran ? (status === 'passing' ? kind.pass : status === 'warning' ? kind.warn : kind.fail) : null,
        created_at: ctx.betweenIso(agent.created_at),
      });
    }
  }
  return checks;
}

/** Alerts on non-passing checks and offline agents, a mix of active, acknowledged and resolved. */
export function seedAlerts(ctx: SeedContext, agents: readonly Agent[], checks: readonly Check[], users: readonly User[]): Alert[] {
  const alerts: Alert[] = [];
  const sources = checks.filter((c) => c.status !== 'passing');
  const offline = agents.filter((a) => a.status === 'offline');
  const actors = users.filter((u) => u.status === 'active');
  for (let i = 0; i < ctx.sizes.alerts && (sources.length > 0 || offline.length > 0); i++) {
    const useCheck = sources.length > 0 && (offline.length === 0 || ctx.chance(0.75));
    const check = useCheck ? ctx.pick(sources) : null;
    const agent = check ? agents.find((a) => a.id === check.agent_id)! : ctx.pick(offline);
    const severity = check ? (check.status === 'failing' ? 'critical' : ctx.pick(['warning', 'info'] as const)) : 'critical';
    const status = ctx.weighted<Alert['status']>([['active', 50], ['acknowledged', 20], ['resolved', 30]]);
    const raisedAt = ctx.pastIso(0, 14);
    const acknowledged = status === 'acknowledged' || (status === 'resolved' && ctx.chance(0.6));
    const acknowledgedAt = acknowledged ? ctx.betweenIso(raisedAt) : null;
    const resolvedAt = status === 'resolved' ? ctx.betweenIso(acknowledgedAt ?? raisedAt) : null;
    const actor = actors.length > 0 ? ctx.pick(actors).id : null;
    alerts.push({
      id: ctx.ids.next('alr'),
      agent_id: agent.id,
      client_id: agent.client_id,
      site_id: agent.site_id,
      check_id: check?.id ?? null,
      severity,
      status,
      title: check ? `${check.name} on ${agent.hostname}` : `${agent.hostname} is offline`,
      message: check?.last_output ?? `${agent.hostname} has not checked in since ${agent.last_seen_at ?? 'its installation'}.`,
      note: acknowledged && ctx.chance(0.5) ? ctx.pick(['Looking into it.', 'Clearing old logs, then extending the volume.', 'Vendor ticket opened.', 'Rebooted after hours.']) : null,
      raised_at: raisedAt,
      acknowledged_at: acknowledgedAt,
      acknowledged_by: acknowledged ? actor : null,
      resolved_at: resolvedAt,
      resolved_by: resolvedAt !== null && ctx.chance(0.7) ? actor : null,
    });
  }
  return alerts;
}

const SCRIPT_LIBRARY: ReadonlyArray<Omit<Script, 'id' | 'created_at' | 'updated_at'>> = [
  { name: 'Clear Windows temp folders', description: "Deletes files older than 7 days from C:\\Windows\\Temp and every user's %TEMP%.", language: 'powershell', supported_os: ['windows'], default_timeout_seconds: 300 },
  { name: 'Restart Print Spooler', description: 'Stops the spooler, clears stuck jobs and starts it again.', language: 'powershell', supported_os: ['windows'], default_timeout_seconds: 120 },
  { name: 'Flush DNS cache', description: 'Flushes the resolver cache and re-registers DNS.', language: 'powershell', supported_os: ['windows'], default_timeout_seconds: 60 },
  { name: 'Collect disk usage report', description: 'Lists the 20 largest folders on every fixed disk.', language: 'python', supported_os: ['windows', 'macos', 'linux'], default_timeout_seconds: 900 },
  { name: 'Apply pending apt upgrades', description: 'Runs apt-get update and unattended upgrades.', language: 'bash', supported_os: ['linux'], default_timeout_seconds: 1800 },
  { name: 'Rotate application logs', description: 'Compresses logs older than a day under /var/log/app.', language: 'bash', supported_os: ['linux', 'macos'], default_timeout_seconds: 300 },
  { name: 'Check BitLocker status', description: 'Reports the encryption state of every volume.', language: 'powershell', supported_os: ['windows'], default_timeout_seconds: 120 },
  { name: 'Install Homebrew updates', description: null, language: 'bash', supported_os: ['macos'], default_timeout_seconds: 1200 },
];

/** The script library. */
export function seedScripts(ctx: SeedContext): Script[] {
  const scripts: Script[] = [];
  for (let i = 0; i < ctx.sizes.scripts; i++) {
    const base = SCRIPT_LIBRARY[i % SCRIPT_LIBRARY.length]!;
    const createdAt = ctx.pastIso(60, 600);
    scripts.push({
      ...base,
      supported_os: [...base.supported_os],
      name: i < SCRIPT_LIBRARY.length ? base.name : `${base.name} (${Math.floor(i / SCRIPT_LIBRARY.length) + 1})`,
      id: ctx.ids.next('scr'),
      created_at: createdAt,
      updated_at: ctx.betweenIso(createdAt),
    });
  }
  return scripts;
}

/** Past runs: mostly finished, the newest may still be queued or running. */
export function seedScriptRuns(ctx: SeedContext, scripts: readonly Script[], agents: readonly Agent[]): ScriptRun[] {
  const runs: ScriptRun[] = [];
  for (let i = 0; i < ctx.sizes.scriptRuns && scripts.length > 0; i++) {
    const script = ctx.pick(scripts);
    const eligible = agents.filter((a) => script.supported_os.includes(a.os));
    const targets = ctx.faker.helpers.arrayElements(eligible.length > 0 ? eligible : agents, { min: 1, max: Math.min(3, Math.max(1, eligible.length)) });
    if (targets.length === 0) break;
    const status = i === 0 ? 'running' : ctx.weighted<ScriptRun['status']>([['succeeded', 75], ['failed', 15], ['timed_out', 10]]);
    const requestedAt = i === 0 ? ctx.pastIso(0, 0.001) : ctx.pastIso(0.1, 30);
    const timeout = script.default_timeout_seconds;
    const startedAt = plusMs(requestedAt, ctx.int(1, 30) * 1000);
    const finished = status !== 'running';
    const exitCode = status === 'succeeded' ? 0 : status === 'failed' ? ctx.pick([1, 2, 5]) : null;
    runs.push({
      id: ctx.ids.next('run'),
      script_id: script.id,
      agent_ids: targets.map((a) => a.id),
      status,
      arguments: ctx.chance(0.4) ? ['-DaysOld', String(ctx.int(3, 30))] : [],
      timeout_seconds: timeout,
      requested_at: requestedAt,
      started_at: startedAt,
      finished_at: finished ? plusMs(startedAt, status === 'timed_out' ? timeout * 1000 : ctx.int(2, Math.min(timeout, 300)) * 1000) : null,
      exit_code: exitCode,
      output: finished
        ? targets
            .map((a) => `[${a.hostname}] ${status === 'succeeded' ? 'Completed successfully.' : status === 'failed' ? 'Error: access denied.' : 'No response before the timeout.'}\n`)
            .join('')
        : null,
    });
  }
  return runs;
}

