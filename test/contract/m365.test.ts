/** Contract tests of the m365 family on every target (see support/run.ts and conformance/families/m365.ts). */
import { m365 } from '../../conformance/families/m365.js';
import { runFamily } from './support/run.js';

runFamily(m365);
