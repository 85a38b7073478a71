import { describe, expect, it } from 'vitest';
import { RetryBudget } from '../../src/internal/retry-budget.js';
import { ConfigurationError } from '../../src/errors/index.js';

describe('RetryBudget', () => {
  it('starts full with AWS standard-mode defaults: 500 tokens, 5 per retry, 10 per timeout', () => {
    const budget = new RetryBudget();
    expect(budget.available).toBe(500);
    expect(budget.acquire('error')).toBe(5);
    expect(budget.available).toBe(495);
    expect(budget.acquire('timeout')).toBe(10);
    expect(budget.available).toBe(485);
  });

  it('caps a 100 % failure stream: after 100 retries the budget is spent and no more are allowed', () => {
    const budget = new RetryBudget();
    let granted = 0;
    for (let call = 0; call < 1000; call += 1) {
      // Every call fails and asks for up to 3 retries, none of which succeeds.
      for (let attempt = 0; attempt < 3; attempt += 1) {
        if (budget.acquire('error') === undefined) break;
        granted += 1;
      }
    }
    expect(granted).toBe(100);
    expect(budget.available).toBe(0);
    expect(budget.acquire('error')).toBeUndefined();
  });

  it('refuses a timeout retry when fewer than 10 tokens are left, but still allows an error retry', () => {
    const budget = new RetryBudget({ capacity: 7 });
    expect(budget.acquire('timeout')).toBeUndefined();
    expect(budget.available).toBe(7);
    expect(budget.acquire('error')).toBe(5);
    expect(budget.acquire('error')).toBeUndefined();
    expect(budget.available).toBe(2);
  });

  it('refunds the tokens a call took when it finally succeeds', () => {
    const budget = new RetryBudget();
    const taken = (budget.acquire('error') ?? 0) + (budget.acquire('timeout') ?? 0);
    expect(budget.available).toBe(485);
    budget.onSuccess(taken);
    expect(budget.available).toBe(500);
  });

  it('adds one token for a success that needed no retry, up to the capacity', () => {
    const budget = new RetryBudget();
    budget.acquire('error');
    budget.onSuccess(0);
    expect(budget.available).toBe(496);
    for (let i = 0; i < 10; i += 1) budget.onSuccess(0);
    expect(budget.available).toBe(500);
  });

  it('lets successes refill a spent budget so retries resume', () => {
    const budget = new RetryBudget();
    while (budget.acquire('error') !== undefined) {
      // drain the bucket, as during an outage
    }
    expect(budget.acquire('error')).toBeUndefined();
    for (let i = 0; i < 4; i += 1) budget.onSuccess(0);
    expect(budget.acquire('error')).toBeUndefined();
    budget.onSuccess(0);
    expect(budget.acquire('error')).toBe(5);
  });

  it('uses custom capacity and costs', () => {
    const budget = new RetryBudget({ capacity: 20, retryCost: 3, timeoutCost: 7 });
    expect(budget.acquire('error')).toBe(3);
    expect(budget.acquire('timeout')).toBe(7);
    expect(budget.available).toBe(10);
  });

  it('never holds more than its capacity, even after a large refund', () => {
    const budget = new RetryBudget({ capacity: 10 });
    budget.onSuccess(50);
    expect(budget.available).toBe(10);
  });

  it.each([
    [{ capacity: -1 }, 'capacity', 'capacity must be a whole number ≥ 0, got -1'],
    [{ capacity: 1.5 }, 'capacity', 'capacity must be a whole number ≥ 0, got 1.5'],
    [{ retryCost: 0 }, 'retryCost', 'retryCost must be a whole number ≥ 1, got 0'],
    [{ timeoutCost: Number.NaN }, 'timeoutCost', 'timeoutCost must be a whole number ≥ 1, got NaN'],
    [{ retryCost: '5' }, 'retryCost', 'retryCost must be a whole number ≥ 1, got a string'],
    [{ capacty: 10 }, 'capacty', 'Unknown option "capacty" (did you mean "capacity"?): RetryBudget takes capacity, retryCost, timeoutCost.'],
  ])('rejects the options %j with a ConfigurationError naming the option', (options, option, message) => {
    expect(() => new RetryBudget(options as never)).toThrow(new ConfigurationError(message, { option }));
    expect(() => new RetryBudget(options as never)).toThrow(expect.objectContaining({ option }));
  });

  it('rejects a negative refund', () => {
    expect(() => new RetryBudget().onSuccess(-5)).toThrow('tokensTaken must be a whole number ≥ 0, got -5');
  });
});
