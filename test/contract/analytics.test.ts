/** Contract tests of the analytics family on every target (see support/run.ts and src/conformance/families/analytics.ts). */
import { analytics } from '../../src/conformance/families/analytics.js';
import { runFamily } from './support/run.js';

runFamily(analytics);
