/** Renders `bench/results.md` from one run's measurements: the targets first, then each section. */
import { whatLimits } from './findings.js';
import { CORE_LIMIT, FACADE, FACADE_FIXED, kB, MiB, mockRatio, overheadFigures, SDK_PEERS, table, type BenchResults, type Target } from './report-model.js';
import { fmt, fmtRange, num, ratio, summarize, verdict, type Summary } from './lib/stats.js';
import { CONCURRENT, FIXED, ITERATOR, LOOP, type ListWalkResult } from './sections/list-walk.js';
import { MOCK_REQUEST, SERVERS, type MockRound, type MockThroughputResult } from './sections/mock-throughput.js';
import type { InstallResult } from './sections/install.js';
import type { OverheadResult } from './sections/overhead.js';
import type { RateLimitResult, RateLimitRound } from './sections/rate-limit.js';
import type { SizeResult, SizeRow } from './sections/size.js';
import { BUNDLE_ROW_MIN_FILES, BUNDLED_IMPORT, CONSUMER_TSC, INTEGRATOR_TSC, INTEGRATOR_TSC_LIBCHECK, type StartupResult } from './sections/startup.js';

export type { BenchResults } from './report-model.js';

function overheadTargets(o: OverheadResult, targets: Target[]): void {
  const now = overheadFigures(o, FACADE);
  const fixed = o.series[FACADE_FIXED] ? overheadFigures(o, FACADE_FIXED) : undefined;
  const t = (target: string, pick: (f: typeof now) => Summary, unit: string, ok: (v: number) => boolean): Target => ({
    section: '1',
    target,
    measured: fmt(pick(now), unit),
    ok: ok(pick(now).median),
    ...(fixed ? { withFixes: { measured: fmt(pick(fixed), unit), ok: ok(pick(fixed).median) } } : {}),
  });
  // The first and the last two guard against regressions in the facade's own cost; the peer rows
  // compare with what integrators would use instead.
  targets.push(
    t(`facade ≥ 0.9× openapi-fetch throughput, ${o.inFlight} in flight (regression guard)`, (f) => f.vsOpenapi, '×', (v) => v >= 0.9),
    ...SDK_PEERS.map((peer) => t(`facade ≥ ${peer}'s throughput, ${o.inFlight} in flight (each full-featured SDK peer, same run)`, (f) => f.vsPeers[peer], '×', (v) => v >= 1)),
    t('SDK-added CPU ≤ 20 µs/request over openapi-fetch, sequential (regression guard)', (f) => f.addedSeq, ' µs', (v) => v <= 20),
    t(`SDK-added CPU ≤ 20 µs/request over openapi-fetch, ${o.inFlight} in flight (regression guard)`, (f) => f.addedPar, ' µs', (v) => v <= 20),
  );
}

function overheadSection(o: OverheadResult): string {
  const rows = Object.entries(o.series).map(([name, m]) => [
    name,
    fmt(summarize(m.sequential.rps), '', 4),
    fmt(summarize(m.sequential.cpuUs)),
    fmt(summarize(m.inFlight.rps), '', 4),
    fmt(summarize(m.inFlight.cpuUs)),
  ]);
  const ours = Object.keys(o.series).filter((name) => name.startsWith('ours'));
  const vs = ours.map((name) => {
    const f = overheadFigures(o, name);
    return [name, fmt(f.vsOpenapi, '×'), ...SDK_PEERS.map((peer) => fmt(f.vsPeers[peer], '×')), fmt(f.addedSeq, ' µs'), fmt(f.addedPar, ' µs')];
  });
  return `## 1. Overhead: \`GET /v1/auth/me\`

${o.rounds} rounds; each round runs ${o.n.sequential} sequential requests and ${o.n.inFlight} requests ${o.inFlight} in flight per client, after a warm-up, in ${o.slices ?? 1} slices: the clients take turns slice by slice, in a rotating order, so a drift in the shared machine's speed falls on every client alike. Every client runs in a process of its own and CPU is \`process.cpuUsage()\` of that process over its slices, divided by requests. No collection is forced between slices: a \`gc()\` before each slice made every slice grow the heap and optimise again, and more than doubled every client's CPU per request (runs before commit 79e6a20 are not comparable). ${o.pinned ? `The server runs pinned to CPU ${o.pinned.server} and every client to CPU ${o.pinned.clients} (\`taskset\`): unpinned, where the scheduler put the processes changed one client's CPU per request by 25–35 µs from process to process.` : 'Processes are not pinned to CPUs here (no `taskset`, or one CPU).'} Peers are used as their docs show (openai's generic \`client.get()\`, Octokit's \`request('GET /v1/auth/me')\` with \`baseUrl\`, \`ky.create({ baseUrl })\`); every client sends the key and parses the JSON body. Ours: \`createClient({ apiKey: 'om_test_…', baseUrl, logLevel: 'off' })\`, default pacing unless said. "openapi-fetch + deadline" is openapi-fetch with what our clients always have: an \`AbortController\` and a timer per request, so a stalled request is aborted. Median (p25–p75) over rounds.

${table(['client', 'req/s, sequential', 'CPU µs/req, sequential', `req/s, ${o.inFlight} in flight`, `CPU µs/req, ${o.inFlight} in flight`], rows)}

Ours against the peers, per round (ratios of throughput at ${o.inFlight} in flight; CPU added over openapi-fetch):

${table(['client', 'vs openapi-fetch', ...SDK_PEERS.map((peer) => `vs ${peer}`), 'added CPU, sequential', `added CPU, ${o.inFlight} in flight`], vs)}

What the building blocks cost on this machine (µs per call, in a fresh process, median of 5 runs):

${table(['operation', 'µs'], o.unitCosts.map((u) => [u.name, num(u.us)]))}
`;
}

function walkTargets(w: ListWalkResult, targets: Target[]): void {
  const loop = w.time[LOOP]?.ms ?? [];
  const speedup = (label: string): Summary | undefined => (w.time[label] ? ratio(loop, w.time[label].ms) : undefined);
  const delta = (label: string): Summary | undefined => {
    const m = w.memory[label];
    return m ? summarize(m.large.peakRss.map((v, i) => (v - (m.small.peakRss[i] ?? Number.NaN)) / MiB)) : undefined;
  };
  const t = (target: string, now: Summary | undefined, fixed: Summary | undefined, show: (s: Summary) => string, ok: (s: Summary) => boolean): Target | undefined =>
    now && { section: '2', target, measured: show(now), ok: ok(now), ...(fixed ? { withFixes: { measured: show(fixed), ok: ok(fixed) } } : {}) };
  const list = [
    t(`\`concurrency: ${w.config.concurrency}\` ≥ 3× faster than the sequential openapi-fetch loop`, speedup(CONCURRENT), speedup(`${CONCURRENT}${FIXED}`), (s) => fmt(s, '×'), (s) => s.median >= 3),
    t(
      `peak RSS of the ${w.config.total.toLocaleString('en-US')}-item walk within 10 MiB of the ${w.config.smallTotal.toLocaleString('en-US')}-item walk (our iterator)`,
      delta(ITERATOR),
      delta(`${ITERATOR}${FIXED}`),
      (s) => fmtRange(s, ' MiB'),
      (s) => s.median <= 10,
    ),
  ];
  for (const x of list) if (x) targets.push(x);
}

function walksSection(w: ListWalkResult): string {
  const loop = w.time[LOOP]?.ms ?? [];
  const c = w.config;
  const pages = c.total / c.perPage;
  const rows = Object.entries(w.time).map(([label, s]) => [
    label,
    fmt(summarize(s.ms), ' ms', 4),
    fmt(summarize(s.ms.map((ms) => (c.total / ms) * 1000)), '', 4),
    fmt(summarize(s.cpuMs.map((ms) => ms / pages)), ' ms'),
    fmt(ratio(loop, s.ms), '×'),
  ]);
  const mem = Object.entries(w.memory).map(([label, m]) => [
    label,
    fmtRange(summarize(m.small.baseRss.map((v) => v / MiB)), ' MiB'),
    fmtRange(summarize(m.small.peakRss.map((v) => v / MiB)), ' MiB'),
    fmtRange(summarize(m.large.peakRss.map((v) => v / MiB)), ' MiB'),
    fmtRange(summarize(m.large.peakRss.map((v, i) => (v - (m.small.peakRss[i] ?? Number.NaN)) / MiB)), ' MiB'),
    fmtRange(summarize(m.large.peakNewSpace.map((v) => v / MiB)), ' MiB'),
  ]);
  return `## 2. List walks

\`GET /v1/agents\`, ${c.total.toLocaleString('en-US')} items, ${c.perPage} per page, ${c.latencyMs} ms of server latency per page; ours is \`for await (const agent of client.agents.list({ per_page: ${c.perPage} }))\`. Each walk runs in a fresh process; ${c.rounds} rounds, walks interleaved. Median (p25–p75).

${table(['walk', 'time', 'items/s', 'client CPU per page', 'speed-up vs the loop'], rows)}

Peak RSS (sampled every 1 ms and after every page) walking ${c.smallTotal.toLocaleString('en-US')} vs ${c.total.toLocaleString('en-US')} items, each walk in a fresh process, and the largest size V8 gave its young generation (new space) during the long walk. Median [min–max]; Δ is per round.

${table(['walk', 'RSS before the walk', `peak, ${c.smallTotal.toLocaleString('en-US')} items`, `peak, ${c.total.toLocaleString('en-US')} items`, 'Δ peak', `new space, ${c.total.toLocaleString('en-US')} items`], mem)}
`;
}

function rateLimitTargets(r: RateLimitResult, targets: Target[]): void {
  const paced = r.rounds.pace;
  const errors = Math.max(...paced.map((x) => Object.values(x.callerErrors).reduce((a, b) => a + b, 0)));
  const wire429 = summarize(paced.map((x) => (100 * x.wire429) / x.wireRequests));
  const finish = summarize(paced.map((x) => x.elapsedMs / x.minimumMs));
  targets.push(
    { section: '3', target: 'no 429 reaches the caller', measured: `${errors} in the worst round`, ok: errors === 0 },
    { section: '3', target: '≤ 1 % of wire requests get 429', measured: fmtRange(wire429, ' %'), ok: wire429.max <= 1 },
    { section: '3', target: 'finish ≤ 1.05× the theoretical minimum', measured: fmtRange(finish, '×'), ok: finish.median <= 1.05 },
  );
}

function rateLimitSection(r: RateLimitResult): string {
  const c = r.config;
  const windows = Math.ceil(c.calls / c.limit);
  const row = (label: string, rounds: RateLimitRound[]): string[] => {
    const errors = rounds.map((x) => Object.values(x.callerErrors).reduce((a, b) => a + b, 0));
    const kinds = [...new Set(rounds.flatMap((x) => Object.keys(x.callerErrors)))].join(', ');
    return [
      label,
      fmtRange(summarize(rounds.map((x) => x.elapsedMs / 1000)), ' s'),
      fmtRange(summarize(rounds.map((x) => x.elapsedMs / x.minimumMs)), '×'),
      fmtRange(summarize(rounds.map((x) => x.intoLastWindowMs)), ' ms'),
      fmtRange(summarize(rounds.map((x) => x.wireRequests)), '', 4),
      fmtRange(summarize(rounds.map((x) => (100 * x.wire429) / x.wireRequests)), ' %'),
      `${fmtRange(summarize(errors), '', 4)}${kinds ? ` (${kinds})` : ''}`,
      rounds[0]?.perWindow.join(' / ') ?? '',
    ];
  };
  return `## 3. Rate-limit efficiency

${c.calls.toLocaleString('en-US')} calls of \`client.auth.me()\`, ${c.inFlight} in flight, against the server enforcing **${c.limit} per minute, time-scaled ${60_000 / c.windowMs}×: ${c.limit} per ${c.windowMs / 1000}-second fixed window**. Windows are aligned to multiples of ${c.windowMs / 1000} s of epoch time, so \`X-RateLimit-Reset\` stays an exact epoch second (the API's format) and \`Retry-After\` (whole seconds, rounded up) lands in the next window; a refused request does not use the budget. Each run is a fresh process (the pacer starts knowing nothing) that starts 5 ms into a window. Theoretical minimum = ⌈${c.calls} / ${c.limit}⌉ = ${windows} windows × ${c.windowMs / 1000} s = **${(windows * c.windowMs) / 1000} s** from the first window's start. The last window needs only ${c.calls - (windows - 1) * c.limit} requests, so a perfect client ends early in window ${windows}, just after ${((windows - 1) * c.windowMs) / 1000} s: the column "into the last window" shows how early. The peer is our own client with pacing off, relying on retries and \`Retry-After\` alone. ${c.rounds} rounds; median [min–max].

${table(['client', 'finish (from the first window start)', 'vs minimum', 'into the last window', 'wire requests', 'wire 429s', 'errors to the caller', 'accepted per window (round 1)'], [row('ours, default pacing', r.rounds.pace), row('ours, pacing off', r.rounds.off)])}
`;
}

function sizeTargets(size: SizeResult, targets: Target[]): void {
  const core = size.rows.find((r) => r.id === 'core');
  targets.push({
    section: '4',
    target: `core entry (\`@opsmerge/sdk/core\`, every documented behaviour) ≤ ${kB(CORE_LIMIT)} min+gzip`,
    measured: core?.built ? kB(core.gzipBytes) : 'not built (no `src/core.ts`)',
    ok: core?.built === true && core.gzipBytes <= CORE_LIMIT,
  });
}

/** By part: the core entry beside the full entry (minified bytes and share of each). */
function partsTable(core: SizeRow | undefined, full: SizeRow | undefined): string {
  const shown = [core, full].filter((r): r is SizeRow => r?.built === true);
  const names = [...new Set(shown.flatMap((r) => r.areas.map((a) => a.area)))];
  const bytes = (r: SizeRow, area: string): number => r.areas.find((a) => a.area === area)?.bytes ?? 0;
  const first = shown[0];
  if (!first) return '';
  names.sort((a, b) => bytes(first, b) - bytes(first, a) || (shown[1] ? bytes(shown[1], b) - bytes(shown[1], a) : 0));
  const cell = (r: SizeRow, area: string): string[] => (bytes(r, area) ? [kB(bytes(r, area)), `${((100 * bytes(r, area)) / r.minBytes).toFixed(0)} %`] : ['–', '']);
  return table(
    ['part', ...shown.flatMap((r) => [`${r.name}: min`, 'share'])],
    names.map((area) => [area, ...shown.flatMap((r) => cell(r, area))]),
  );
}

function modulesTable(r: SizeRow): string {
  return table([`module (${r.name})`, 'min', 'share'], r.top.map((t) => [`\`${t.module}\``, kB(t.bytes), `${((100 * t.bytes) / r.minBytes).toFixed(0)} %`]));
}

function sizeSection(size: SizeResult): string {
  const rows = size.rows;
  const core = rows.find((r) => r.id === 'core');
  const full = rows.find((r) => r.id === 'full');
  const body = rows.map((r) => [r.name, r.what, r.built ? kB(r.minBytes) : 'not built', r.built ? `**${kB(r.gzipBytes)}**` : 'not built']);
  const external = [...new Set(rows.flatMap((r) => r.external))].sort();
  const dropped = size.dropped.map((d) => `"${d.name}" (${d.reason})`);
  const builtOurs = [core, full].filter((r): r is SizeRow => r?.built === true);
  return `## 4. Size

Every entry bundled the same way: esbuild, ESM, \`minify\`, \`platform: 'neutral'\`, dependencies included (openapi-fetch in ours), peer dependencies and Node built-ins left out, then gzip level 9. Our rows are the package's entries bundled from their sources: the **core entry** is \`@opsmerge/sdk/core\` (\`src/core.ts\`), which the ≤ ${kB(CORE_LIMIT)} target judges with everything the guides document of it (pacing, retries, timeouts, deprecation warnings, logging, pagination); \`@opsmerge/sdk\` is the full \`.\` entry with every export (the full facade). The "what if" rows are for information: they leave documented behaviour out.

${table(['bundle', 'what', 'min', 'min+gzip'], body, 2)}
${external.length ? `\nLeft out of the bundles (peer dependencies and Node built-ins: the user's, or the platform's): ${external.map((e) => `\`${e}\``).join(', ')}.\n` : ''}${dropped.length ? `\nNot measured any more: ${dropped.join('; ')}.\n` : ''}
${
    builtOurs.length
      ? `Where the bytes come from (esbuild metafile, minified bytes in the output), by part${builtOurs.length > 1 ? ', the core entry beside the full entry' : ''}, then by module:

${partsTable(core, full)}

${builtOurs.map(modulesTable).join('\n\n')}
`
      : ''
  }`;
}

/** An import-time row's summary, or its note ("not built", the error creating the client). */
function importCell(s: StartupResult, name: string, base: number[]): [string, string] {
  const row = s.imports.find((i) => i.name === name);
  if (!row || row.ms.length === 0) return [row?.note ?? 'not measured', '–'];
  return [fmt(summarize(row.ms), ' ms'), fmt(ratio(row.ms, base), '×')];
}

/** Import time is reported without a target (§5's table); the type-check time has one. */
function startupTargets(s: StartupResult, targets: Target[]): void {
  const integrator = s.tsc.find((t) => t.name === INTEGRATOR_TSC);
  if (integrator) {
    const wall = summarize(integrator.wallMs);
    const errors = integrator.errors ? ` with ${integrator.errors} type error${integrator.errors === 1 ? '' : 's'}` : '';
    targets.push({
      section: '5',
      target: '`tsc --noEmit` of the 20-method consumer file < 2 s (an integrator’s project: `tsc --init`, the built package)',
      measured: `${fmtRange(wall, ' ms', 4)}${errors}`,
      ok: wall.median < 2000 && integrator.errors === 0,
    });
  }
}

/** `tsc --init`'s options, as `key: value` pairs. */
function initOptions(options: Record<string, unknown>): string {
  return Object.entries(options)
    .map(([k, v]) => `\`${k}: ${JSON.stringify(v)}\``)
    .join(', ');
}

function startupSection(s: StartupResult): string {
  const base = s.imports.find((i) => i.name === 'openapi-fetch')?.ms ?? [];
  const rows = s.imports.map((i) => [i.name, ...importCell(s, i.name, base)]);
  const rounds = Math.max(0, ...s.imports.map((i) => i.ms.length));
  const entries = s.package.entries.map((e) =>
    e.built ? `\`${e.specifier}\` ${e.files} file${e.files === 1 ? '' : 's'}, ${kB(e.bytes ?? Number.NaN)}${e.packages?.length ? ` + ${e.packages.join(', ')}` : ''}${e.exported ? '' : ' (not in `exports` yet: imported by its file)'}` : `\`${e.specifier}\` not built`,
  );
  const tscRows = s.tsc.map((t) => [
    t.name,
    fmtRange(summarize(t.wallMs), ' ms', 4),
    fmtRange(summarize(t.totalMs), ' ms', 4),
    fmtRange(summarize(t.checkMs), ' ms', 4),
    num(t.files),
    num(t.linesOfDefinitions),
    String(t.errors),
  ]);
  const errors = s.tsc.filter((t) => t.errors > 0).map((t) => `- ${t.name}: ${t.errors}, the first: \`${t.firstError ?? ''}\``);
  const bundled = s.imports.some((i) => i.name === BUNDLED_IMPORT);
  const has = (name: string): boolean => s.tsc.some((t) => t.name === name);
  const fullFiles = s.package.entries.find((e) => e.subpath === '.')?.files;
  return `## 5. Start-up

The package as an integrator installs it: \`scripts/build/build.ts --out\` into a temporary directory (${num(s.package.buildMs / 1000)} s), reached from a consumer directory through \`node_modules/@opsmerge/sdk\`, so imports resolve through \`package.json\` \`exports\`. What importing each entry loads (static imports followed in the built files): ${entries.join('; ')}.

Import time, reported without a target: \`await import()\` timed inside a fresh \`node\` process (no tsx), ${rounds} round${rounds === 1 ? '' : 's'} interleaved after one warm-up round; ratio per round to openapi-fetch. The core entry is the one comparable to openapi-fetch (a low-level client), the full entry is what \`import { createClient } from '@opsmerge/sdk'\` loads; what each loads is listed above.${
    bundled
      ? ` "Bundled into one file" is the \`.\` entry as one esbuild bundle (openapi-fetch left external): shown while the published entry loads more than ${BUNDLE_ROW_MIN_FILES} files.`
      : ` The published \`.\` entry loads ${fullFiles ?? 'its'} files, not more than ${BUNDLE_ROW_MIN_FILES}, so it is not compared with a one-file bundle of itself.`
  } Median (p25–p75).

${table(['module', 'import time', 'vs openapi-fetch'], rows)}

Type-check time: \`tsc -p … --noEmit --extendedDiagnostics\` over \`test/types/consumer.ts\` (20 facade methods). **The target is judged on the first row**, because that is what an integrator compiles: their own project as \`tsc --init\` makes it (${initOptions(s.initOptions)}), importing \`@opsmerge/sdk\` from the built package, so \`tsc\` reads the SDK's emitted \`.d.ts\`; \`skipLibCheck: true\`, as \`tsc --init\` sets it, skips checking those declarations but still resolves every type the file uses from them.${has(INTEGRATOR_TSC_LIBCHECK) ? ' The second row is the same project with `skipLibCheck: false`.' : ''}${
    has(CONSUMER_TSC) ? " The row with the SDK's sources in the program (this repository's options, `src/` and `generated/` compiled from TypeScript) is information: it is this repository's own type-check, which no integrator runs." : ''
  } Wall time of the \`tsc\` process; median [min–max]; "lines of .d.ts" counts declarations outside TypeScript's own lib.

${table(['project', 'wall time', 'tsc total', 'of which check', 'files', 'lines of .d.ts', 'type errors'], tscRows)}
${errors.length ? `\nType errors reported:\n\n${errors.join('\n')}\n` : ''}`;
}

function mockTargets(m: MockThroughputResult, targets: Target[]): void {
  const vsPrism = mockRatio(m);
  const p99 = summarize(m.rounds['stateful mock'].map((r) => r.p99Ms));
  targets.push(
    { section: '6', target: `stateful mock ≥ 3× Prism's requests/s on \`${MOCK_REQUEST}\`, ${m.config.inFlight} in flight`, measured: fmt(vsPrism, '×'), ok: vsPrism.median >= 3 },
    { section: '6', target: `stateful mock p99 latency ≤ 10 ms, ${m.config.inFlight} in flight`, measured: fmt(p99, ' ms'), ok: p99.median <= 10 },
  );
}

function mockSection(m: MockThroughputResult): string {
  const c = m.config;
  const cell = (rounds: MockRound[], pick: (r: MockRound) => number | null, unit: string, digits = 3): string => {
    const values = rounds.map(pick).filter((v): v is number => v !== null);
    return values.length ? fmt(summarize(values), unit, digits) : '–';
  };
  const other = (rounds: MockRound[]): string => {
    const counts = new Map<string, number>();
    for (const r of rounds) for (const [status, n] of Object.entries(r.statuses)) if (status !== '200') counts.set(status, (counts.get(status) ?? 0) + n);
    return counts.size ? [...counts].map(([status, n]) => `${n}× ${status}`).join(', ') : 'none';
  };
  const rows = SERVERS.map((name) => {
    const rounds = m.rounds[name];
    return [
      name,
      cell(rounds, (r) => r.rps, '', 4),
      cell(rounds, (r) => r.p50Ms, ' ms'),
      cell(rounds, (r) => r.p99Ms, ' ms'),
      cell(rounds, (r) => r.serverCpuUs, ' µs'),
      cell(rounds, (r) => r.clientCpuUs, ' µs'),
      num(rounds[0]?.bytes ?? Number.NaN, 5),
      other(rounds),
    ];
  });
  return `## 6. Mock throughput

Partners run their own suites against the stateful mock. The same request, \`${MOCK_REQUEST}\` with a Bearer key, ${c.inFlight} in flight on ${c.inFlight} keep-alive connections (undici), against the stateful mock over HTTP (\`startMockServer\`, in its own process, rate limits raised for the run) and against Prism on the same spec (\`prism mock\`, started as \`test/setup/prism.ts\` starts it). Each in its own process, and the load in a third; none is pinned to a CPU (on this shared machine pinning confined each process to what the other tenants left of one CPU: see \`bench/sections/mock-throughput.ts\`). 1-minute load average during the rounds: ${m.loadDuring.map((l) => num(l)).join(', ')} on ${m.cpus} CPUs. Each server first answers ${num(c.warmup)} requests as a warm-up; then ${c.rounds} rounds of ${num(c.requests)} requests each, the servers taking turns and alternating which goes first. Two items a page because Prism answers every list with the spec's two-item example: the bodies are then about the same size, so the load process parses the same bytes from either server (the mock still filters, sorts and pages all its seeded agents). Latency is per request, from sending to the whole body read; server CPU is the server process's user + system time over the round (\`/proc\`), load CPU the load process's, both per request. Median (p25–p75) over rounds; the ratio is the median of per-round ratios: ${fmt(mockRatio(m), '×')}.

${table(['server', 'req/s', 'p50 latency', 'p99 latency', 'server CPU per request', 'load CPU per request', 'body bytes', 'answers other than 200'], rows)}
`;
}

function installSection(i: InstallResult): string {
  const ours = i.rows[0];
  const bytes = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : kB(n));
  const rows = i.rows.map((r) => [r.name, r.spec, num(r.packages.length), bytes(r.bytes), r.tarballBytes === undefined ? '' : bytes(r.tarballBytes)]);
  return `## 7. Install footprint

What \`npm install\` puts on disk, each package alone in a fresh project (install scripts off): the packages npm installed (its lock file), the bytes of every file under \`node_modules\`, and for ours the packed tarball's size. Ours is the packed \`@opsmerge/sdk\` of this build; the peers are the versions this repository pins, from the registry. No target: the number of packages is the design's promise (\`openapi-fetch\` only), which the package test asserts exactly.

${table(['package', 'installed', 'packages', 'on disk', 'tarball'], rows, 2)}
${ours ? `
\`${ours.name}\` installs: ${ours.packages.map((p) => `\`${p}\``).join(', ')}.
` : ''}`;
}

function targetTable(targets: Target[], fixesApplied: boolean): string {
  const head = ['§', 'target', 'src/ as is: median (spread)', '', ...(fixesApplied ? ['with bench/fixes', ''] : [])];
  return table(
    head,
    targets.map((t) => [t.section, t.target, t.measured, verdict(t.ok), ...(fixesApplied ? [t.withFixes?.measured ?? '(not affected)', t.withFixes ? verdict(t.withFixes.ok) : ''] : [])]),
    2,
  );
}

export function renderReport(results: BenchResults): string {
  const targets: Target[] = [];
  if (results.overhead) overheadTargets(results.overhead, targets);
  if (results.walks) walkTargets(results.walks, targets);
  if (results.rateLimit) rateLimitTargets(results.rateLimit, targets);
  if (results.size) sizeTargets(results.size, targets);
  if (results.startup) startupTargets(results.startup, targets);
  if (results.mock) mockTargets(results.mock, targets);
  const sections = [
    results.overhead && overheadSection(results.overhead),
    results.walks && walksSection(results.walks),
    results.rateLimit && rateLimitSection(results.rateLimit),
    results.size && sizeSection(results.size),
    results.startup && startupSection(results.startup),
    results.mock && mockSection(results.mock),
    results.install && installSection(results.install),
  ].filter((s): s is string => typeof s === 'string');
  const e = results.environment;
  const pending = results.fixes.filter((f) => !f.merged);
  const fixesApplied = pending.length > 0 && pending.every((f) => f.applied);
  const merged = results.fixes.filter((f) => f.merged).map((f) => `bench/fixes/${f.patch}`);
  const fixes = [
    fixesApplied ? `Rows marked **+ fixes** run the same code with \`${pending.map((f) => `bench/fixes/${f.patch}`).join('`, `')}\` applied to a copy of \`src/\`: changes proposed, not made.` : '',
    pending.length > 0 && !fixesApplied ? `The proposed fixes do not apply to the current \`src/\` (${pending.filter((f) => !f.applied).map((f) => f.patch).join(', ')}); regenerate them.` : '',
    merged.length > 0 ? `Already in \`src/\`, so not measured separately: \`${merged.join('`, `')}\` (delete them).` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `# Benchmarks${results.smoke ? ' (smoke run: tiny counts, numbers meaningless)' : ''}

Written by \`npm run bench\` (\`bench/run.ts\`); do not edit by hand. One run: ${e.date}, commit \`${e.commit}\` plus the working tree, Node ${e.node}, ${e.os}, ${e.cpu}, ${e.memoryGiB} GiB, ${e.seconds} s. 1-minute load average ${num(e.loadBefore)} before and ${num(e.loadAfter)} after: the machine is shared, so spreads are wide and each target is judged on per-round ratios to a peer measured next to it. Every request of §1–3 goes to one local HTTP server (\`bench/server/server.ts\`, \`node:http\`) in its own process on 127.0.0.1; §6 measures two servers of its own. ${fixes}

## Targets

${targetTable(targets, fixesApplied)}

${whatLimits(results, targets)}

${sections.join('\n')}`;
}
