/** Contract tests of the incidents family on every target (see support/run.ts and families/incidents.ts). */
import { incidents } from './families/incidents.js';
import { runFamily } from './support/run.js';

runFamily(incidents);
