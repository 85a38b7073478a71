/** Analytics family (beta): per-site ops scores and industry benchmarks. */
import type { HandlerContext } from './context.js';
import { paginate, where } from './list.js';
import type { Route } from './typed-http.js';

/** Routes of the analytics family: one per operation. */
export function analyticsRoutes({ http, run, store }: HandlerContext): Route[] {
  return [
    http.get('/v1/analytics/ops-scores', (info) =>
      run(info, 'opsScores_list', (call) => {
        const q = call.query;
        const period = q.period ?? 'week';
        const sinceDay = q.since === undefined ? undefined : new Date(q.since).toISOString().slice(0, 10);
        let scores = store.data.opsScores.filter((s) => s.period === period && (sinceDay === undefined || s.period_start >= sinceDay));
        scores = where(scores, q.site_id, (s) => s.site_id);
        scores = [...scores].sort((a, b) => b.period_start.localeCompare(a.period_start) || a.site_id.localeCompare(b.site_id));
        return info.response(200).json({ data: paginate(scores, q) });
      }),
    ),

    http.get('/v1/analytics/benchmarks', (info) =>
      run(info, 'benchmarks_list', (call) => {
        let benchmarks = where(store.data.benchmarks, call.query.industry, (b) => b.industry);
        benchmarks = where(benchmarks, call.query.metric, (b) => b.metric);
        return info.response(200).json({ data: paginate(benchmarks, call.query) });
      }),
    ),
  ];
}
