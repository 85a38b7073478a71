import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RetryBudget } from '../../src/internal/retry-budget.js';

type Step = { kind: 'error' | 'timeout' } | { kind: 'success'; retries: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom<Step>({ kind: 'error' }, { kind: 'timeout' }),
  fc.nat({ max: 3 }).map((retries): Step => ({ kind: 'success', retries })),
);

describe('RetryBudget properties', () => {
  it('keeps the level within [0, capacity] and matches a simple model under any sequence of calls', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.array(step, { maxLength: 300 }), (capacity, steps) => {
        const budget = new RetryBudget({ capacity });
        let model = capacity;
        for (const s of steps) {
          if (s.kind === 'success') {
            // A call that retried `retries` times and then succeeded.
            let taken = 0;
            for (let i = 0; i < s.retries; i += 1) {
              const cost = budget.acquire('error');
              if (cost === undefined) break;
              taken += cost;
              model -= 5;
            }
            budget.onSuccess(taken);
            model = Math.min(capacity, model + (taken > 0 ? taken : 1));
          } else {
            const cost = s.kind === 'timeout' ? 10 : 5;
            const granted = budget.acquire(s.kind);
            expect(granted).toBe(model >= cost ? cost : undefined);
            if (granted !== undefined) model -= cost;
          }
          expect(budget.available).toBe(model);
          expect(budget.available).toBeGreaterThanOrEqual(0);
          expect(budget.available).toBeLessThanOrEqual(capacity);
        }
      }),
    );
  });

  it('grants at most capacity / retryCost retries when nothing succeeds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 20 }), (capacity, retryCost) => {
        const budget = new RetryBudget({ capacity, retryCost });
        let granted = 0;
        while (budget.acquire('error') !== undefined) granted += 1;
        expect(granted).toBe(Math.floor(capacity / retryCost));
      }),
    );
  });
});
