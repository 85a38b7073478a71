/** PSA family: tickets (CRUD), contacts, time entries, invoices, CSAT reviews. */
import type { Contact, TimeEntry } from '@opsmerge/sdk';
import { invalidField, notFound } from '../pipeline/errors.js';
import type { TicketRecord } from '../store/types.js';
import { ticketView } from '../store/views.js';
import type { HandlerContext } from './context.js';
import { changedSince, matchesText, newestFirst, paginate, where } from './list.js';
import type { Route } from './typed-http.js';

/** Routes of the PSA family: one per operation. */
export function psaRoutes({ http, run, store }: HandlerContext): Route[] {
  const data = () => store.data;
  const ticket = (id: string): TicketRecord => {
    const found = data().tickets.find((t) => t.id === id);
    if (!found) throw notFound(id);
    return found;
  };
  const assertUser = (field: string, id: string) => {
    if (!store.user(id)) throw invalidField(field, `no such user: ${id}`);
  };

  return [
    http.get('/v1/tickets', (info) =>
      run(info, 'tickets_list', (call) => {
        const q = call.query;
        let tickets = newestFirst(data().tickets, (t) => t.updated_at);
        tickets = where(tickets, q.status, (t) => t.status);
        tickets = where(tickets, q.priority, (t) => t.priority);
        tickets = where(tickets, q.client_id, (t) => t.client_id);
        tickets = where(tickets, q.contact_id, (t) => t.contact_id);
        tickets = where(tickets, q.assignee_id, (t) => t.assignee_id);
        tickets = tickets.filter((t) => changedSince(q.since, t.created_at, t.updated_at));
        return info.response(200).json({ data: paginate(tickets.map(ticketView), q) });
      }),
    ),

    http.post('/v1/tickets', (info) =>
      run(info, 'tickets_create', (call) => {
        const body = call.body;
        if (!data().clients.some((c) => c.id === body.client_id)) throw invalidField('/client_id', `no such client: ${body.client_id}`);
        if (body.contact_id !== undefined) {
          const contact = data().contacts.find((c) => c.id === body.contact_id);
          if (!contact) throw invalidField('/contact_id', `no such contact: ${body.contact_id}`);
          if (contact.client_id !== body.client_id) throw invalidField('/contact_id', `contact ${contact.id} does not belong to client ${body.client_id}`);
        }
        if (body.assignee_id !== undefined) assertUser('/assignee_id', body.assignee_id);
        const now = store.nowIso();
        const record: TicketRecord = {
          id: store.ids.next('tkt'),
          number: Math.max(10000, ...data().tickets.map((t) => t.number)) + 1,
          subject: body.subject,
          description: body.description,
          status: body.assignee_id === undefined ? 'new' : 'open',
          priority: body.priority ?? 'normal',
          client_id: body.client_id,
          contact_id: body.contact_id ?? null,
          assignee_id: body.assignee_id ?? null,
          created_at: now,
          updated_at: now,
          resolved_at: null,
          site_id: data().sites.find((s) => s.client_id === body.client_id)?.id ?? null,
        };
        data().tickets.push(record);
        call.audit('ticket.create', 'ticket', record.id);
        return info.response(201).json({ data: ticketView(record) }, { headers: { Location: `/v1/tickets/${record.id}` } });
      }),
    ),

    http.get('/v1/tickets/{ticket_id}', (info) =>
      run(info, 'tickets_get', (call) => info.response(200).json({ data: ticketView(ticket(call.params.ticket_id)) })),
    ),

    http.patch('/v1/tickets/{ticket_id}', (info) =>
      run(info, 'tickets_update', (call) => {
        const found = ticket(call.params.ticket_id);
        const body = call.body;
        if (body.assignee_id !== undefined && body.assignee_id !== null) assertUser('/assignee_id', body.assignee_id);
        const now = store.nowIso();
        if (body.subject !== undefined) found.subject = body.subject;
        if (body.description !== undefined) found.description = body.description;
        if (body.priority !== undefined) found.priority = body.priority;
        if (body.assignee_id !== undefined) {
          found.assignee_id = body.assignee_id;
          // Picking a ticket up takes it out of the unassigned queue.
          if (body.assignee_id !== null && found.status === 'new' && body.status === undefined) found.status = 'open';
        }
        if (body.status !== undefined) {
          found.status = body.status;
          if (body.status === 'resolved') found.resolved_at = now;
          else if (body.status === 'closed') found.resolved_at ??= now;
          else found.resolved_at = null;
        }
        found.updated_at = now;
        call.audit('ticket.update', 'ticket', found.id);
        return info.response(200).json({ data: ticketView(found) });
      }),
    ),

    http.delete('/v1/tickets/{ticket_id}', (info) =>
      run(info, 'tickets_delete', (call) => {
        const found = ticket(call.params.ticket_id);
        data().tickets.splice(data().tickets.indexOf(found), 1);
        call.audit('ticket.delete', 'ticket', found.id);
        return info.response(200).json({ data: { id: found.id, deleted: true } });
      }),
    ),

    http.get('/v1/contacts', (info) =>
      run(info, 'contacts_list', (call) => {
        const q = call.query;
        let contacts = [...data().contacts].sort((a, b) => a.last_name.localeCompare(b.last_name) || a.first_name.localeCompare(b.first_name) || a.id.localeCompare(b.id));
        contacts = where(contacts, q.client_id, (c) => c.client_id);
        contacts = contacts.filter((c) => matchesText(q.q, c.first_name, c.last_name, `${c.first_name} ${c.last_name}`, c.email, c.title));
        if (q.email !== undefined) contacts = contacts.filter((c) => c.email.toLowerCase() === q.email!.toLowerCase());
        return info.response(200).json({ data: paginate(contacts, q) });
      }),
    ),

    http.post('/v1/contacts', (info) =>
      run(info, 'contacts_create', (call) => {
        const body = call.body;
        if (!data().clients.some((c) => c.id === body.client_id)) throw invalidField('/client_id', `no such client: ${body.client_id}`);
        if (data().contacts.some((c) => c.client_id === body.client_id && c.email.toLowerCase() === body.email.toLowerCase())) {
          throw invalidField('/email', 'a contact with this email already exists for this client');
        }
        const now = store.nowIso();
        const contact: Contact = {
          id: store.ids.next('con'),
          client_id: body.client_id,
          first_name: body.first_name,
          last_name: body.last_name,
          email: body.email,
          phone: body.phone ?? null,
          title: body.title ?? null,
          created_at: now,
          updated_at: now,
        };
        data().contacts.push(contact);
        call.audit('contact.create', 'contact', contact.id);
        return info.response(201).json({ data: contact });
      }),
    ),

    http.get('/v1/contacts/{contact_id}', (info) =>
      run(info, 'contacts_get', (call) => {
        const found = data().contacts.find((c) => c.id === call.params.contact_id);
        if (!found) throw notFound(call.params.contact_id);
        return info.response(200).json({ data: found });
      }),
    ),

    http.get('/v1/time-entries', (info) =>
      run(info, 'timeEntries_list', (call) => {
        const q = call.query;
        let entries = newestFirst(data().timeEntries, (e) => e.started_at);
        entries = where(entries, q.ticket_id, (e) => e.ticket_id);
        entries = where(entries, q.user_id, (e) => e.user_id);
        entries = where(entries, q.billable, (e) => e.billable);
        entries = entries.filter((e) => changedSince(q.since, e.created_at));
        return info.response(200).json({ data: paginate(entries, q) });
      }),
    ),

    http.post('/v1/time-entries', (info) =>
      run(info, 'timeEntries_create', (call) => {
        const body = call.body;
        if (!data().tickets.some((t) => t.id === body.ticket_id)) throw invalidField('/ticket_id', `no such ticket: ${body.ticket_id}`);
        assertUser('/user_id', body.user_id);
        if (Date.parse(body.started_at) > store.now().getTime()) throw invalidField('/started_at', 'must not be in the future');
        const entry: TimeEntry = {
          id: store.ids.next('tim'),
          ticket_id: body.ticket_id,
          user_id: body.user_id,
          started_at: body.started_at,
          minutes: body.minutes,
          note: body.note ?? null,
          billable: body.billable ?? true,
          created_at: store.nowIso(),
        };
        data().timeEntries.push(entry);
        call.audit('time_entry.create', 'time_entry', entry.id);
        return info.response(201).json({ data: entry });
      }),
    ),

    http.get('/v1/invoices', (info) =>
      run(info, 'invoices_list', (call) => {
        const q = call.query;
        let invoices = newestFirst(data().invoices, (i) => i.created_at);
        invoices = where(invoices, q.client_id, (i) => i.client_id);
        invoices = where(invoices, q.status, (i) => i.status);
        invoices = invoices.filter((i) => changedSince(q.since, i.created_at, i.sent_at, i.paid_at));
        return info.response(200).json({ data: paginate(invoices, q) });
      }),
    ),

    http.get('/v1/invoices/{invoice_id}', (info) =>
      run(info, 'invoices_get', (call) => {
        const found = data().invoices.find((i) => i.id === call.params.invoice_id);
        if (!found) throw notFound(call.params.invoice_id);
        return info.response(200).json({ data: found });
      }),
    ),

    http.get('/v1/csat-reviews', (info) =>
      run(info, 'csatReviews_list', (call) => {
        const q = call.query;
        let reviews = newestFirst(data().csatReviews, (r) => r.created_at);
        reviews = where(reviews, q.site_id, (r) => r.site_id);
        reviews = reviews.filter((r) => (q.min_stars === undefined || r.stars >= q.min_stars) && changedSince(q.since, r.created_at));
        return info.response(200).json({ data: paginate(reviews, q) });
      }),
    ),
  ];
}

