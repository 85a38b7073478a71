/** Contract tests of the psa family on every target (see support/run.ts and src/conformance/families/psa.ts). */
import { psa } from '../../src/conformance/families/psa.js';
import { runFamily } from './support/run.js';

runFamily(psa);
