/** Contract tests of the incidents family on every target (see support/run.ts and conformance/families/incidents.ts). */
import { incidents } from '../../conformance/families/incidents.js';
import { runFamily } from './support/run.js';

runFamily(incidents);
