import { describe, expect, it, vi } from 'vitest';
import { ConnectionError } from '../../src/index.js';
import { faults } from './fault-server.js';
import { accepted, faultClient, rejectionOf, trigger, useFaultServer } from './helpers.js';

const server = useFaultServer();

describe('a POST whose connection resets after it was sent', () => {
  it('is sent exactly once without an idempotency key, and says it may have succeeded', async () => {
    server.respond(faults.resetAfterBody(), faults.json(202, accepted));
    const error = await rejectionOf(faultClient(server).events.trigger(trigger, { idempotencyKey: false }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ mayHaveSucceeded: true, method: 'POST', path: '/v1/events/trigger' });
    expect(server.requests).toHaveLength(1);
    // The server did receive the whole write: retrying it blindly could trigger the event twice.
    expect(JSON.parse(server.requests[0]!.body)).toEqual(trigger);
    expect(server.requests[0]!.headers['idempotency-key']).toBeUndefined();
  });

  it('is sent exactly once without a key when the reset comes before the server reads the body', async () => {
    server.respond(faults.resetBeforeBody(), faults.json(202, accepted));
    const error = await rejectionOf(faultClient(server).events.trigger(trigger, { idempotencyKey: false }));
    expect(error).toMatchObject({ name: 'ConnectionError', mayHaveSucceeded: true });
    expect(server.requests).toHaveLength(1);
  });

  it('is retried with the same generated key, and succeeds', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    server.respond(faults.resetAfterBody(), faults.json(202, accepted));
    const data = await faultClient(server).events.trigger(trigger);
    expect(data).toEqual(accepted.data);
    expect(server.requests).toHaveLength(2);
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(server.requests.map((r) => r.body)).toEqual([JSON.stringify(trigger), JSON.stringify(trigger)]);
  });

  it("is retried with the caller's own key", async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    server.respond(faults.resetAfterBody(), faults.truncated(202), faults.json(202, accepted));
    await faultClient(server).events.trigger(trigger, { idempotencyKey: 'disk-c-nw-dc01-2026-11-22' });
    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual(['disk-c-nw-dc01-2026-11-22', 'disk-c-nw-dc01-2026-11-22', 'disk-c-nw-dc01-2026-11-22']);
  });
});
