import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';
import { against, json, runCli } from './helpers.js';

let mock: RunningMockServer;
let auth: string[];
let serviceId: string;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: 14 });
  auth = against(mock, mock.api.testKey);
  serviceId = mock.api.store.data.services.find((s) => s.status === 'active')!.id;
});
afterAll(() => mock.close());

describe.concurrent('opsmerge events', { timeout: 60_000 }, () => {
  it('triggers an event that opens an incident, then acknowledges and resolves it by dedup key', async () => {
    const trigger = await runCli([
      'events', 'trigger', '--service-id', serviceId, '--summary', 'Disk C: on NW-SQL01 is 96% full', '--severity', 'critical',
      '--source', 'NW-SQL01', '--dedup-key', 'cli/disk/C', '--details', '{"free_gb": 8.2}', '--link', 'Runbook=https://wiki.example/disk', '--json', ...auth,
    ]);
    expect(trigger.code).toBe(0);
    const accepted = json<{ status: string; dedup_key: string; incident_id: string; message: string }>(trigger.stdout);
    expect(accepted).toMatchObject({ status: 'accepted', dedup_key: 'cli/disk/C', incident_id: expect.stringMatching(/^inc_/) });
    const incident = mock.api.store.data.incidents.find((i) => i.id === accepted.incident_id)!;
    expect(incident).toMatchObject({ status: 'triggered', urgency: 'high' });

    const ack = await runCli(['events', 'acknowledge', '--dedup-key', 'cli/disk/C', ...auth]);
    expect(ack.code).toBe(0);
    expect(ack.stdout).toMatch(new RegExp(`^Incident\\s+${accepted.incident_id}$`, 'm'));
    expect(mock.api.store.data.incidents.find((i) => i.id === accepted.incident_id)!.status).toBe('acknowledged');

    const resolve = await runCli(['events', 'resolve', '--dedup-key', 'cli/disk/C', '--ndjson', ...auth]);
    expect(resolve.code).toBe(0);
    expect(json(resolve.stdout.trim())).toMatchObject({ incident_id: accepted.incident_id });
    expect(mock.api.store.data.incidents.find((i) => i.id === accepted.incident_id)!.status).toBe('resolved');
  });

  it('exits 2 naming a missing required field or a bad value, before any request', async () => {
    const missing = await runCli(['events', 'trigger', '--service-id', serviceId, '--summary', 'x', '--source', 'y', ...auth]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--severity <level>' not specified.*Fix: see `opsmerge events trigger --help`/);
    const badLink = await runCli(['events', 'trigger', '--service-id', serviceId, '--summary', 'x', '--severity', 'info', '--source', 'y', '--link', 'not a url', ...auth]);
    expect(badLink.code).toBe(2);
    expect(badLink.stderr).toMatch(/--link takes a URL or TEXT=URL/);
  });

  it('exits 2 with the API\'s field details when the server rejects the event', async () => {
    const { code, stderr } = await runCli(['events', 'trigger', '--service-id', 'svc_bad', '--summary', 'x', '--severity', 'info', '--source', 'y', '--json', ...auth]);
    expect(code).toBe(2);
    expect(json(stderr)).toMatchObject({ error: { code: 'VALIDATION_FAILED', status: 422, exit_code: 2, details: [expect.objectContaining({ field: expect.stringContaining('service_id') })] } });
  });
});
