/** Contract tests of the rmm family on every target (see support/run.ts and src/conformance/families/rmm.ts). */
import { rmm } from '../../src/conformance/families/rmm.js';
import { runFamily } from './support/run.js';

runFamily(rmm);
