/**
 * One client in a process of its own: measures wall time and this process's CPU per batch.
 *
 * No forced `gc()` before a batch: a full collection forced from script shrinks the heap and
 * discards compiled code, and the batch after it paid for growing and optimising again. With one
 * before each slice, openapi-fetch measured 259 µs of CPU per request at 32 in flight against 126
 * without, in the same run, and heavier clients paid more of it. Each process's GC work is now what
 * its own calls cause, as in an application.
 */
import { CLIENTS, drive, type ClientName } from '../clients.js';
import { serve } from '../lib/child.js';

export interface OverheadRequest {
  n: number;
  inFlight: number;
  warmup: number;
}
export interface OverheadReply {
  ms: number;
  cpuUs: number;
}

const [name, baseUrl] = process.argv.slice(2) as [ClientName, string];
const call = await CLIENTS[name](baseUrl);

serve<OverheadRequest, OverheadReply>(async ({ n, inFlight, warmup }) => {
  await drive(call, warmup, inFlight);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await drive(call, n, inFlight);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuUs: used.user + used.system };
});
