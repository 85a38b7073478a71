/** Contract tests of the incidents family on every target (see support/run.ts and src/conformance/families/incidents.ts). */
import { incidents } from '../../src/conformance/families/incidents.js';
import { runFamily } from './support/run.js';

runFamily(incidents);
