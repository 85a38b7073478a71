/**
 * The contract runner's own guarantees: a contract fails when any response drifts from the
 * spec (even when its assertions pass), and when it never calls the operation it names.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { SANDBOX_URL } from '../../src/index.js';
import { createMockApi } from '../../mocks/index.js';
import { rmm } from '../../conformance/families/rmm.js';
import { contract } from '../../conformance/contract.js';
import { executeContract } from '../../conformance/execute.js';
import { CONTRACT_SEED, mswEndpoint } from './support/run.js';
import { PRISM_KEY } from './support/targets.js';

const api = createMockApi({ seed: CONTRACT_SEED });
const server = setupServer(...api.handlers);
// Prism (on loopback) passes through; anything else unhandled is an error.
beforeAll(() =>
  server.listen({
    onUnhandledFrame: ({ frame, defaults }) => {
      const request = (frame.data as { request?: Request } | undefined)?.request;
      if (request && new URL(request.url).hostname === '127.0.0.1') return;
      defaults.error();
    },
  }),
);
afterEach(() => {
  server.resetHandlers();
  api.reset();
});
afterAll(() => server.close());

const skip = (reason: string): never => {
  throw new Error(`unexpected skip: ${reason}`);
};
const agentsList = rmm.contracts.find((c) => c.operationId === 'agents_list')!;
const headers = { 'X-Request-Id': 'req_drift', 'X-RateLimit-Limit': '300', 'X-RateLimit-Remaining': '299', 'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000) + 60) };

describe('the contract runner', () => {
  it('passes a contract whose responses all match the spec', async () => {
    await expect(executeContract(agentsList, mswEndpoint(api), skip)).resolves.toBeUndefined();
  });

  it('fails a contract when a mock response drifts from the spec, naming the problem', async () => {
    server.use(
      http.get(`${SANDBOX_URL}/v1/agents`, () =>
        HttpResponse.json({ data: { items: [{ id: 'agt_01HZX4C9P2', status: 'online', hostname: 'NW-DC01' }], total: 1, page: 1, per_page: 10 } }, { headers }),
      ),
    );
    await expect(executeContract(agentsList, mswEndpoint(api), skip)).rejects.toThrow(/do not match the spec[\s\S]*agents_list 200: body\/data\/items\/0 must have required property/);
  });

  it('fails a contract when a response status is not declared for the operation', async () => {
    server.use(http.get(`${SANDBOX_URL}/v1/agents`, () => HttpResponse.json({ data: { items: [], total: 0, page: 1, per_page: 10 } }, { status: 203, headers })));
    await expect(executeContract(agentsList, mswEndpoint(api), skip)).rejects.toThrow(/status 203 is not declared/);
  });

  it('fails a contract whose request Prism rejects as invalid for the spec', async () => {
    // The SDK refuses a per_page over 100 itself; an enum value it leaves to the server.
    const invalid = contract('agents_list', 'asks for a status the spec does not list', async (t) => {
      await t.client.agents.list({ status: 'asleep' as never });
    });
    const prism = { kind: 'prism' as const, baseUrl: inject('prismUrl'), apiKey: PRISM_KEY, mock: undefined, allowInsecureHttp: false };
    await expect(executeContract(invalid, prism, skip)).rejects.toThrow(/Prism: the SDK's request violates the spec at request\.query\.status[\s\S]*the test itself also failed: 422 VALIDATION_FAILED/);
  });

  it('fails a contract that never calls the operation it names', async () => {
    const hollow = contract('agents_get', 'pretends to test agents_get', async (t) => {
      await t.client.auth.me();
    });
    await expect(executeContract(hollow, mswEndpoint(api), skip)).rejects.toThrow('the contract never called agents_get');
  });
});
