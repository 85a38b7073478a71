/** One client in a process of its own: measures wall time and this process's CPU per batch. */
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
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

serve<OverheadRequest, OverheadReply>(async ({ n, inFlight, warmup }) => {
  await drive(call, warmup, inFlight);
  gc();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await drive(call, n, inFlight);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuUs: used.user + used.system };
});
