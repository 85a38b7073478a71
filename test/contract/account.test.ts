/** Contract tests of the account family on every target (see support/run.ts and src/conformance/families/account.ts). */
import { account } from '../../src/conformance/families/account.js';
import { runFamily } from './support/run.js';

runFamily(account);
