/** Analytics family (beta): per-site ops scores and industry benchmarks. */
import { expect } from '../assert.js';
import { contract, family } from '../contract.js';
import { expectEvery, expectFirstPage } from '../helpers.js';

/** The contracts of the analytics family. */
export const analytics = family('Analytics', [
  contract('opsScores_list', 'lists only monthly scores between 0 and 100 when filtered by period', async (t) => {
    const page = await t.client.opsScores.list({ period: 'month', per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (s) => s.period === 'month', 'period=month');
    for (const score of page.items) expect(score.score).toBeGreaterThanOrEqual(0);
  }),

  contract('benchmarks_list', 'lists ordered percentiles of one metric when filtered by metric', async (t) => {
    const page = await t.client.benchmarks.list({ metric: 'ops_score', per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (b) => b.metric === 'ops_score', 'metric=ops_score');
    for (const b of page.items) {
      expect(b.p25).toBeLessThanOrEqual(b.p50);
      expect(b.p50).toBeLessThanOrEqual(b.p75);
    }
  }),
]);
