/** Contract tests of the internal family on every target (see support/run.ts and families/internal.ts). */
import { internal } from './families/internal.js';
import { runFamily } from './support/run.js';

runFamily(internal);
