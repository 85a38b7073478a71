/** Contract tests of the analytics family on every target (see support/run.ts and conformance/families/analytics.ts). */
import { analytics } from '../../conformance/families/analytics.js';
import { runFamily } from './support/run.js';

runFamily(analytics);
