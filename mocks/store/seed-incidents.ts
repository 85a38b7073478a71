/** Seeds on-call schedules, services and incidents. @internal */
import type { Incident, User } from '@opsmerge/sdk';
import { toTimestamp } from '../clock.js';
import { DAY_MS, type SeedContext } from './seed-context.js';
import type { ClientRecord, ScheduleRecord, ServiceRecord } from './types.js';

const SCHEDULE_NAMES = ['Service desk — 24/7 primary', 'Infrastructure on-call', 'Security escalation', 'Weekend cover'];
const SCHEDULE_ZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'UTC'];

/** Weekly (or daily) rotations that started on a Monday at 08:00 UTC a few weeks ago. */
export function seedSchedules(ctx: SeedContext, users: readonly User[]): ScheduleRecord[] {
  const pool = users.filter((u) => u.status === 'active');
  const people = pool.length > 0 ? pool : users;
  const monday = new Date(ctx.now.getTime());
  monday.setUTCHours(8, 0, 0, 0);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) - 7 * 6);
  const schedules: ScheduleRecord[] = [];
  for (let i = 0; i < ctx.sizes.schedules && people.length > 0; i++) {
    const primary = ctx.faker.helpers.arrayElements(people, { min: 1, max: Math.min(4, people.length) });
    const layers: ScheduleRecord['layers'] = [{ name: 'Primary', rotation_seconds: 604_800, user_ids: primary.map((u) => u.id) }];
    if (ctx.chance(0.5)) {
      layers.push({ name: 'Secondary', rotation_seconds: 86_400, user_ids: ctx.faker.helpers.arrayElements(people, { min: 1, max: Math.min(3, people.length) }).map((u) => u.id) });
    }
    schedules.push({
      id: ctx.ids.next('sch'),
      name: SCHEDULE_NAMES[i % SCHEDULE_NAMES.length]! + (i >= SCHEDULE_NAMES.length ? ` ${i + 1}` : ''),
      time_zone: SCHEDULE_ZONES[i % SCHEDULE_ZONES.length]!,
      layers,
      rotation_start: toTimestamp(monday),
    });
  }
  return schedules;
}

/** Services events route to; the last one of four or more is in maintenance. */
export function seedServices(ctx: SeedContext, clients: readonly ClientRecord[], schedules: readonly ScheduleRecord[]): ServiceRecord[] {
  const kinds = ['SQL servers', 'Email and collaboration', 'Backups', 'Network core', 'Line-of-business apps'];
  const services: ServiceRecord[] = [];
  for (let i = 0; i < ctx.sizes.services; i++) {
    const client = clients.length > 0 ? clients[i % clients.length]! : null;
    const kind = kinds[i % kinds.length]!;
    services.push({
      id: ctx.ids.next('svc'),
      name: client ? `${client.name} — ${kind}` : kind,
      description: ctx.chance(0.8) ? `${kind} monitored for ${client?.name ?? 'the organisation'}.` : null,
      status: i === 3 ? 'maintenance' : 'active',
      schedule_id: schedules.length > 0 ? schedules[i % schedules.length]!.id : null,
      created_at: ctx.pastIso(60, 500),
    });
  }
  return services;
}

const PROBLEMS = [
  ['disk/C', 'Disk C: is 96% full'],
  ['cpu', 'CPU above 95% for 15 minutes'],
  ['backup', 'Nightly backup failed'],
  ['http', 'Health check returns 503'],
  ['replication', 'Replication lag above 5 minutes'],
  ['cert', 'TLS certificate expires in 3 days'],
] as const;

/** Past incidents numbered from 1001, open ones unique per service and dedup key. */
export function seedIncidents(ctx: SeedContext, services: readonly ServiceRecord[], schedules: readonly ScheduleRecord[]): Incident[] {
  const incidents: Incident[] = [];
  const open = new Set<string>();
  for (let i = 0; i < ctx.sizes.incidents && services.length > 0; i++) {
    const service = ctx.pick(services.filter((s) => s.status === 'active').length > 0 ? services.filter((s) => s.status === 'active') : services);
    const [suffix, problem] = ctx.pick(PROBLEMS);
    const host = `${ctx.pick(['sql', 'dc', 'fs', 'web', 'app'])}${String(ctx.int(1, 9)).padStart(2, '0')}`;
    const dedupKey = `${host}/${suffix}`;
    let status = ctx.weighted<Incident['status']>([['triggered', 20], ['acknowledged', 20], ['resolved', 60]]);
    if (status !== 'resolved' && open.has(`${service.id} ${dedupKey}`)) status = 'resolved';
    if (status !== 'resolved') open.add(`${service.id} ${dedupKey}`);
    const createdAt = ctx.daysAgo(0.01, 30);
    const acknowledgedAt = status !== 'triggered' && (status === 'acknowledged' || ctx.chance(0.7)) ? ctx.betweenIso(createdAt, new Date(createdAt.getTime() + DAY_MS / 4)) : null;
    const schedule = schedules.find((s) => s.id === service.schedule_id);
    incidents.push({
      id: ctx.ids.next('inc'),
      number: 0,
      title: `${problem} on ${host.toUpperCase()}`,
      status,
      urgency: ctx.weighted<Incident['urgency']>([['high', 60], ['low', 40]]),
      service_id: service.id,
      dedup_key: dedupKey,
      created_at: toTimestamp(createdAt),
      acknowledged_at: acknowledgedAt,
      resolved_at: status === 'resolved' ? ctx.betweenIso(acknowledgedAt ?? createdAt, new Date(createdAt.getTime() + DAY_MS)) : null,
      assignee_ids: schedule ? [ctx.pick(schedule.layers[0]!.user_ids)] : [],
      alert_count: ctx.int(1, 6),
    });
  }
  incidents.sort((a, b) => a.created_at.localeCompare(b.created_at));
  incidents.forEach((incident, i) => (incident.number = 1001 + i));
  return incidents;
}
