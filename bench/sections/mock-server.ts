/**
 * The stateful mock over HTTP in a process of its own, for §6: `startMockServer` on a free
 * port, rate limits raised so the run measures the mock, not its 429s. Answers one request
 * (its URL and test key) once it listens.
 */
import { serve } from '../lib/child.js';
import { startMockServer } from '../../mocks/node-server.js';

export interface MockServerInfo {
  url: string;
  key: string;
}

const unlimited = { limit: 1_000_000_000 };
const mock = await startMockServer({ port: 0, rateLimits: { default: unlimited, events: unlimited } });

serve<object, MockServerInfo>(async () => ({ url: mock.url, key: mock.api.testKey }));
