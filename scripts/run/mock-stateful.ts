/**
 * `npm run mock:stateful [-- --port P --seed N --clock running|frozen --environment sandbox|production --scenario NAME]`:
 * serves the stateful MSW mock (mocks/) over real HTTP on 127.0.0.1 and prints the base
 * URL, the ready test key and a curl line to try. Default port 4010 (a free port if taken).
 */
import { parseArgs } from 'node:util';
import { startMockServer } from '../../mocks/node-server.js';
import { SCENARIO_NAMES, type ScenarioName } from '../../mocks/scenarios.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: '1' },
    clock: { type: 'string', default: 'running' },
    environment: { type: 'string', default: 'sandbox' },
    scenario: { type: 'string', multiple: true, default: [] },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const port = Number(values.port);
const seed = Number(values.seed);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0–65535, got ${values.port}`);
if (!Number.isInteger(seed)) fail(`--seed must be an integer, got ${values.seed}`);
if (values.clock !== 'running' && values.clock !== 'frozen') fail(`--clock must be running or frozen, got ${values.clock}`);
if (values.environment !== 'sandbox' && values.environment !== 'production') fail(`--environment must be sandbox or production, got ${values.environment}`);
for (const name of values.scenario) if (!(SCENARIO_NAMES as readonly string[]).includes(name)) fail(`unknown --scenario ${name}; known: ${SCENARIO_NAMES.join(', ')}`);

const mock = await startMockServer({
  port,
  host: values.host,
  seed,
  clock: values.clock,
  environment: values.environment,
  scenarios: values.scenario as ScenarioName[],
});
const key = values.environment === 'production' ? mock.api.store.liveKey : mock.api.testKey;
console.log(`OpsMerge stateful mock on ${mock.url} — ${values.environment === 'production' ? 'live' : 'test'} key ${key}`);
console.log(`try: curl -H "Authorization: Bearer ${key}" ${mock.url}/v1/auth/me`);

const stop = (): void => {
  void mock.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
