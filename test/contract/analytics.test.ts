/** Contract tests of the analytics family on every target (see support/run.ts and families/analytics.ts). */
import { analytics } from './families/analytics.js';
import { runFamily } from './support/run.js';

runFamily(analytics);
