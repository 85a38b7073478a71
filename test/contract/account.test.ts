/** Contract tests of the account family on every target (see support/run.ts and conformance/families/account.ts). */
import { account } from '../../conformance/families/account.js';
import { runFamily } from './support/run.js';

runFamily(account);
