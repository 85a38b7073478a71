/**
 * The load of §6 in a process of its own: one list request, `inFlight` at a time on as many
 * keep-alive connections (undici's `Agent`, the lightest client here), timed one by one.
 */
import { Agent, request } from 'undici';
import { serve } from '../lib/child.js';

export interface LoadRequest {
  url: string;
  key: string;
  n: number;
  inFlight: number;
}
export interface LoadReply {
  ms: number;
  /** This process's CPU (user + system) over the batch, µs. */
  cpuUs: number;
  /** Latency of every request, ms, in completion order. */
  latenciesMs: number[];
  /** Body bytes of the last answer. */
  bytes: number;
  statuses: Record<string, number>;
}

const agents = new Map<number, Agent>();

serve<LoadRequest, LoadReply>(async ({ url, key, n, inFlight }) => {
  let agent = agents.get(inFlight);
  if (!agent) agents.set(inFlight, (agent = new Agent({ connections: inFlight, pipelining: 1 })));
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let bytes = 0;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next++ < n) {
      const started = performance.now();
      const { statusCode, body } = await request(url, { dispatcher: agent, headers: { authorization: `Bearer ${key}` } });
      bytes = (await body.arrayBuffer()).byteLength;
      latenciesMs.push(performance.now() - started);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    }
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, lane));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuUs: used.user + used.system, latenciesMs, bytes, statuses };
});
