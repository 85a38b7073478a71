/** What a run produced, and the helpers the report and the findings share. */
import { difference, ratio, type Summary } from './lib/stats.js';
import type { ListWalkResult } from './sections/list-walk.js';
import type { MockThroughputResult } from './sections/mock-throughput.js';
import { FIXED_PREFIX, type Mode, type OverheadResult } from './sections/overhead.js';
import type { InstallResult } from './sections/install.js';
import type { RateLimitResult } from './sections/rate-limit.js';
import type { SizeResult, SizeRow } from './sections/size.js';
import type { StartupResult } from './sections/startup.js';

export interface BenchResults {
  smoke: boolean;
  environment: { node: string; os: string; cpu: string; memoryGiB: number; commit: string; date: string; loadBefore: number; loadAfter: number; seconds: number };
  fixes: { patch: string; applied: boolean; merged: boolean; output: string }[];
  overhead?: OverheadResult;
  walks?: ListWalkResult;
  rateLimit?: RateLimitResult;
  size?: SizeResult;
  startup?: StartupResult;
  mock?: MockThroughputResult;
  install?: InstallResult;
}

/** One target: what `src/` measures, and what it measures with `bench/fixes` applied. */
export interface Target {
  section: string;
  target: string;
  measured: string;
  ok: boolean;
  withFixes?: { measured: string; ok: boolean };
}

export const MiB = 2 ** 20;
/** The full-featured SDKs in the overhead section: the facade's throughput target is ≥ each of them. */
export const SDK_PEERS = ['openai', '@octokit/core'] as const;
/** §4: the core entry with every behaviour the guides document, min+gzip. */
export const CORE_LIMIT = 16_000;
export const FACADE = 'ours: client.auth.me()';
export const FACADE_FIXED = `${FIXED_PREFIX}client.auth.me()`;
export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

/** The size row with this id (our entries, the peers). */
export function sizeRow(r: BenchResults, id: SizeRow['id']): SizeRow | undefined {
  return r.size?.rows.find((x) => x.id === id);
}

/** A Markdown table; the first `textColumns` columns are left-aligned, the rest (numbers) right-aligned. */
export function table(head: string[], rows: string[][], textColumns = 1): string {
  const align = head.map((_, i) => (i < textColumns ? '---' : '---:')).join('|');
  return [`| ${head.join(' | ')} |`, `|${align}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The overhead figures the targets and the findings use. */
export function overheadFigures(o: OverheadResult, facade: string) {
  const s = o.series;
  const of = (name: string) => s[name] as Record<Mode, { rps: number[]; cpuUs: number[] }>;
  const added = (mode: Mode): Summary => difference(of(facade)[mode].cpuUs, of('openapi-fetch')[mode].cpuUs);
  return {
    vsOpenapi: ratio(of(facade).inFlight.rps, of('openapi-fetch').inFlight.rps),
    /** Throughput at the in-flight level over each full-featured SDK's, per round. */
    vsPeers: Object.fromEntries(SDK_PEERS.map((peer) => [peer, ratio(of(facade).inFlight.rps, of(peer).inFlight.rps)])) as Record<(typeof SDK_PEERS)[number], Summary>,
    addedSeq: added('sequential'),
    addedPar: added('inFlight'),
  };
}

/** The stateful mock's requests per second over Prism's, per round (§6). */
export function mockRatio(m: MockThroughputResult): Summary {
  return ratio(
    m.rounds['stateful mock'].map((r) => r.rps),
    m.rounds.Prism.map((r) => r.rps),
  );
}
