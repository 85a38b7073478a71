/** Contract tests of the internal family on every target (see support/run.ts and conformance/families/internal.ts). */
import { internal } from '../../conformance/families/internal.js';
import { runFamily } from './support/run.js';

runFamily(internal);
