/** Seeds contacts, tickets, time entries, invoices and CSAT reviews. @internal */
import type { Agent, Contact, CsatReview, Invoice, InvoiceLine, Money, TimeEntry, User } from '@opsmerge/sdk';
import { toDateString } from '../clock.js';
import { DAY_MS, plusMs, slugify, type SeedContext } from './seed-context.js';
import type { ClientRecord, SiteRecord, TicketRecord } from './types.js';

const TITLES = ['Office Manager', 'Practice Manager', 'Finance Director', 'Receptionist', 'Managing Partner', 'Head of Operations', 'Paralegal'];

/** E.164 number with a realistic country code. */
function phone(ctx: SeedContext): string {
  return `${ctx.pick(['+44', '+31', '+49', '+1', '+61'])}${ctx.faker.string.numeric({ length: 9, allowLeadingZeros: false })}`;
}

/** `contactsPerClient` people per client, emails unique per client. */
export function seedContacts(ctx: SeedContext, clients: readonly ClientRecord[]): Contact[] {
  const contacts: Contact[] = [];
  for (const client of clients) {
    const domain = client.domain ?? `${slugify(client.name)}.example`;
    const emails = new Set<string>();
    for (let i = 0; i < ctx.sizes.contactsPerClient; i++) {
      const first = ctx.faker.person.firstName();
      const last = ctx.faker.person.lastName();
      let email = `${slugify(first)}.${slugify(last)}@${domain}`.replace(/-(?=[^@]*@)/g, '');
      if (emails.has(email)) email = email.replace('@', `${i}@`);
      emails.add(email);
      const createdAt = ctx.betweenIso(client.created_at);
      contacts.push({
        id: ctx.ids.next('con'),
        client_id: client.id,
        first_name: first,
        last_name: last,
        email,
        phone: ctx.chance(0.8) ? phone(ctx) : null,
        title: ctx.chance(0.7) ? ctx.pick(TITLES) : null,
        created_at: createdAt,
        updated_at: ctx.betweenIso(createdAt),
      });
    }
  }
  return contacts;
}

const SUBJECTS = [
  'Outlook keeps asking for password after MFA change',
  'Printer on 2nd floor shows offline',
  'New starter needs laptop and accounts',
  'VPN disconnects every few minutes',
  'Shared drive is very slow',
  'Teams calls drop audio',
  'Cannot open invoices in the accounting package',
  'Wi-Fi in meeting room 3 not working',
  'Request: add user to Finance group',
  'Laptop will not boot after update',
  'Phishing email reported by reception',
  'Backup job failed overnight',
  'License needed for Visio',
  'Scanner emails not arriving',
  'Password reset for leaver mailbox',
];

/** Tickets numbered from 10001 in creation order. */
export function seedTickets(ctx: SeedContext, clients: readonly ClientRecord[], sites: readonly SiteRecord[], contacts: readonly Contact[], users: readonly User[]): TicketRecord[] {
  const techs = users.filter((u) => u.status === 'active' && ['role_technician', 'role_admin', 'role_dispatcher'].includes(u.role_id));
  const assignees = techs.length > 0 ? techs : users;
  const drafts: TicketRecord[] = [];
  for (let i = 0; i < ctx.sizes.tickets && clients.length > 0; i++) {
    const client = ctx.pick(clients);
    const clientContacts = contacts.filter((c) => c.client_id === client.id);
    const clientSites = sites.filter((s) => s.client_id === client.id);
    const status = ctx.weighted<TicketRecord['status']>([['new', 10], ['open', 25], ['pending', 10], ['resolved', 20], ['closed', 35]]);
    const createdAt = ctx.pastIso(0.05, 180);
    const updatedAt = ctx.betweenIso(createdAt);
    const subject = ctx.pick(SUBJECTS);
    drafts.push({
      id: ctx.ids.next('tkt'),
      number: 0,
      subject,
      description: `${subject}. ${ctx.faker.lorem.sentences({ min: 1, max: 3 })}`,
      status,
      priority: ctx.weighted<TicketRecord['priority']>([['low', 20], ['normal', 50], ['high', 22], ['urgent', 8]]),
      client_id: client.id,
      contact_id: clientContacts.length > 0 && ctx.chance(0.85) ? ctx.pick(clientContacts).id : null,
      assignee_id: status === 'new' || assignees.length === 0 ? null : ctx.pick(assignees).id,
      created_at: createdAt,
      updated_at: updatedAt,
      resolved_at: status === 'resolved' || status === 'closed' ? updatedAt : null,
      site_id: clientSites.length > 0 ? ctx.pick(clientSites).id : null,
    });
  }
  drafts.sort((a, b) => a.created_at.localeCompare(b.created_at));
  drafts.forEach((t, i) => (t.number = 10001 + i));
  return drafts;
}

const WORK_NOTES = [
  'Reset Outlook profiles and re-registered MFA.',
  'Replaced patch cable and reconfigured the switch port.',
  'Remote session: cleared print queue, reinstalled driver.',
  'On site: swapped faulty access point.',
  'Investigated logs, escalated to vendor.',
  null,
];

/** Time logged on tickets that someone picked up. */
export function seedTimeEntries(ctx: SeedContext, tickets: readonly TicketRecord[], users: readonly User[]): TimeEntry[] {
  const worked = tickets.filter((t) => t.status !== 'new' && t.assignee_id !== null);
  const entries: TimeEntry[] = [];
  for (let i = 0; i < ctx.sizes.timeEntries && worked.length > 0; i++) {
    const ticket = ctx.pick(worked);
    const startedAt = ctx.betweenIso(ticket.created_at, ticket.updated_at);
    const minutes = ctx.pick([15, 30, 45, 60, 90, 120, 240]);
    entries.push({
      id: ctx.ids.next('tim'),
      ticket_id: ticket.id,
      user_id: ticket.assignee_id ?? ctx.pick(users).id,
      started_at: startedAt,
      minutes,
      note: ctx.pick(WORK_NOTES),
      billable: ctx.chance(0.8),
      created_at: plusMs(startedAt, minutes * 60_000),
    });
  }
  return entries;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function money(amountCents: number, currency: string): Money {
  return { amount_cents: Math.max(0, Math.round(amountCents)), currency };
}

/** Monthly invoices per client; lines bill managed endpoints and billable time. */
export function seedInvoices(ctx: SeedContext, clients: readonly ClientRecord[], agents: readonly Agent[], tickets: readonly TicketRecord[], entries: readonly TimeEntry[]): Invoice[] {
  const invoices: Invoice[] = [];
  const currency = 'EUR';
  const year = ctx.now.getUTCFullYear();
  const perClient = Math.max(1, Math.ceil(ctx.sizes.invoices / Math.max(1, clients.length)));
  let sequence = 1;
  for (let monthsAgo = perClient; monthsAgo >= 1; monthsAgo--) {
    for (const client of clients) {
      if (invoices.length >= ctx.sizes.invoices) break;
      const issue = new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth() - monthsAgo + 1, 1));
      const due = new Date(issue.getTime() + 30 * DAY_MS);
      const endpoints = Math.max(1, agents.filter((a) => a.client_id === client.id).length);
      const lines: InvoiceLine[] = [
        {
          description: `Managed services — ${endpoints} endpoints (${MONTHS[issue.getUTCMonth()]} ${issue.getUTCFullYear()})`,
          quantity: endpoints,
          unit_price: money(4500, currency),
          amount: money(endpoints * 4500, currency),
          ticket_id: null,
          time_entry_id: null,
        },
      ];
      const clientTickets = new Set(tickets.filter((t) => t.client_id === client.id).map((t) => t.id));
      const billable = entries.filter((e) => e.billable && clientTickets.has(e.ticket_id)).slice(0, ctx.int(0, 3));
      for (const entry of billable) {
        const hours = entry.minutes / 60;
        lines.push({
          description: `Support time — ${entry.minutes} minutes`,
          quantity: hours,
          unit_price: money(9500, currency),
          amount: money(hours * 9500, currency),
          ticket_id: entry.ticket_id,
          time_entry_id: entry.id,
        });
      }
      const subtotal = lines.reduce((sum, l) => sum + l.amount.amount_cents, 0);
      const tax = Math.round(subtotal * 0.21);
      const overdueDue = due.getTime() < ctx.now.getTime();
      const status: Invoice['status'] = monthsAgo === 1 && client === clients[clients.length - 1] ? 'draft' : monthsAgo >= 3 ? 'paid' : overdueDue && ctx.chance(0.5) ? 'overdue' : monthsAgo === 1 ? 'sent' : 'paid';
      const sentAt = status === 'draft' ? null : plusMs(issue, 9 * 3_600_000);
      const paidAt = status === 'paid' ? ctx.betweenIso(sentAt ?? issue, due) : null;
      invoices.push({
        id: ctx.ids.next('inv'),
        number: `INV-${year}-${String(sequence++).padStart(4, '0')}`,
        client_id: client.id,
        status,
        issue_date: toDateString(issue),
        due_date: toDateString(due),
        lines,
        subtotal: money(subtotal, currency),
        tax: money(tax, currency),
        total: money(subtotal + tax, currency),
        amount_due: money(status === 'paid' ? 0 : subtotal + tax, currency),
        sent_at: sentAt,
        paid_at: paidAt,
        created_at: plusMs(issue, 8 * 3_600_000),
      });
    }
  }
  return invoices;
}

const COMMENTS = ['Fixed within the hour. Thanks!', 'Quick and friendly.', 'Took a while but sorted in the end.', 'Had to chase twice.', 'Great service as always.', null];

/** Reviews of resolved or closed tickets that have a contact and a site. */
export function seedCsatReviews(ctx: SeedContext, tickets: readonly TicketRecord[]): CsatReview[] {
  const done = tickets.filter((t) => (t.status === 'closed' || t.status === 'resolved') && t.contact_id !== null && t.site_id !== null && t.resolved_at !== null);
  const chosen = ctx.faker.helpers.arrayElements(done, Math.min(ctx.sizes.csatReviews, done.length));
  return chosen.map((ticket) => ({
    id: ctx.ids.next('csat'),
    ticket_id: ticket.id,
    site_id: ticket.site_id!,
    contact_id: ticket.contact_id!,
    stars: ctx.weighted([[5, 50], [4, 25], [3, 12], [2, 8], [1, 5]] as const),
    comment: ctx.pick(COMMENTS),
    created_at: ctx.betweenIso(ticket.resolved_at!),
  }));
}
