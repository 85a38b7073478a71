/** Contract tests of the rmm family on every target (see support/run.ts and conformance/families/rmm.ts). */
import { rmm } from '../../conformance/families/rmm.js';
import { runFamily } from './support/run.js';

runFamily(rmm);
