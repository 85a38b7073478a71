/** Contract tests of the rmm family on every target (see support/run.ts and families/rmm.ts). */
import { rmm } from './families/rmm.js';
import { runFamily } from './support/run.js';

runFamily(rmm);
