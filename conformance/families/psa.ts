/** PSA family: tickets, contacts, time entries, invoices, CSAT reviews. */
import { expect } from '../assert.js';
import { NotFoundError, type Ticket } from '@opsmerge/sdk';
import { contract, family, flow, type ContractContext } from '../contract.js';
import { apiErrorOf, expectEvery, expectFirstPage, firstOf } from '../helpers.js';

/** Creates a ticket for a listed contact (deleted again after the test). */
export async function createTicket(t: ContractContext, fields: Partial<Pick<Ticket, 'priority'>> = {}): Promise<Ticket> {
  const contact = await firstOf(t, t.client.contacts.list({ per_page: 10 }), 'a contact');
  const ticket = await t.client.tickets.create({
    subject: `Contract suite ticket ${t.runId}`,
    description: 'Created by the OpsMerge contract suite; safe to delete.',
    client_id: contact.client_id,
    contact_id: contact.id,
    priority: fields.priority ?? 'low',
  });
  t.cleanup(() => t.client.tickets.delete(ticket.id));
  return ticket;
}

/** The contracts of the psa family. */
export const psa = family('PSA', [
  // Tickets
  contract('tickets_list', 'lists only open tickets, most recently updated first, when filtered by status', async (t) => {
    const page = await t.client.tickets.list({ status: 'open', per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (x) => x.status === 'open', 'status=open');
    if (!t.stateful) return;
    const times = page.items.map((x) => Date.parse(x.updated_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  }),

  contract('tickets_get', 'fetches a listed ticket', async (t) => {
    const listed = await firstOf(t, t.client.tickets.list({ per_page: 5 }), 'a ticket');
    const ticket = await t.client.tickets.get(listed.id);
    if (t.stateful) expect(ticket).toMatchObject({ id: listed.id, number: listed.number, subject: listed.subject });
  }),

  contract('tickets_create', 'creates a ticket for a client and contact, unassigned unless asked', async (t) => {
    const ticket = await createTicket(t, { priority: 'high' });
    if (!t.stateful) return;
    expect(ticket).toMatchObject({ subject: `Contract suite ticket ${t.runId}`, priority: 'high', assignee_id: null, resolved_at: null });
    expect((await t.client.tickets.get(ticket.id)).subject).toBe(ticket.subject);
  }),

  contract('tickets_update', 'changes only the fields given', async (t) => {
    const ticket = await createTicket(t);
    const updated = await t.client.tickets.update(ticket.id, { status: 'pending', priority: 'urgent' });
    if (!t.stateful) return;
    expect(updated).toMatchObject({ id: ticket.id, status: 'pending', priority: 'urgent', subject: ticket.subject, contact_id: ticket.contact_id });
  }),

  contract('tickets_delete', 'deletes a ticket, which then answers 404', async (t) => {
    const ticket = await createTicket(t);
    const deleted = await t.client.tickets.delete(ticket.id);
    if (!t.stateful) return;
    expect(deleted).toEqual({ id: ticket.id, deleted: true });
    expect(await apiErrorOf(t.client.tickets.get(ticket.id))).toBeInstanceOf(NotFoundError);
  }),

  // Contacts
  contract('contacts_list', 'finds a contact by exact email', async (t) => {
    const first = await firstOf(t, t.client.contacts.list({ per_page: 5 }), 'a contact');
    const page = await t.client.contacts.list({ email: first.email.toUpperCase(), per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (c) => c.email.toLowerCase() === first.email.toLowerCase(), `email=${first.email}`);
    if (t.stateful) expect(page.items.map((c) => c.id)).toContain(first.id);
  }),

  contract('contacts_get', 'fetches a listed contact', async (t) => {
    const listed = await firstOf(t, t.client.contacts.list({ per_page: 5 }), 'a contact');
    const contact = await t.client.contacts.get(listed.id);
    if (t.stateful) expect(contact).toMatchObject({ id: listed.id, email: listed.email, client_id: listed.client_id });
  }),

  contract('contacts_create', 'creates a contact at a client', async (t) => {
    const client = await firstOf(t, t.client.clients.list({ status: 'active', per_page: 5 }), 'an active client');
    const email = `${t.runId}@contract-suite.example.com`;
    const contact = await t.client.contacts.create({ first_name: 'Contract', last_name: `Suite ${t.runId}`, email, client_id: client.id, title: 'Contract test' });
    if (!t.stateful) return;
    expect(contact).toMatchObject({ email, client_id: client.id, first_name: 'Contract' });
    expect((await t.client.contacts.get(contact.id)).email).toBe(email);
  }),

  // Time entries
  contract('timeEntries_list', 'lists only billable entries when filtered by billable', async (t) => {
    const page = await t.client.timeEntries.list({ billable: true, per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (e) => e.billable, 'billable=true');
  }),

  contract('timeEntries_create', 'logs time against a ticket for a user', async (t) => {
    const ticket = await firstOf(t, t.client.tickets.list({ per_page: 5 }), 'a ticket');
    const user = await firstOf(t, t.client.users.list({ status: 'active', per_page: 5 }), 'an active user');
    // The ticket's creation time is in the past on the server's own clock.
    const entry = await t.client.timeEntries.create({ ticket_id: ticket.id, user_id: user.id, started_at: ticket.created_at, minutes: 15, note: `Contract suite ${t.runId}`, billable: false });
    if (!t.stateful) return;
    expect(entry).toMatchObject({ ticket_id: ticket.id, user_id: user.id, minutes: 15, billable: false });
    const listed = await t.client.timeEntries.list({ ticket_id: ticket.id, per_page: 100 });
    expect(listed.items.map((e) => e.id)).toContain(entry.id);
  }),

  // Invoices
  contract('invoices_list', 'lists only the invoices of one client when filtered by client_id', async (t) => {
    const first = await firstOf(t, t.client.invoices.list({ per_page: 5 }), 'an invoice');
    const page = await t.client.invoices.list({ client_id: first.client_id, per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (i) => i.client_id === first.client_id, `client_id=${first.client_id}`);
  }),

  contract('invoices_get', 'fetches a listed invoice with its lines and totals', async (t) => {
    const listed = await firstOf(t, t.client.invoices.list({ per_page: 5 }), 'an invoice');
    const invoice = await t.client.invoices.get(listed.id);
    if (t.stateful) expect(invoice).toMatchObject({ id: listed.id, number: listed.number, total: listed.total });
  }),

  // CSAT
  contract('csatReviews_list', 'lists only reviews of at least min_stars stars', async (t) => {
    const page = await t.client.csatReviews.list({ min_stars: 4, per_page: 20 });
    expectFirstPage(t, page, 20);
    expectEvery(t, page.items, (r) => r.stars >= 4, 'min_stars=4');
  }),

  flow('create a ticket → the list shows it first → walk every page with for await', ['tickets_create', 'tickets_list'], async (t) => {
    const ticket = await createTicket(t);
    const first = await t.client.tickets.list({ per_page: 10 });
    expect(first.items[0]?.id).toBe(ticket.id);
    const seen = new Set<string>();
    const cap = 2000;
    for await (const item of t.client.tickets.list({ per_page: 25 })) {
      expect(seen.has(item.id), `ticket ${item.id} listed twice`).toBe(false);
      seen.add(item.id);
      if (seen.size >= cap) break;
    }
    expect(seen.has(ticket.id)).toBe(true);
    if (seen.size < cap) {
      expect(seen.size).toBe(first.total);
      // One request per page of 25 (plus the first list call above).
      const pages = t.ledger.responses.filter((r) => r.operationId === 'tickets_list' && r.status === 200).length - 1;
      expect(pages).toBe(Math.ceil(first.total / 25));
    }
    if (t.mock) expect(first.total).toBe(t.mock.store.data.tickets.length);
  }),
]);
