import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operations, type OperationInfo } from '../../src/index.js';
import { ROOT, runCli, runCliDev, runInProcess } from './helpers.js';

const version = (JSON.parse(readFileSync(join(ROOT, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }).version;

/** Resources the CLI generates commands for, read independently from the operations table. */
function generatedResources(): Array<{ name: string; beta: boolean; list?: OperationInfo; get?: OperationInfo }> {
  const byResource = new Map<string, { list?: OperationInfo; get?: OperationInfo }>();
  for (const op of Object.values(operations) as OperationInfo[]) {
    if (['apiKeys', 'auth', 'events'].includes(op.resource) || op.stability === 'internal') continue;
    if (op.name !== 'list' && op.name !== 'get') continue;
    byResource.set(op.resource, { ...byResource.get(op.resource), [op.name]: op });
  }
  return [...byResource].map(([resource, ops]) => ({
    name: resource.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase(),
    beta: ops.list?.stability === 'beta' || ops.get?.stability === 'beta',
    ...ops,
  }));
}

describe('opsmerge --help and --version (subprocess)', () => {
  it('prints the package version with --version and exits 0', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  it('runs from the sources through tsx as well, as in the repository', async () => {
    const result = await runCliDev(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  it('prints the commands, credentials, exit codes and examples with --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const text of ['whoami', 'login', 'keys', 'events', 'agents', 'tickets', 'mock', 'contract', 'Exit codes:', 'Examples:', 'OPSMERGE_API_KEY']) {
      expect(result.stdout).toContain(text);
    }
    expect(result.stderr).toBe('');
  });

  it('prints a subcommand help with examples', async () => {
    const result = await runCli(['keys', 'create', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--name <name>/);
    expect(result.stdout).toMatch(/Examples:\n\s+\$ opsmerge keys create/);
  });
});

describe('the command tree (in-process)', () => {
  const fixed = ['whoami', 'login', 'logout', 'keys', 'keys list', 'keys get', 'keys create', 'keys revoke', 'events', 'events trigger', 'events acknowledge', 'events resolve', 'mock', 'contract'];

  it.each(fixed)('"%s --help" shows examples', async (path) => {
    const result = await runInProcess([...path.split(' '), '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Examples:\n\s+\$ opsmerge /);
  });

  it('has a list and get command with examples for every stable resource of the operations table', async () => {
    const resources = generatedResources().filter((r) => !r.beta);
    expect(resources.length).toBeGreaterThan(10);
    for (const resource of resources) {
      for (const sub of ['list', 'get'] as const) {
        const op = resource[sub];
        if (!op) continue;
        const result = await runInProcess([resource.name, sub, '--help']);
        expect(result.code, `${resource.name} ${sub}`).toBe(0);
        expect(result.stdout).toContain(`$ opsmerge ${resource.name} ${sub}`);
        expect(result.stdout).toContain(op.scopes.join(', '));
      }
    }
  });

  it('offers every query parameter of every list operation as a --filter option', async () => {
    for (const resource of generatedResources()) {
      if (!resource.list) continue;
      const result = await runInProcess([...(resource.beta ? ['--beta'] : []), resource.name, 'list', '--help']);
      expect(result.code, resource.name).toBe(0);
      for (const param of resource.list.queryParams) {
        if (param === 'page') continue;
        expect(result.stdout, `${resource.name} list --${param}`).toContain(`--${param.replace(/_/g, '-')} <`);
      }
      for (const param of resource.list.pathParams) expect(result.stdout).toContain(param.replace(/_/g, '-'));
    }
  });

  it('offers beta resources only with --beta, and says so without it', async () => {
    const beta = generatedResources().filter((r) => r.beta);
    expect(beta.length).toBeGreaterThan(0);
    const root = await runInProcess(['--help']);
    const betaHelp = await runInProcess(['--beta', '--help']);
    for (const { name } of beta) {
      expect(root.stdout).not.toMatch(new RegExp(`^\\s+${name}\\s`, 'm'));
      expect(betaHelp.stdout).toMatch(new RegExp(`^\\s+${name}\\s`, 'm'));
      const refused = await runInProcess([name, 'list']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/beta resource.*--beta/);
    }
  });

  it('does not offer internal operations', async () => {
    const result = await runInProcess(['--beta', '--help']);
    expect(result.stdout).not.toMatch(/internal-settings|installer-tokens/);
  });

  it('exits 2 with one line naming the fix on an unknown command, with a suggestion', async () => {
    const result = await runInProcess(['keys', 'crate']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/unknown command 'crate'.*Did you mean create\?.*Fix: see `opsmerge keys --help`/);
  });

  it('exits 2 on an unknown option, a bad enum value or a bad number', async () => {
    for (const args of [['agents', 'list', '--colour', 'x'], ['agents', 'list', '--status', 'bogus'], ['tickets', 'list', '--limit', 'zero'], ['tickets', 'list', '--per-page', '500']]) {
      const result = await runInProcess(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^error: .*Fix: see `opsmerge \w+ list --help`\.\n$/);
    }
  });

  it('exits 2 with a JSON error for --json together with --ndjson', async () => {
    const result = await runInProcess(['whoami', '--json', '--ndjson']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: 'USAGE', exit_code: 2 } });
  });

  it('shows help and exits 2 when a subcommand is missing', async () => {
    const result = await runInProcess(['keys']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: opsmerge keys');
  });
});
