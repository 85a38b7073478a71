/** Every family of contracts: what the conformance run takes, and what the coverage test compares with the operations table. */
import type { Family } from '../contract.js';
import { account } from './account.js';
import { analytics } from './analytics.js';
import { incidents } from './incidents.js';
import { internal } from './internal.js';
import { m365 } from './m365.js';
import { psa } from './psa.js';
import { rmm } from './rmm.js';

/** Every family of contracts, in the order the conformance run takes them. */
export const FAMILIES: Readonly<Record<string, Family>> = { account, rmm, psa, incidents, analytics, m365, internal };
