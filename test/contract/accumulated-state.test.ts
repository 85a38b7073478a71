/**
 * The family files reset the MSW mock after every test, so each contract sees the seeded data.
 * A real server — and `npm run mock:stateful` in a conformance run — keeps what earlier calls
 * wrote. This file runs every contract on ONE mock without resets, writes first, then reads and
 * flows: a response that drifts from the spec only once data has been written (an audit event,
 * a new incident, a rotated key) fails here, inside `npm test`, not first in a partner's run.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockApi } from '../../mocks/index.js';
import { FAMILIES } from '../../conformance/families/index.js';
import { executeContract } from '../../conformance/execute.js';
import { CONTRACT_SEED, mswEndpoint } from './support/run.js';

// Generous limits: this file sends every contract's requests from one key within seconds.
const api = createMockApi({ seed: CONTRACT_SEED, rateLimits: { default: { limit: 100_000 }, events: { limit: 100_000 } } });
const server = setupServer(...api.handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

const contracts = Object.values(FAMILIES).flatMap((f) => f.contracts.filter((c) => c.targets.includes('msw')));
const order = (c: (typeof contracts)[number]): number => (c.kind === 'flow' ? 2 : c.write ? 0 : 1);

describe('the MSW mock with accumulated state', () => {
  it('still passes every contract after all the write contracts ran on it, without a reset', async () => {
    const failures: string[] = [];
    for (const def of [...contracts].sort((a, b) => order(a) - order(b))) {
      try {
        await executeContract(def, mswEndpoint(api), (reason) => {
          throw new Error(`skipped: ${reason}`);
        });
      } catch (error) {
        failures.push(`${def.kind === 'flow' ? `flow "${def.title}"` : def.operationId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 60_000);
});
