/**
 * The generated run against a server with one planted defect per check (support/planted-server.ts):
 * each defect fails its named check on its operation, with a curl line that reproduces it when
 * pasted into a shell, and the seed that replays it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../conformance/report/json.js';
import { toJUnit } from '../../conformance/report/junit.js';
import { formatReport } from '../../conformance/report/text.js';
import { runConformance, type ConformanceReport } from '../../conformance/run-conformance.js';
import type { Failure } from '../../conformance/run/results.js';
import { PLANTED, startPlantedServer, type PlantedServer } from './support/planted-server.js';

const SEED = 7;
/** The planted operations, and those their chains and probes go through. */
const OPERATIONS = [
  ...new Set([...PLANTED.map((p) => p.operationId), 'tickets_create', 'tickets_get', 'tickets_update', 'sites_create', 'contacts_get', 'clients_get', 'clients_update']),
];

let server: PlantedServer;
let report: ConformanceReport;

beforeAll(async () => {
  server = await startPlantedServer();
  report = await runConformance({ baseUrl: server.url, apiKey: server.apiKey, write: true, seed: SEED, budget: { kind: 'cases', cases: 4 }, scenarios: false, operations: OPERATIONS });
}, 240_000);
afterAll(async () => {
  await server?.close();
});

function failureOf(check: string, operationId: string): Failure {
  const failure = report.generated!.failures.find((f) => f.check === check && f.operationId === operationId);
  if (!failure) throw new Error(`no ${check} failure on ${operationId}; failures: ${report.generated!.failures.map((f) => `${f.check}/${f.operationId}`).join(', ')}`);
  return failure;
}

describe('a server with planted defects', () => {
  it.each(PLANTED)('fails $check on $operationId ($what), with a curl line and the replay seed', ({ check, operationId }) => {
    const failure = failureOf(check, operationId);
    expect(failure.curl).toMatch(new RegExp(`^curl -sS -i (-X [A-Z]+ )?'?${server.url.replace(/\./g, '\\.')}/v1/`));
    expect(failure.curl).not.toContain(server.apiKey);
    expect(failure.replay).toBe(`opsmerge contract --base-url ${server.url} --seed ${SEED} --operation ${operationId} --no-scenarios --write`);
    expect(report.passed).toBe(false);
  });

  it.each(PLANTED)('reproduces $check on $operationId by running its curl line in a shell', async ({ check, operationId }) => {
    const failure = failureOf(check, operationId);
    const { stdout } = await promisify(execFile)('sh', ['-c', failure.curl], { env: { PATH: process.env['PATH'] ?? '', OPSMERGE_API_KEY: server.apiKey } });
    expect(Number(/^HTTP\/1\.1 (\d{3})/.exec(stdout)?.[1])).toBe(failure.status);
  });

  it('reports failures only on the operations with a planted defect', () => {
    const planted = new Set(PLANTED.map((p) => p.operationId));
    expect(report.generated!.failures.filter((f) => !planted.has(f.operationId)).map((f) => `${f.check} ${f.operationId}: ${f.message}`)).toEqual([]);
  });

  it('finds the same failure again with the same seed, for one operation', async () => {
    const again = await runConformance({ baseUrl: server.url, apiKey: server.apiKey, write: true, seed: SEED, budget: { kind: 'cases', cases: 4 }, scenarios: false, operations: ['agents_get'] });
    const first = failureOf('status_code_conformance', 'agents_get');
    expect(again.generated!.failures.find((f) => f.check === 'status_code_conformance')?.curl).toBe(first.curl);
  }, 60_000);
});

describe('the reports of that run', () => {
  it('never hold a key: not the run\'s, nor the revoked and narrow keys it made', () => {
    const texts = [toJson(report), toJUnit(report), formatReport(report, { verbose: true }).join('\n')];
    for (const text of texts) {
      expect(text).not.toContain(server.apiKey);
      expect(text.match(/om_(live|test)_[A-Za-z0-9]{6,}/g) ?? []).toEqual([]);
    }
  });

  it('as JUnit XML, have a suite per operation with a failed test case per failure, each with its curl line', () => {
    const xml = toJUnit(report);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    const suites = xml.match(/<testsuite /g) ?? [];
    expect(suites.length).toBe(report.generated!.operations.length);
    const failures = xml.match(/<failure message="/g) ?? [];
    expect(failures.length).toBe(report.generated!.failures.length);
    for (const f of report.generated!.failures) expect(xml).toContain(`replay: ${f.replay}`);
  });

  it('as JSON, hold the seed, the checks, the failures, the index and the score', () => {
    const json = JSON.parse(toJson(report)) as { format: string; generated: { seed: number; failures: unknown[]; coverage: { index: number }; score: { value: number } } };
    expect(json.format).toBe('opsmerge-conformance/1');
    expect(json.generated.seed).toBe(SEED);
    expect(json.generated.failures).toHaveLength(report.generated!.failures.length);
    expect(json.generated.score.value).toBeLessThan(1);
    expect(json.generated.coverage.index).toBeGreaterThan(0);
  });
});
