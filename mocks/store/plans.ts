/**
 * What each plan allows (DESIGN.md "The sandbox", the spec's `Me.organisation.plan` and
 * `x-daily-quota`): active API keys free 2 / starter 5 / growth 20 / enterprise unlimited;
 * a daily quota of 10,000 requests per key on the plans the spec's `x-daily-quota.plans`
 * names; IP allow-lists on enterprise only.
 */
import { spec, type SpecObject } from '../spec.js';
import type { Plan } from './types.js';

/** Every plan, cheapest first. */
export const PLANS: readonly Plan[] = ['free', 'starter', 'growth', 'enterprise'];

/** What a plan allows. */
export interface PlanLimits {
  /** Active API keys (403 `PLAN_LIMIT_REACHED` past it); null for unlimited. */
  readonly keyLimit: number | null;
  /** Requests per key per UTC day (429 `QUOTA_EXCEEDED` past it); null for none. */
  readonly dailyQuota: number | null;
  /** Whether keys may carry an IP allow-list. */
  readonly ipAllowLists: boolean;
}

const quota = spec['x-daily-quota'] as SpecObject;
const QUOTA = quota['limit'] as number;
const QUOTA_PLANS = quota['plans'] as readonly Plan[];
const KEY_LIMITS: Readonly<Record<Plan, number | null>> = { free: 2, starter: 5, growth: 20, enterprise: null };

/** The limits of each plan. */
export const PLAN_LIMITS: Readonly<Record<Plan, PlanLimits>> = Object.fromEntries(
  PLANS.map((plan) => [plan, { keyLimit: KEY_LIMITS[plan], dailyQuota: QUOTA_PLANS.includes(plan) ? QUOTA : null, ipAllowLists: plan === 'enterprise' }]),
) as Record<Plan, PlanLimits>;

/** Whether `value` names a plan. */
export function isPlan(value: unknown): value is Plan {
  return typeof value === 'string' && (PLANS as readonly string[]).includes(value);
}
