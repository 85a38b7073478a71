/** Contract tests of the psa family on every target (see support/run.ts and conformance/families/psa.ts). */
import { psa } from '../../conformance/families/psa.js';
import { runFamily } from './support/run.js';

runFamily(psa);
