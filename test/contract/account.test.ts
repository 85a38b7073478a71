/** Contract tests of the account family on every target (see support/run.ts and families/account.ts). */
import { account } from './families/account.js';
import { runFamily } from './support/run.js';

runFamily(account);
