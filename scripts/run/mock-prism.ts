/**
 * `npm run mock [-- --port P]`: serves openapi/ with Prism (stateless, validating requests).
 * Prism accepts any credentials of the right shape, so any om_test_ key works.
 */
import { startPrism } from '../../test/setup/prism.js';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 4010;
const prism = await startPrism({ port, quiet: true });
const key = 'om_test_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a';
console.log(`OpsMerge Prism mock (stateless, validating) on ${prism.url}`);
console.log(`test key: ${key}`);
console.log(`try: curl -H "Authorization: Bearer ${key}" ${prism.url}/v1/auth/me`);
const stop = (): void => {
  void prism.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
