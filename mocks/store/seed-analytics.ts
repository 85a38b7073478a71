/** Seeds per-site ops scores (daily, weekly, monthly) and industry benchmarks. @internal */
import type { Benchmark, OpsScore } from '@opsmerge/sdk';
import { toDateString } from '../clock.js';
import { DAY_MS, type SeedContext } from './seed-context.js';
import type { SiteRecord } from './types.js';

/** How many periods of each length are scored, newest first. */
const PERIODS: ReadonlyArray<readonly [OpsScore['period'], number]> = [
  ['day', 14],
  ['week', 8],
  ['month', 6],
];

function periodStarts(now: Date, period: OpsScore['period'], count: number): Date[] {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const starts: Date[] = [];
  for (let i = 0; i < count; i++) {
    if (period === 'day') starts.push(new Date(day.getTime() - i * DAY_MS));
    else if (period === 'week') {
      const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
      starts.push(new Date(monday.getTime() - i * 7 * DAY_MS));
    } else starts.push(new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() - i, 1)));
  }
  return starts;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Scores per site and period; the trend compares with the previous period of the same length. */
export function seedOpsScores(ctx: SeedContext, sites: readonly SiteRecord[]): OpsScore[] {
  const scores: OpsScore[] = [];
  for (const site of sites) {
    for (const [period, count] of PERIODS) {
      const starts = periodStarts(ctx.now, period, count + 1).reverse();
      let previous: number | null = null;
      for (const start of starts) {
        const components = {
          uptime: ctx.decimal(95, 100),
          patch_compliance: ctx.decimal(70, 100),
          ticket_sla: ctx.decimal(75, 100),
          csat: ctx.decimal(65, 100),
        };
        const score = round1(components.uptime * 0.3 + components.patch_compliance * 0.25 + components.ticket_sla * 0.25 + components.csat * 0.2);
        const trend: OpsScore['trend'] = previous === null || Math.abs(score - previous) < 0.5 ? 'flat' : score > previous ? 'up' : 'down';
        if (previous !== null || starts.length === 1) {
          scores.push({ site_id: site.id, period, period_start: toDateString(start), score, components, trend });
        }
        previous = score;
      }
    }
  }
  return scores;
}

const INDUSTRIES: readonly Benchmark['industry'][] = ['msp', 'healthcare', 'legal', 'manufacturing', 'retail', 'education'];
const METRICS: readonly Benchmark['metric'][] = ['ops_score', 'uptime', 'patch_compliance', 'ticket_sla', 'csat'];

/** Percentiles of every metric in every industry, computed on the 1st of the month. */
export function seedBenchmarks(ctx: SeedContext): Benchmark[] {
  const asOf = toDateString(new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth(), 1)));
  const out: Benchmark[] = [];
  for (const industry of INDUSTRIES) {
    for (const metric of METRICS) {
      const p50 = ctx.decimal(metric === 'uptime' ? 97 : 78, metric === 'uptime' ? 99.6 : 93);
      const p25 = round1(Math.max(0, p50 - ctx.decimal(1.5, 9)));
      const p75 = round1(Math.min(100, p50 + ctx.decimal(0.3, Math.min(6, 100 - p50))));
      out.push({ industry, metric, p25, p50, p75: Math.max(p75, p50), sample_size: ctx.int(120, 4000), as_of: asOf });
    }
  }
  return out;
}
